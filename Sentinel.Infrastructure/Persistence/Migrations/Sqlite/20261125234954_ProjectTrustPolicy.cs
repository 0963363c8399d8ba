using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sentinel.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProjectTrustPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "AllowAtOrAbove",
                table: "TrustProjectSettings",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "BlockBelow",
                table: "TrustProjectSettings",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinimumObservations",
                table: "TrustProjectSettings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WithTooLittleEvidence",
                table: "TrustProjectSettings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Environments",
                table: "Projects",
                type: "TEXT",
                maxLength: 1300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AllowAtOrAbove",
                table: "TrustProjectSettings");

            migrationBuilder.DropColumn(
                name: "BlockBelow",
                table: "TrustProjectSettings");

            migrationBuilder.DropColumn(
                name: "MinimumObservations",
                table: "TrustProjectSettings");

            migrationBuilder.DropColumn(
                name: "WithTooLittleEvidence",
                table: "TrustProjectSettings");

            migrationBuilder.DropColumn(
                name: "Environments",
                table: "Projects");
        }
    }
}
