using Microsoft.EntityFrameworkCore.Migrations;

namespace Sentinel.Infrastructure.Persistence.Migrations.Handwritten;

/// <summary>
/// What the MudBlazor portal's administration needs (docs/decisions/015): archived projects, unique project names,
/// a forced password change after a one-time password, and each person's theme. Written by hand like
/// <see cref="Initial"/>; MigrationSchemaTests checks it against the model on SQLite and PostgreSQL.
/// </summary>
public abstract class PortalAdministration : Migration
{
    private static readonly string[] UserFlags = ["MustChangePassword", "PrefersDarkMode"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>(name: "ArchivedAt", table: "Projects", nullable: true);

        // Names were not unique before: keep the oldest slug's name and make the others unique with their slug
        // (30 + 3 + 64 characters fit the 100 of a name), so the unique index can be created on any existing data.
        migrationBuilder.Sql("""
            UPDATE "Projects" SET "Name" = substr("Name", 1, 30) || ' (' || "Slug" || ')'
            WHERE EXISTS (SELECT 1 FROM "Projects" AS other WHERE other."Name" = "Projects"."Name" AND other."Slug" < "Projects"."Slug");
            """);
        migrationBuilder.CreateIndex("IX_Projects_Name", "Projects", "Name", unique: true);

        foreach (var flag in UserFlags)
        {
            // The default fills existing rows; the model has none (EF sets the value), so PostgreSQL drops it again.
            migrationBuilder.AddColumn<bool>(name: flag, table: "AspNetUsers", nullable: false, defaultValue: false);
            if (!migrationBuilder.IsSqlite())
            {
                migrationBuilder.Sql($"""ALTER TABLE "AspNetUsers" ALTER COLUMN "{flag}" DROP DEFAULT;""");
            }
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Projects_Name", "Projects");
        DropColumn(migrationBuilder, "Projects", "ArchivedAt");
        foreach (var flag in UserFlags)
        {
            DropColumn(migrationBuilder, "AspNetUsers", flag);
        }
    }

    private static void DropColumn(MigrationBuilder migrationBuilder, string table, string column)
    {
        if (migrationBuilder.IsSqlite())
        {
            // EF refuses DropColumn on SQLite, but the bundled SQLite (3.35+) has ALTER TABLE ... DROP COLUMN.
            migrationBuilder.Sql($"""ALTER TABLE "{table}" DROP COLUMN "{column}";""");
        }
        else
        {
            migrationBuilder.DropColumn(name: column, table: table);
        }
    }
}
