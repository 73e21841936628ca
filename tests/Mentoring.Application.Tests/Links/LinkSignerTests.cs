using Mentoring.Application.Links;
using Microsoft.Extensions.Options;

namespace Mentoring.Tests.Links;

public sealed class LinkSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly LinkClaims Claims = new(LinkPurpose.Met, "prog", "pair-1", "key-1", "mentor:p-1", Now.AddDays(30));
    private static readonly LinkPurpose[] CheckIns = [LinkPurpose.Met, LinkPurpose.Postponed, LinkPurpose.MeetOn];

    private static LinkSigner Signer(string key, string? previous = null) =>
        new(Options.Create(new LinkOptions { SigningKey = key, PreviousSigningKey = previous }));

    [Fact]
    public void Verify_SignedToken_GivesBackTheClaimsAndAStableActionId()
    {
        var signer = Signer("k".PadRight(32, 'k'));
        var token = signer.Sign(Claims);

        Assert.True(signer.TryVerify(token, CheckIns, Now, out var first, out _));
        Assert.True(signer.TryVerify(token, CheckIns, Now, out var second, out _));
        Assert.Equal(Claims, first!.Claims);
        Assert.Equal(first.ActionId, second!.ActionId);
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
    }

    [Fact]
    public void Verify_EveryCharacterChanged_IsRefused()
    {
        var signer = Signer("k".PadRight(32, 'k'));
        var token = signer.Sign(Claims);

        for (var i = 0; i < token.Length; i++)
        {
            var tampered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.False(signer.TryVerify(tampered, CheckIns, Now, out _, out _), $"position {i}");
        }
    }

    [Fact]
    public void Verify_AfterExpiry_IsRefusedAsExpired()
    {
        var signer = Signer("k".PadRight(32, 'k'));

        Assert.False(signer.TryVerify(signer.Sign(Claims), CheckIns, Claims.ExpiresAt, out _, out var refusal));
        Assert.Equal(LinkRefusal.Expired, refusal);
    }

    [Fact]
    public void Verify_OtherPurpose_IsRefused()
    {
        var signer = Signer("k".PadRight(32, 'k'));

        Assert.False(signer.TryVerify(signer.Sign(Claims), [LinkPurpose.Unsubscribe], Now, out _, out var refusal));
        Assert.Equal(LinkRefusal.WrongPurpose, refusal);
    }

    [Fact]
    public void Verify_RotatedKey_AcceptsThePreviousAndRefusesAStranger()
    {
        var old = "o".PadRight(32, 'o');
        var token = Signer(old).Sign(Claims);

        Assert.True(Signer("n".PadRight(32, 'n'), previous: old).TryVerify(token, CheckIns, Now, out _, out _));
        Assert.False(Signer("n".PadRight(32, 'n')).TryVerify(token, CheckIns, Now, out _, out var refusal));
        Assert.Equal(LinkRefusal.BadSignature, refusal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("abc.def")]
    [InlineData("!!!.???")]
    public void Verify_Garbage_IsMalformed(string token)
    {
        Assert.False(Signer("k".PadRight(32, 'k')).TryVerify(token, CheckIns, Now, out _, out var refusal));
        Assert.Equal(LinkRefusal.Malformed, refusal);
    }
}
