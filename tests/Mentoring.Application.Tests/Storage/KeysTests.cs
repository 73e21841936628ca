using Mentoring.Application.Storage;

namespace Mentoring.Tests.Storage;

public sealed class KeysTests
{
    [Theory]
    [InlineData("pair/1")]
    [InlineData("a\\b#c?d")]
    [InlineData("tab\there")]
    [InlineData("100%")]
    [InlineData("ünïcode~")]
    public void Encode_ForbiddenCharacters_NeverAppear(string id)
    {
        var key = Keys.Encode(id);

        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' or '%' or '~' || char.IsControl(c));
    }

    [Fact]
    public void Encode_DifferentIds_DifferentKeys() =>
        Assert.NotEqual(Keys.Encode("a/b"), Keys.Encode("a!2Fb"));

    [Fact]
    public void Encode_LongId_StaysWithinTheKeyLimitAndStable()
    {
        var id = new string('x', 2000);

        Assert.True(Keys.Encode(id).Length <= 255);
        Assert.Equal(Keys.Encode(id), Keys.Encode(id));
        Assert.NotEqual(Keys.Encode(id), Keys.Encode(id + "y"));
    }

    [Fact]
    public void Sortable_LaterInstant_SortsAfter() =>
        Assert.True(string.CompareOrdinal(
            Keys.Sortable(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero)),
            Keys.Sortable(new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero))) > 0);
}
