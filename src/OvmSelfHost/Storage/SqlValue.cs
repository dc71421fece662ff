using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace OvmSelfHost.Storage;

/// <summary>A parameter of a hand-written statement: bound through EF Core's mapping of its column, or as the provider infers it from the value when it has none (text when null).</summary>
internal sealed record SqlValue(string Name, object? Value, RelationalTypeMapping? Mapping = null)
{
    public DbParameter Bind(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Mapping is not null)
        {
            return Mapping.CreateParameter(command, Name, Value, nullable: Value is null);
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = Name;
        if (Value is null or string)
        {
            parameter.DbType = DbType.String;
        }

        parameter.Value = Value ?? DBNull.Value;
        return parameter;
    }
}
