using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sentinel.Infrastructure.Persistence.Migrations;

/// <summary>
/// The project page's settings: a project's own trust thresholds (null = the shipped default, ADR 024) and its
/// declared environments. Nullable columns, so existing rows need no default. Written by hand like
/// <see cref="Initial"/>; MigrationSchemaTests checks it against the model on SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(SentinelDbContext))]
[Migration("20261126000000_ProjectTrustPolicy")]
public sealed class ProjectTrustPolicy : Migration
{
    private static readonly string[] PolicyColumns = ["AllowAtOrAbove", "BlockBelow", "MinimumObservations", "WithTooLittleEvidence"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<double>(name: "AllowAtOrAbove", table: "TrustProjectSettings", nullable: true);
        migrationBuilder.AddColumn<double>(name: "BlockBelow", table: "TrustProjectSettings", nullable: true);
        migrationBuilder.AddColumn<int>(name: "MinimumObservations", table: "TrustProjectSettings", nullable: true);
        migrationBuilder.AddColumn<int>(name: "WithTooLittleEvidence", table: "TrustProjectSettings", nullable: true);
        migrationBuilder.AddColumn<string>(name: "Environments", table: "Projects", maxLength: 1300, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var column in PolicyColumns)
        {
            DropColumn(migrationBuilder, "TrustProjectSettings", column);
        }

        DropColumn(migrationBuilder, "Projects", "Environments");
    }

    private static void DropColumn(MigrationBuilder migrationBuilder, string table, string column)
    {
        if (migrationBuilder.IsSqlite())
        {
            // EF refuses DropColumn on SQLite, but the bundled SQLite (3.35+) has ALTER TABLE ... DROP COLUMN.
            migrationBuilder.Sql($"ALTER TABLE \"{table}\" DROP COLUMN \"{column}\";");
        }
        else
        {
            migrationBuilder.DropColumn(name: column, table: table);
        }
    }
}
