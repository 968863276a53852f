using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityWatch.Migrations.Postgres.Migrations
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
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReviewedAt",
                table: "producer_leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "producer_leads",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SignalId",
                table: "producer_leads",
                type: "bigint",
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
