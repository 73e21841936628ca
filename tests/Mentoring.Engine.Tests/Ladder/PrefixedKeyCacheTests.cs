using Mentoring.Engine.Ladder;

namespace Mentoring.Engine.Tests.Ladder;

/// <summary>A reused key is handed out only while it equals the one that would be built.</summary>
public sealed class PrefixedKeyCacheTests
{
    [Fact]
    public void Of_SameIdInAnotherString_ReusesTheKey()
    {
        var cache = new PrefixedKeyCache();
        var first = cache.Of("ep-after-", "meeting-1");

        var again = cache.Of("ep-after-", new string("meeting-1".AsSpan()));

        Assert.Equal("ep-after-meeting-1", first);
        Assert.Same(first, again);
    }

    [Theory]
    [InlineData("ep-after-", "meeting-1", "ep-after-", "meeting-2")]
    [InlineData("ep-after-", "meeting-1", "ep-after-", "meeting-11")]
    [InlineData("ep-after-", "meeting-1", "ep-start-", "meeting-1")]
    [InlineData("ep-after-", "m", "ep-after", "-m")] // same whole key, split elsewhere: still equal
    [InlineData("ep-after-", "m", "ep-after-m", "")]
    public void Of_AnotherKey_IsBuiltAfresh(string prefix, string id, string otherPrefix, string otherId)
    {
        var cache = new PrefixedKeyCache();
        cache.Of(prefix, id);

        Assert.Equal(otherPrefix + otherId, cache.Of(otherPrefix, otherId));
        Assert.Equal(prefix + id, cache.Of(prefix, id));
    }
}
