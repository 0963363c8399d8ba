using Microsoft.EntityFrameworkCore.Migrations;

namespace Sentinel.Infrastructure.Persistence.Migrations.Handwritten;

/// <summary>
/// Per-project API keys (hash and lookup prefix only) and the analytics retention of each project. Written by hand
/// like <see cref="Initial"/>; MigrationSchemaTests checks it against the model on SQLite and PostgreSQL.
/// </summary>
public abstract class ApiKeysAndRetention : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "RetentionDays", table: "Projects", nullable: false, defaultValue: 30);

        migrationBuilder.CreateTable(
            name: "ApiKeys",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProjectId = table.Column<Guid>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Prefix = table.Column<string>(maxLength: 32, nullable: false),
                Hash = table.Column<byte[]>(maxLength: 32, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: true),
                RevokedAt = table.Column<DateTime>(nullable: true),
                LastUsedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApiKeys", x => x.Id);
                table.ForeignKey("FK_ApiKeys_Projects_ProjectId", x => x.ProjectId, "Projects", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_ApiKeys_Prefix", "ApiKeys", "Prefix", unique: true);
        migrationBuilder.CreateIndex("IX_ApiKeys_ProjectId", "ApiKeys", "ProjectId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ApiKeys");
        if (migrationBuilder.IsSqlite())
        {
            // EF refuses DropColumn on SQLite, but the bundled SQLite (3.35+) has ALTER TABLE ... DROP COLUMN.
            migrationBuilder.Sql("ALTER TABLE \"Projects\" DROP COLUMN \"RetentionDays\";");
        }
        else
        {
            migrationBuilder.DropColumn(name: "RetentionDays", table: "Projects");
        }
    }
}
