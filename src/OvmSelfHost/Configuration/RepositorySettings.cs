using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace OvmSelfHost.Configuration;

public static class RepositorySettings
{
    /// <summary>
    /// Adds the repository-root appsettings.json (beside OvmSelfHost.sln), wherever the host is
    /// started from: the repository root, the project folder, or a test's content root.
    /// </summary>
    public static IHostApplicationBuilder AddRepositorySettings(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var root = FindRoot(builder.Environment.ContentRootPath);
        if (root is not null && !SamePath(root, builder.Environment.ContentRootPath) && File.Exists(Path.Combine(root, "appsettings.json")))
        {
            // First in the list, so that environment variables and the command line still override it.
            builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
            {
                Path = "appsettings.json",
                Optional = false,
                FileProvider = new PhysicalFileProvider(root),
            });
        }

        return builder;
    }

    /// <summary>The folder that holds OvmSelfHost.sln, at or above <paramref name="start"/>; relative data paths resolve against it.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OvmSelfHost.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
}
