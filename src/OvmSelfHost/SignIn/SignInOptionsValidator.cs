using Microsoft.Extensions.Options;
using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.SignIn;

/// <summary>Stops the host at start-up with the key that is wrong, before anyone could sign in half-configured.</summary>
internal sealed class SignInOptionsValidator(IConfiguration configuration) : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options)
    {
        var errors = new List<string>();
        if (configuration[$"{SignInOptions.SectionName}:ClientSecret"] is { Length: > 0 })
        {
            errors.Add($"SignIn:ClientSecret must not be configured: set the environment variable {SignInOptions.ClientSecretVariable} instead (secrets never live in files).");
        }

        if (!options.Enabled)
        {
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }

        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"SignIn:Authority '{options.Authority}' is not an absolute http(s) address.");
        }
        else if (authority.Scheme != Uri.UriSchemeHttps && options.RequireHttpsMetadata)
        {
            errors.Add("SignIn:Authority must use https (set SignIn:RequireHttpsMetadata to false only for a test provider on loopback).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add("SignIn:ClientId is required when SignIn:Authority is set.");
        }

        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SignInOptions.ClientSecretVariable)))
        {
            errors.Add($"The environment variable {SignInOptions.ClientSecretVariable} (the client secret) is required when SignIn:Authority is set.");
        }

        if (options.Approvers.Count == 0)
        {
            errors.Add("SignIn:Approvers must list at least one group or app role: without approvers no gate could ever be approved.");
        }

        if (options.RoleClaims.Count == 0)
        {
            errors.Add("SignIn:RoleClaims must name at least one claim (roles, groups).");
        }

        Positive(errors, options.SessionLifetime, "SignIn:SessionLifetime");
        Positive(errors, options.LinkLifetime, "SignIn:LinkLifetime");
        Positive(errors, options.FreshSignIn.MaxAge, "SignIn:FreshSignIn:MaxAge");
        errors.AddRange(options.FreshSignIn.Gates.Where(g => !GatePolicies.IsKnownGate(g))
            .Select(g => $"SignIn:FreshSignIn:Gates has '{g}', which is not a gate. Known: {string.Join(", ", GatePolicies.KnownGates)}."));
        if (options.PublicUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            errors.Add($"SignIn:PublicUrl '{url}' is not an absolute address.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be positive (hh:mm:ss).");
        }
    }
}
