using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.SignIn;

/// <summary>
/// Sign-in for the console (OpenID Connect, authorization code with PKCE, a cookie session) and bearer
/// tokens for the JSON API, against one identity provider; nothing at all in local mode.
/// </summary>
public static class SignInExtensions
{
    /// <summary>Picks the cookie or the bearer token per request, so one sign-in check serves every endpoint.</summary>
    public const string Scheme = "ovm";

    /// <summary>Set on a challenge that must make the person sign in again (dangerous approvals).</summary>
    internal const string FreshItem = "ovm-fresh";

    public static IHostApplicationBuilder AddSignIn(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SignInOptions>, SignInOptionsValidator>();
        builder.Services.AddSingleton<SignedInPeople>();
        builder.Services.AddSingleton<Askers>();
        builder.Services.AddSingleton<ApprovalLinks>();
        builder.Services.AddSingleton<IApprovalLinks>(sp => sp.GetRequiredService<ApprovalLinks>());

        var options = builder.Configuration.GetSection(SignInOptions.SectionName).Get<SignInOptions>() ?? new SignInOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddPolicyScheme(Scheme, "Console cookie or API bearer token", o => o.ForwardDefaultSelector = http =>
                Askers.IsBearer(http.Request) ? JwtBearerDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o => ConfigureCookie(o, options))
            .AddOpenIdConnect(o => ConfigureOpenIdConnect(o, options))
            .AddJwtBearer(o => ConfigureBearer(o, options));
        return builder;
    }

    /// <summary>Before the cross-site guard: the console's anti-forgery tokens are bound to the signed-in person.</summary>
    public static IApplicationBuilder UseSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<Askers>().SignInEnabled ? app.UseAuthentication() : app;
    }

    public static WebApplication MapSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        SignInEndpoints.Map(app);
        return app;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o, SignInOptions options)
    {
        o.Cookie.Name = "ovm-session";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = options.SessionLifetime;
        o.SlidingExpiration = false;
        // The JSON API answers 401/403 as problem details; only pages are sent to the provider.
        o.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions o, SignInOptions options)
    {
        o.Authority = options.Authority;
        o.ClientId = options.ClientId;
        o.ClientSecret = Environment.GetEnvironmentVariable(SignInOptions.ClientSecretVariable);
        o.ResponseType = OpenIdConnectResponseType.Code;
        // The provider comes back with a top-level GET, so the Lax correlation cookies travel with it.
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.RequireHttpsMetadata = options.RequireHttpsMetadata;
        o.SaveTokens = false;
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        o.Scope.Clear();
        foreach (var scope in options.Scopes.Append("openid").Distinct())
        {
            o.Scope.Add(scope);
        }

        o.TokenValidationParameters.NameClaimType = options.NameClaim;
        // auth_time is how a dangerous approval knows the sign-in is fresh: keep it on the session.
        o.ClaimActions.Remove(SignedInPeople.AuthTimeClaim);
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Events.OnRedirectToIdentityProvider = context =>
        {
            if (context.Properties.Items.ContainsKey(FreshItem))
            {
                context.ProtocolMessage.Prompt = OpenIdConnectPrompt.Login;
                context.ProtocolMessage.MaxAge = "0";
            }

            return Task.CompletedTask;
        };
        // A failed or cancelled sign-in (denied consent, a replayed callback) is the person's to retry, never a 500.
        o.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect($"/?signInError={Uri.EscapeDataString(context.Failure?.Message ?? "sign-in failed")}");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    private static void ConfigureBearer(JwtBearerOptions o, SignInOptions options)
    {
        o.Authority = options.Authority;
        o.Audience = options.EffectiveAudience;
        o.RequireHttpsMetadata = options.RequireHttpsMetadata;
        o.MapInboundClaims = false;
        o.TokenValidationParameters.NameClaimType = options.NameClaim;
        o.TokenValidationParameters.ValidAudience = options.EffectiveAudience;
        // Expired means expired: a token past its lifetime is refused without the default five minutes of grace.
        o.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
    }
}
