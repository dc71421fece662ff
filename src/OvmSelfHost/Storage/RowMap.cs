using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace OvmSelfHost.Storage;

/// <summary>
/// Reads and writes the rows of one entity type in hand-batched commands, through EF Core's own mapping of that
/// type (column names, the provider's reader method, value converters), so a row is what EF Core would have read
/// or written, on SQLite and PostgreSQL alike. Written by hand because EF Core can neither send several queries
/// in one round trip (dotnet/efcore#10879) nor use a generated key later in the same batch, and a run is read
/// and saved on every vote.
/// </summary>
internal sealed class RowMap<T>
    where T : class, new()
{
    private readonly Dictionary<string, Column> columns;

    public RowMap(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var type = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        Table = type.GetTableName()!;
        var table = StoreObjectIdentifier.Table(Table, type.GetSchema());
        columns = type.GetProperties().Where(p => p.PropertyInfo is not null).ToDictionary(
            p => p.GetColumnName(table)!,
            p => new Column(p.Name, p.PropertyInfo!, p.GetRelationalTypeMapping(), IsIdentity(p)),
            StringComparer.Ordinal);
    }

    /// <summary>The table, unquoted.</summary>
    public string Table { get; }

    /// <summary>The table, quoted.</summary>
    public string QuotedTable => Quote(Table);

    /// <summary>Every mapped column, quoted, for a SELECT list.</summary>
    public string SelectList => string.Join(", ", columns.Keys.Select(Quote));

    public static string Quote(string name) => $"\"{name}\"";

    /// <summary>The quoted column of a property.</summary>
    public string ColumnOf(string property) => Quote(columns.Single(c => c.Value.Name == property).Key);

    /// <summary>A parameter for a value of a property, converted as EF Core would store it (a Guid as text on SQLite, for one).</summary>
    public DbParameter Parameter(DbCommand command, string name, string property, object value) =>
        columns.Values.Single(c => c.Name == property).Mapping.CreateParameter(command, name, value, nullable: false);

    /// <summary>The value of a property of <paramref name="row"/>, named <paramref name="name"/>, to be bound as EF Core would bind it.</summary>
    public SqlValue Value(string name, string property, T row)
    {
        var column = columns.Values.Single(c => c.Name == property);
        return new SqlValue(name, column.Property.GetValue(row), column.Mapping);
    }

    /// <summary>
    /// <c>INSERT</c> of every column but a generated key; <paramref name="expressions"/> gives some columns an SQL
    /// expression instead of the row's value (the key of the row inserted just before, say).
    /// </summary>
    public SqlStatement Insert(T row, string prefix, IReadOnlyDictionary<string, string>? expressions = null)
    {
        var written = columns.Where(c => !c.Value.Generated).ToList();
        var values = new List<SqlValue>();
        var sql = new List<string>();
        foreach (var (name, column) in written)
        {
            if (expressions?.GetValueOrDefault(column.Name) is { } expression)
            {
                sql.Add(expression);
                continue;
            }

            var parameter = $"@{prefix}{values.Count}";
            values.Add(new SqlValue(parameter, column.Property.GetValue(row), column.Mapping));
            sql.Add(parameter);
        }

        return new SqlStatement(
            $"INSERT INTO {QuotedTable} ({string.Join(", ", written.Select(c => Quote(c.Key)))}) VALUES ({string.Join(", ", sql)})", values);
    }

    /// <summary>
    /// <c>INSERT … ON CONFLICT (<paramref name="conflict"/>) DO UPDATE</c> of every other written column, when
    /// <paramref name="when"/> holds (an SQL condition over the stored row and <c>excluded</c>); the same on SQLite and PostgreSQL.
    /// </summary>
    public SqlStatement Upsert(T row, string prefix, IReadOnlyList<string> conflict, string? when = null)
    {
        var insert = Insert(row, prefix);
        var keys = conflict.Select(ColumnOf).ToList();
        var updated = columns.Where(c => !c.Value.Generated).Select(c => Quote(c.Key)).Where(c => !keys.Contains(c)).Select(c => $"{c} = excluded.{c}");
        return insert with
        {
            Text = $"{insert.Text} ON CONFLICT ({string.Join(", ", keys)}) DO UPDATE SET {string.Join(", ", updated)}{(when is null ? "" : $" WHERE {when}")}",
        };
    }

    /// <summary><c>UPDATE</c> of every column but the key columns, which select the row, with <paramref name="where"/> added to that selection.</summary>
    public SqlStatement Update(T row, string prefix, IReadOnlyList<string> key, string? where = null, IReadOnlyList<SqlValue>? whereValues = null)
    {
        var values = new List<SqlValue>();
        string Bind(Column column)
        {
            var parameter = $"@{prefix}{values.Count}";
            values.Add(new SqlValue(parameter, column.Property.GetValue(row), column.Mapping));
            return parameter;
        }

        var set = columns.Where(c => !c.Value.Generated && !key.Contains(c.Value.Name)).Select(c => $"{Quote(c.Key)} = {Bind(c.Value)}").ToList();
        var select = columns.Where(c => key.Contains(c.Value.Name)).Select(c => $"{Quote(c.Key)} = {Bind(c.Value)}").ToList();
        if (where is not null)
        {
            select.Add(where);
            values.AddRange(whereValues ?? []);
        }

        return new SqlStatement($"UPDATE {QuotedTable} SET {string.Join(", ", set)} WHERE {string.Join(" AND ", select)}", values);
    }

    /// <summary>A key the database numbers (an identity column); a Guid key is made by the caller.</summary>
    private static bool IsIdentity(IProperty property) =>
        property.IsPrimaryKey() && property.ValueGenerated == ValueGenerated.OnAdd && (property.ClrType == typeof(long) || property.ClrType == typeof(int));

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

    private sealed record Column(string Name, PropertyInfo Property, RelationalTypeMapping Mapping, bool Generated)
    {
        private readonly MethodInfo reader = Mapping.GetDataReaderMethod();

        public void Set(T row, DbDataReader from, int ordinal)
        {
            var value = reader.Invoke(from, [ordinal]);
            Property.SetValue(row, Mapping.Converter is { } converter ? converter.ConvertFromProvider(value) : value);
        }
    }
}
