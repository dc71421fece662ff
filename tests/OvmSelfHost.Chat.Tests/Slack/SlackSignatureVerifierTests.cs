using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Chat.Slack.Signing;

namespace OvmSelfHost.Chat.Tests.Slack;

public sealed class SlackSignatureVerifierTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_531_420_618);
    private readonly FakeTimeProvider time = new(Now);

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

    private static string Signed(long at, string secret = Secret) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"v0:{at.ToString(CultureInfo.InvariantCulture)}:").Concat(Body).ToArray()));

    private SignatureCheck Check(long at, string? signature) =>
        new SlackSignatureVerifier(Secret, time).Verify(at.ToString(CultureInfo.InvariantCulture), signature, Body);

    [Fact]
    public void SlackDocumentationExample_Verify_IsValid()
    {
        var check = Check(1_531_420_618, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Theory]
    [InlineData(-299, SignatureCheck.Valid)]
    [InlineData(299, SignatureCheck.Valid)]
    [InlineData(-301, SignatureCheck.StaleOrFutureTimestamp)]
    [InlineData(301, SignatureCheck.StaleOrFutureTimestamp)]
    public void Timestamp_FiveMinutesBothWays_IsTheWindow(int offsetSeconds, SignatureCheck expected)
    {
        var at = Now.ToUnixTimeSeconds() + offsetSeconds;

        Assert.Equal(expected, Check(at, Signed(at)));
    }

    [Fact]
    public void OtherSecret_Verify_IsMismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, Check(Now.ToUnixTimeSeconds(), Signed(Now.ToUnixTimeSeconds(), "other")));

    [Theory]
    [InlineData(null, "v0=00", SignatureCheck.MissingHeaders)]
    [InlineData("1531420618", null, SignatureCheck.MissingHeaders)]
    [InlineData("12ab", "v0=00", SignatureCheck.BadTimestamp)]
    [InlineData("-1531420618", "v0=00", SignatureCheck.BadTimestamp)]
    [InlineData("1531420618", "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureCheck.UnknownVersion)]
    [InlineData("1531420618", "v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503", SignatureCheck.Mismatch)]
    [InlineData("1531420618", "v0=a2114d57", SignatureCheck.Mismatch)]
    public void BadHeaders_Verify_AreRefused(string? timestamp, string? signature, SignatureCheck expected) =>
        Assert.Equal(expected, new SlackSignatureVerifier(Secret, time).Verify(timestamp, signature, Body));

    [Fact]
    public void Sign_MatchesSlacksAlgorithm() =>
        Assert.Equal(Signed(1_531_420_618), new SlackSignatureVerifier(Secret, time).Sign("1531420618", Body));
}
