using Microsoft.EntityFrameworkCore.Migrations;

namespace Sentinel.Infrastructure.Persistence.Migrations.Handwritten;

/// <summary>
/// Cold storage of the trust column: per-project trust settings (allowed origins, user-id salt), per-user profiles,
/// finished-session summaries and the verdict audit. Written by hand like <see cref="Initial"/>; MigrationSchemaTests
/// checks it against the model on SQLite and PostgreSQL.
/// </summary>
public abstract class TrustStorage : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "TrustProjectSettings",
            columns: table => new
            {
                ProjectId = table.Column<Guid>(nullable: false),
                AllowedOrigins = table.Column<string>(maxLength: 4000, nullable: false),
                UserSalt = table.Column<byte[]>(maxLength: 32, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TrustProjectSettings", x => x.ProjectId);
                table.ForeignKey("FK_TrustProjectSettings_Projects_ProjectId", x => x.ProjectId, "Projects", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TrustUserProfiles",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProjectId = table.Column<Guid>(nullable: false),
                UserHash = table.Column<string>(maxLength: 64, nullable: false),
                Version = table.Column<int>(nullable: false),
                MouseBaseline = table.Column<byte[]>(nullable: true),
                KeystrokeProfiles = table.Column<string>(nullable: false),
                SessionsLearned = table.Column<int>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TrustUserProfiles", x => x.Id);
                table.ForeignKey("FK_TrustUserProfiles_Projects_ProjectId", x => x.ProjectId, "Projects", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_TrustUserProfiles_ProjectId_UserHash", "TrustUserProfiles", ["ProjectId", "UserHash"], unique: true);

        migrationBuilder.CreateTable(
            name: "TrustSessionSummaries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProjectId = table.Column<Guid>(nullable: false),
                SessionId = table.Column<string>(maxLength: 128, nullable: false),
                UserHash = table.Column<string>(maxLength: 64, nullable: true),
                FirstSeen = table.Column<DateTime>(nullable: false),
                LastSeen = table.Column<DateTime>(nullable: false),
                FinalizedAt = table.Column<DateTime>(nullable: false),
                EventsSeen = table.Column<long>(nullable: false),
                Rejected = table.Column<long>(nullable: false),
                Score = table.Column<double>(nullable: false),
                Action = table.Column<int>(nullable: false),
                Reasons = table.Column<string>(nullable: false),
                ModelVersions = table.Column<string>(maxLength: 256, nullable: false),
                ProfileVersion = table.Column<int>(nullable: false),
                OverrideAction = table.Column<int>(nullable: true),
                OverrideBy = table.Column<string>(maxLength: 256, nullable: true),
                OverrideNote = table.Column<string>(maxLength: 2000, nullable: true),
                OverrideAt = table.Column<DateTime>(nullable: true),
                Outcome = table.Column<int>(nullable: true),
                OutcomeNote = table.Column<string>(maxLength: 2000, nullable: true),
                OutcomeAt = table.Column<DateTime>(nullable: true),
                MouseProfile = table.Column<byte[]>(nullable: true),
                KeystrokeSamples = table.Column<string>(nullable: true),
                RawSample = table.Column<byte[]>(nullable: true),
                LearnedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TrustSessionSummaries", x => x.Id);
                table.ForeignKey("FK_TrustSessionSummaries_Projects_ProjectId", x => x.ProjectId, "Projects", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_TrustSessionSummaries_ProjectId_SessionId", "TrustSessionSummaries", ["ProjectId", "SessionId"], unique: true);
        migrationBuilder.CreateIndex("IX_TrustSessionSummaries_ProjectId_LastSeen", "TrustSessionSummaries", ["ProjectId", "LastSeen"]);
        migrationBuilder.CreateIndex("IX_TrustSessionSummaries_LearnedAt", "TrustSessionSummaries", "LearnedAt");

        migrationBuilder.CreateTable(
            name: "TrustVerdictAudits",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProjectId = table.Column<Guid>(nullable: false),
                SessionId = table.Column<string>(maxLength: 128, nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Kind = table.Column<string>(maxLength: 16, nullable: false),
                Action = table.Column<int>(nullable: true),
                Score = table.Column<double>(nullable: true),
                Actor = table.Column<string>(maxLength: 256, nullable: false),
                Note = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TrustVerdictAudits", x => x.Id);
                table.ForeignKey("FK_TrustVerdictAudits_Projects_ProjectId", x => x.ProjectId, "Projects", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_TrustVerdictAudits_ProjectId_SessionId_At", "TrustVerdictAudits", ["ProjectId", "SessionId", "At"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("TrustVerdictAudits");
        migrationBuilder.DropTable("TrustSessionSummaries");
        migrationBuilder.DropTable("TrustUserProfiles");
        migrationBuilder.DropTable("TrustProjectSettings");
    }
}
