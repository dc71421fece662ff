using OvmSelfHost.Configuration;

namespace OvmSelfHost.Web;

/// <summary>
/// Finds the console's files wherever the host was started from: the project's <c>wwwroot</c> in a
/// repository checkout (a plain build does not copy it), or <c>wwwroot</c> beside a published host.
/// </summary>
internal static class WebConsoleFiles
{
    private const string Index = "index.html";

    /// <summary>The folder that holds index.html, or null (the host then says at / where it looked).</summary>
    public static string? Locate(IWebHostEnvironment environment, out string searched)
    {
        var candidates = new List<string?>
        {
            environment.WebRootPath,
            Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        };
        foreach (var start in new[] { environment.ContentRootPath, AppContext.BaseDirectory })
        {
            if (RepositorySettings.FindRoot(start) is { } root)
            {
                candidates.Add(Path.Combine(root, "src", "OvmSelfHost", "wwwroot"));
            }
        }

        searched = string.Join(", ", candidates.Where(c => c is not null));
        return candidates.FirstOrDefault(c => c is not null && File.Exists(Path.Combine(c, Index)));
    }
}
