using Microsoft.Extensions.Options;

namespace OvmSelfHost.Operations;

internal sealed class OperationsOptionsValidator : IValidateOptions<OperationsOptions>
{
    public ValidateOptionsResult Validate(string? name, OperationsOptions options)
    {
        var errors = new List<string>();
        if (options.OtlpEndpoint is { Length: > 0 } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"Operations:OtlpEndpoint '{endpoint}' must be an absolute http(s) URL such as http://otel-collector:4317.");
        }

        if (!options.PrometheusPath.StartsWith('/') || options.PrometheusPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("Operations:PrometheusPath must be a path such as /metrics, outside /api/.");
        }

        if (options.ProbeTimeout <= TimeSpan.Zero)
        {
            errors.Add("Operations:ProbeTimeout must be positive (hh:mm:ss).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
