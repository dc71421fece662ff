using Microsoft.Extensions.Options;

namespace OvmSelfHost.Chat.Teams;

/// <summary>Half a Teams configuration stops the host with the key to set; none at all leaves Teams off.</summary>
public sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var errors = new List<string>();
        var hasId = !string.IsNullOrWhiteSpace(options.AppId);
        var hasPassword = !string.IsNullOrWhiteSpace(options.AppPassword);
        if (hasId != hasPassword)
        {
            var missing = hasId ? "AppPassword" : "AppId";
            errors.Add($"Teams:{missing} is required when Teams:{(hasId ? "AppId" : "AppPassword")} is set (environment variable Teams__{missing}).");
        }

        if (hasId && !Guid.TryParse(options.AppId, out _))
        {
            errors.Add($"Teams:AppId '{options.AppId}' is not a GUID: use the bot's Microsoft App ID.");
        }

        if (!string.IsNullOrWhiteSpace(options.TenantId) && !Guid.TryParse(options.TenantId, out _))
        {
            errors.Add($"Teams:TenantId '{options.TenantId}' is not a GUID: leave it empty for a multi-tenant bot.");
        }

        Url(errors, "OpenIdMetadataUrl", options.OpenIdMetadataUrl);
        Url(errors, "TokenEndpoint", options.EffectiveTokenEndpoint);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Url(List<string> errors, string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            errors.Add($"Teams:{key} '{value}' is not an absolute http(s) URL.");
        }
    }
}
