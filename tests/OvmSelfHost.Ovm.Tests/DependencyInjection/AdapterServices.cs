using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using OvmSelfHost.Ovm.DependencyInjection;

namespace OvmSelfHost.Ovm.Tests.DependencyInjection;

/// <summary>Builds the adapters through <c>AddOvmAdapters</c> from in-memory configuration, optionally over a stub transport.</summary>
internal static class AdapterServices
{
    public static Dictionary<string, string?> Configuration(string baseUrl = "https://ovmm-a:7002/ovm/core/wsapi/rest", string? sshKey = null)
    {
        var key = sshKey ?? Path.GetTempFileName();
        var settings = new Dictionary<string, string?>();
        foreach (var env in new[] { "A", "B" })
        {
            foreach (var role in new[] { "OriginalManager", "ReplacementManager" })
            {
                settings[$"Ovm:Environments:{env}:{role}:BaseUrl"] = baseUrl;
                settings[$"Ovm:Environments:{env}:{role}:Username"] = "admin";
                settings[$"Ovm:Environments:{env}:{role}:Password"] = "s3cret-Pa55";
                settings[$"Ovm:Environments:{env}:{role}:CertificateThumbprint"] = new string('a', 64);
            }

            foreach (var host in new[] { "OriginalManager", "ReplacementVm" })
            {
                settings[$"Ovm:Environments:{env}:Hosts:{host}:Ssh:Address"] = "127.0.0.1";
                settings[$"Ovm:Environments:{env}:Hosts:{host}:Ssh:PrivateKeyPath"] = key;
                settings[$"Ovm:Environments:{env}:Hosts:{host}:Ssh:HostKey"] = "SHA256:m7ULFxM60W91Kq02zAx9EGhXgYVJrPVn5XNOkt7ArKg";
            }
        }

        return settings;
    }

    public static ServiceProvider Build(Dictionary<string, string?> settings, HttpMessageHandler? transport = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOvmAdapters(configuration.GetSection("Ovm"));
        if (transport is not null)
        {
            services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = transport));
        }

        return services.BuildServiceProvider();
    }
}
