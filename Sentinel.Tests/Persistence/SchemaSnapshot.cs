using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Sentinel.Tests.Persistence;

/// <summary>
/// Reads a database's actual schema (tables, columns with types and nullability, keys, indexes, foreign keys)
/// into sorted lines, so that two databases can be compared with a readable diff.
/// </summary>
internal static class SchemaSnapshot
{
    public static async Task<List<string>> ReadAsync(DbContext context)
    {
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            var lines = context.Database.IsSqlite() ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
            lines.Sort(StringComparer.Ordinal);
            return lines;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>
    /// <paramref name="migrated"/> without the column defaults that <paramref name="model"/> lacks. A migration that
    /// adds a NOT NULL column fills the existing rows through a default (dotnet ef writes <c>defaultValue: 0</c>), which
    /// stays on PostgreSQL although the model has none; EF always writes the value, so it is harmless. (SQLite lines
    /// carry no defaults at all.) A default the model has must still be there.
    /// </summary>
    public static List<string> WithoutDefaultsTheModelLacks(List<string> migrated, List<string> model)
    {
        const string Default = " default=";
        var withoutDefault = model.Where(line => line.EndsWith(Default, StringComparison.Ordinal)).Select(line => line[..^Default.Length]).ToHashSet();
        return migrated.Select(line =>
        {
            var at = line.LastIndexOf(Default, StringComparison.Ordinal);
            return at >= 0 && line.StartsWith("column ", StringComparison.Ordinal) && withoutDefault.Contains(line[..at]) ? line[..(at + Default.Length)] : line;
        }).ToList();
    }

    private static async Task<List<string>> ReadSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'");
        foreach (var table in tables.Select(row => row[0]))
        {
            lines.Add($"table {table}");
            foreach (var column in await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")"))
            {
                lines.Add($"column {table}.{column[1]} {column[2]} notnull={column[3]} pk={column[5]}");
            }

            foreach (var index in await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")"))
            {
                var columns = (await QueryAsync(connection, $"PRAGMA index_info(\"{index[1]}\")")).OrderBy(c => int.Parse(c[0])).Select(c => c[2]);
                // Auto-indexes back the primary key; their names are SQLite's own, so name them by origin.
                var name = index[3] == "c" ? index[1] : $"({index[3]})";
                lines.Add($"index {table}.{name} unique={index[2]} on ({string.Join(",", columns)})");
            }

            foreach (var key in await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{table}\")"))
            {
                lines.Add($"fk {table}.{key[3]} -> {key[2]}.{key[4]} on delete {key[6]}");
            }
        }

        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var column in await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable, is_identity, coalesce(identity_generation, ''), coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            """))
        {
            lines.Add($"column {column[0]}.{column[1]} {column[2]}({column[3]}) nullable={column[4]} identity={column[5]}/{column[6]} default={column[7]}");
        }

        foreach (var index in await QueryAsync(connection, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'"))
        {
            lines.Add($"index {index[0]}");
        }

        foreach (var constraint in await QueryAsync(connection, """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"__EFMigrationsHistory"'
            """))
        {
            lines.Add($"constraint {constraint[0]}.{constraint[1]} {constraint[2]}");
        }

        return lines;
    }

    private static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(row);
        }

        return rows;
    }
}
