using System.Net;
using Mentoring.Application.Outbound;

namespace Mentoring.Tests.Outbound;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.42.0.9", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")] // IPv4-mapped IPv6
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.254", "private")]
    [InlineData("192.168.0.10", "private")]
    [InlineData("100.64.0.1", "private")] // carrier-grade NAT
    [InlineData("::ffff:10.0.0.5", "private")]
    [InlineData("fd00::1", "private")] // unique local, fd00::/8
    [InlineData("fc00::1", "private")]
    [InlineData("fec0::1", "private")] // deprecated site-local
    [InlineData("169.254.169.254", "link-local")] // the cloud metadata endpoint
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")] // NAT64 of 169.254.169.254
    [InlineData("fe80::1", "link-local")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("::ffff:0.0.0.0", "unspecified")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("::127.0.0.1", "loopback")] // deprecated IPv4-compatible form
    public void RefusalOf_NonPublicAddress_NamesItsClass(string address, string expected) =>
        Assert.Equal(expected, AddressClassifier.RefusalOf(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")] // just past 172.16.0.0/12
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")] // just past 100.64.0.0/10
    [InlineData("169.255.0.1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    public void RefusalOf_PublicAddress_IsNull(string address) =>
        Assert.Null(AddressClassifier.RefusalOf(IPAddress.Parse(address)));
}
