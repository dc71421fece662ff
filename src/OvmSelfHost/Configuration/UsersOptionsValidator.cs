using Microsoft.Extensions.Options;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Configuration;

/// <summary>Every user has a name, known roles only, and no name is listed twice.</summary>
internal sealed class UsersOptionsValidator : IValidateOptions<UsersOptions>
{
    public ValidateOptionsResult Validate(string? name, UsersOptions options)
    {
        var errors = new List<string>();
        for (var index = 0; index < options.Count; index++)
        {
            var key = $"{UsersOptions.SectionName}:{index}";
            EnvironmentsOptionsValidator.Require(errors, options[index].Name, $"{key}:Name");
            foreach (var role in options[index].Roles.Where(r => !Vocabularies.OfEnum<PersonRole>("role").TryParse(r, out _)))
            {
                errors.Add($"{key}:Roles has unknown role '{role}' (use requester, approver).");
            }
        }

        var duplicate = options.Where(u => !string.IsNullOrWhiteSpace(u.Name)).GroupBy(u => u.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            errors.Add($"Users lists '{duplicate.Key}' twice.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
