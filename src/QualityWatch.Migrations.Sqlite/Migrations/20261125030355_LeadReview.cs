using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityWatch.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LeadReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReviewNote",
                table: "producer_leads",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReviewedAt",
                table: "producer_leads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "producer_leads",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SignalId",
                table: "producer_leads",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReviewNote",
                table: "producer_leads");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "producer_leads");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "producer_leads");

            migrationBuilder.DropColumn(
                name: "SignalId",
                table: "producer_leads");
        }
    }
}
