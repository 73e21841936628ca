using Mentoring.Engine.Meetings;

namespace Mentoring.Engine.Tests.Meetings;

/// <summary>The duplicate check's own comparison (from the end, a word at a time) agrees with ordinal equality.</summary>
public sealed class ChangeIdsTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("a", "a")]
    [InlineData("a", "b")]
    [InlineData("abc", "abd")]
    [InlineData("abcd", "abcd")]
    [InlineData("abcd", "xbcd")]
    [InlineData("abcde", "xbcde")]
    [InlineData("abcde", "abcdx")]
    [InlineData("abcd", "abcde")]
    [InlineData("AAMkAGI2TG93AAA=/3/created", "AAMkAGI2TG93AAA=/4/created")]
    [InlineData("AAMkAGI2TG93AAA=/3/created", "AAMkAGI2TG93AAA=/3/moved/0")]
    [InlineData("AAMkAGI2TG93AAA=/3/created", "BAMkAGI2TG93AAA=/3/created")]
    [InlineData("AAMkAGI2TG93AAA=/3/created", "AAMkAGI2TG93AAA=/3/created")]
    [InlineData("12345678", "12345679")]
    [InlineData("12345678", "02345678")]
    public void Equal_AgreesWithOrdinalEquality_ForEqualButNotSameStrings(string first, string second)
    {
        // Fresh copies: equal ids in different strings must still be found equal.
        var a = new string(first.AsSpan());
        var b = new string(second.AsSpan());

        Assert.Equal(string.Equals(first, second, StringComparison.Ordinal), ChangeIds.Equal(a, b));
        Assert.Equal(string.Equals(first, second, StringComparison.Ordinal), ChangeIds.Equal(b, a));
        Assert.True(ChangeIds.Equal(a, new string(a.AsSpan())));
    }

    [Fact]
    public void Equal_EveryPositionOfADifference_IsSeen()
    {
        const string id = "AAMkAGI2TG93AAA=/17/moved/1";
        for (var length = 0; length <= id.Length; length++)
        {
            var original = id[..length];
            for (var position = 0; position < length; position++)
            {
                var changed = original.ToCharArray();
                changed[position] = '#';
                Assert.False(ChangeIds.Equal(original, new string(changed)), $"{original} at {position}");
            }

            Assert.True(ChangeIds.Equal(original, new string(original.AsSpan())));
        }
    }
}
