using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OvmSelfHost.TestIdentityProvider;

/// <summary>The provider's clients (the console, a pipeline) and its scopes, each scope naming the audience its tokens are for.</summary>
internal static class ProviderClients
{
    public static async Task SeedAsync(IServiceProvider services, IEnumerable<Uri> hosts)
    {
        await using var scope = services.CreateAsyncScope();
        var scopes = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = "api", Resources = { TestIdentityProvider.ApiAudience } });
        await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = "other", Resources = { TestIdentityProvider.OtherAudience } });

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var console = new OpenIddictApplicationDescriptor
        {
            ClientId = TestIdentityProvider.ConsoleClientId,
            ClientSecret = TestIdentityProvider.ConsoleClientSecret,
            ClientType = ClientTypes.Confidential,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.Password,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email, Permissions.Scopes.Profile,
                Permissions.Prefixes.Scope + "api", Permissions.Prefixes.Scope + "other",
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var host in hosts)
        {
            console.RedirectUris.Add(new Uri(host, "/signin-oidc"));
            console.PostLogoutRedirectUris.Add(new Uri(host, "/signout-callback-oidc"));
        }

        await applications.CreateAsync(console);
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = TestIdentityProvider.PipelineClientId,
            ClientSecret = TestIdentityProvider.PipelineClientSecret,
            ClientType = ClientTypes.Confidential,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + "api" },
        });
    }
}
