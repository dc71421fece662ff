using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace OvmSelfHost.Storage;

/// <summary>
/// Reads the rows of one entity type from one result set of a hand-batched command, through EF Core's own
/// mapping of that type (column names, the provider's reader method, value converters), so a row is what an
/// EF query would have made of it, on SQLite and PostgreSQL alike. Written by hand because EF Core cannot
/// send several queries in one round trip (dotnet/efcore#10879), and a run is loaded on every vote.
/// </summary>
internal sealed class RowReader<T>
    where T : class, new()
{
    private readonly Dictionary<string, Column> columns;

    public RowReader(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var type = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        Table = type.GetTableName()!;
        var table = StoreObjectIdentifier.Table(Table, type.GetSchema());
        columns = type.GetProperties().Where(p => p.PropertyInfo is not null).ToDictionary(
            p => p.GetColumnName(table)!,
            p => new Column(p.Name, p.PropertyInfo!, p.GetRelationalTypeMapping()),
            StringComparer.Ordinal);
    }

    /// <summary>The table, unquoted.</summary>
    public string Table { get; }

    /// <summary>Every mapped column, quoted, for a SELECT list.</summary>
    public string SelectList => string.Join(", ", columns.Keys.Select(Quote));

    public static string Quote(string name) => $"\"{name}\"";

    /// <summary>The quoted column of a property.</summary>
    public string ColumnOf(string property) => Quote(columns.Single(c => c.Value.Name == property).Key);

    /// <summary>A parameter for a value of a property, converted as EF Core would store it (a Guid as text on SQLite, for one).</summary>
    public DbParameter Parameter(DbCommand command, string name, string property, object value) =>
        columns.Values.Single(c => c.Name == property).Mapping.CreateParameter(command, name, value, nullable: false);

    public async Task<List<T>> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var read = Enumerable.Range(0, reader.FieldCount).Select(i => columns[reader.GetName(i)]).ToArray();
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new T();
            for (var i = 0; i < read.Length; i++)
            {
                if (!await reader.IsDBNullAsync(i, cancellationToken))
                {
                    read[i].Set(row, reader, i);
                }
            }

            rows.Add(row);
        }

        return rows;
    }

    private sealed record Column(string Name, PropertyInfo Property, RelationalTypeMapping Mapping)
    {
        private readonly MethodInfo reader = Mapping.GetDataReaderMethod();

        public void Set(T row, DbDataReader from, int ordinal)
        {
            var value = reader.Invoke(from, [ordinal]);
            Property.SetValue(row, Mapping.Converter is { } converter ? converter.ConvertFromProvider(value) : value);
        }
    }
}
