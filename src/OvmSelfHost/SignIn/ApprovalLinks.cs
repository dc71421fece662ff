using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Endpoints;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.SignIn;

/// <summary>
/// Chat approval links as data-protected tickets (the host's key ring, the same one its sign-in
/// cookies use): nothing is stored until the link is used, and then its nonce is claimed once.
/// </summary>
public sealed class ApprovalLinks(
    IDataProtectionProvider protection, IOptions<SignInOptions> options, RunbookSettings settings, LocalMode local, TimeProvider time) : IApprovalLinks
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector protector = protection.CreateProtector("OvmSelfHost.SignIn.ApprovalLinks.v1");

    public TimeSpan Lifetime => options.Value.LinkLifetime;

    public Uri? For(ProposalKey key, string channel, string chatUserId, string person)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (settings.FreshSignIn is not { } rule || !rule.Applies(key.Gate))
        {
            return null;
        }

        var link = new ApprovalLink(key.MigrationId, key.Phase, key.Gate, key.Round, channel, chatUserId, person,
            time.GetUtcNow() + Lifetime, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var ticket = WebEncoders.Base64UrlEncode(protector.Protect(JsonSerializer.SerializeToUtf8Bytes(link, Json)));
        return new Uri(BaseAddress(), $"/?link={ticket}");
    }

    /// <summary>The link a ticket carries, or null with the reason (forged, damaged, expired).</summary>
    public (ApprovalLink? Link, string? Refusal) Read(string? ticket)
    {
        ApprovalLink? link;
        try
        {
            link = JsonSerializer.Deserialize<ApprovalLink>(protector.Unprotect(WebEncoders.Base64UrlDecode(ticket ?? "")), Json);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return (null, "This approval link is not valid (damaged, or not made by this host). Click Approve in chat again for a new one; nothing was recorded.");
        }

        return link is null ? (null, "This approval link is empty; nothing was recorded.")
            : link.ExpiresAt < time.GetUtcNow() ? (null, $"This approval link expired at {link.ExpiresAt:HH:mm:ss}Z (links last {Lifetime:g}). Click Approve in chat again for a new one; nothing was recorded.")
            : (link, null);
    }

    private Uri BaseAddress() =>
        options.Value.PublicUrl is { Length: > 0 } url ? new Uri(url)
        : new Uri(local.Addresses().FirstOrDefault(a => !a.Contains("://*", StringComparison.Ordinal) && !a.Contains("://+", StringComparison.Ordinal)) ?? "http://localhost");
}
