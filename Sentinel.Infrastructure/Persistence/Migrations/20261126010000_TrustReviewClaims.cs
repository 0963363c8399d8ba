using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sentinel.Infrastructure.Persistence.Migrations;

/// <summary>
/// The review queue's claims (who reviews which flagged session) and each finished session's score history for the
/// review page's chart. Hand-written like <see cref="Initial"/> (ADR 005); MigrationSchemaTests checks it.
/// </summary>
[DbContext(typeof(SentinelDbContext))]
[Migration("20261126010000_TrustReviewClaims")]
public sealed class TrustReviewClaims : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "ScoreHistory", table: "TrustSessionSummaries", nullable: true);

        migrationBuilder.CreateTable(
            name: "TrustReviewClaims",
            columns: table => new
            {
                ProjectId = table.Column<Guid>(nullable: false),
                SessionId = table.Column<string>(maxLength: 128, nullable: false),
                AssigneeId = table.Column<string>(maxLength: 450, nullable: false),
                AssigneeName = table.Column<string>(maxLength: 256, nullable: false),
                AssignedBy = table.Column<string>(maxLength: 256, nullable: false),
                AssignedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TrustReviewClaims", x => new { x.ProjectId, x.SessionId });
                table.ForeignKey("FK_TrustReviewClaims_Projects_ProjectId", x => x.ProjectId, "Projects", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_TrustReviewClaims_AssigneeId", "TrustReviewClaims", "AssigneeId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("TrustReviewClaims");
        if (migrationBuilder.IsSqlite())
        {
            // EF refuses DropColumn on SQLite, but the bundled SQLite (3.35+) has ALTER TABLE ... DROP COLUMN.
            migrationBuilder.Sql("""ALTER TABLE "TrustSessionSummaries" DROP COLUMN "ScoreHistory";""");
        }
        else
        {
            migrationBuilder.DropColumn(name: "ScoreHistory", table: "TrustSessionSummaries");
        }
    }
}
