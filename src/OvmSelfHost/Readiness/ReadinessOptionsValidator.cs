using Microsoft.Extensions.Options;
using Quartz;

namespace OvmSelfHost.Readiness;

internal sealed class ReadinessOptionsValidator(IConfiguration configuration) : IValidateOptions<ReadinessOptions>
{
    public ValidateOptionsResult Validate(string? name, ReadinessOptions options)
    {
        var errors = new List<string>();
        if (!CronExpression.TryParse(options.Schedule, out _))
        {
            errors.Add($"Readiness:Schedule '{options.Schedule}' is not a Quartz cron expression (seconds first, e.g. '0 0 6 * * ?').");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            errors.Add($"Readiness:TimeZone '{options.TimeZone}' is not a time zone (use an IANA name such as Europe/Paris).");
        }

        var environments = configuration.GetSection("Environments").GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in options.Pairs)
        {
            if (pair.Split('-') is not [var a, var b] || !environments.Contains(a) || !environments.Contains(b) || string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"Readiness:Pairs '{pair}' must be two different configured environments as A-B (configured: {string.Join(", ", environments)}).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
