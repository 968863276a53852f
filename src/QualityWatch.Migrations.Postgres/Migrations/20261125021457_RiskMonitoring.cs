using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityWatch.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RiskMonitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "complaints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ComplainantType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ProblemText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SourceId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    EnterpriseName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EnterpriseCreditCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: true),
                    LinkMethod = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    LinkConfidence = table.Column<double>(type: "double precision", nullable: true),
                    ProductText = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ProductCategory = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Problem = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ClassificationConfidence = table.Column<double>(type: "double precision", nullable: false),
                    Vulnerable = table.Column<int>(type: "integer", nullable: false),
                    Analysis = table.Column<string>(type: "text", nullable: true),
                    ContentHash = table.Column<string>(type: "character varying(44)", maxLength: 44, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enforcement_cases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ViolationType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    GoodsSeized = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Penalty = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SourceId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    EnterpriseName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EnterpriseCreditCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: true),
                    LinkMethod = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    LinkConfidence = table.Column<double>(type: "double precision", nullable: true),
                    ProductText = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ProductCategory = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Problem = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ClassificationConfidence = table.Column<double>(type: "double precision", nullable: false),
                    Vulnerable = table.Column<int>(type: "integer", nullable: false),
                    Analysis = table.Column<string>(type: "text", nullable: true),
                    ContentHash = table.Column<string>(type: "character varying(44)", maxLength: 44, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enforcement_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inspection_results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Plan = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    BatchNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Standard = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Verdict = table.Column<int>(type: "integer", nullable: false),
                    FailedItems = table.Column<List<string>>(type: "text[]", nullable: false),
                    SourceId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    EnterpriseName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EnterpriseCreditCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: true),
                    LinkMethod = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    LinkConfidence = table.Column<double>(type: "double precision", nullable: true),
                    ProductText = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ProductCategory = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Problem = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ClassificationConfidence = table.Column<double>(type: "double precision", nullable: false),
                    Vulnerable = table.Column<int>(type: "integer", nullable: false),
                    Analysis = table.Column<string>(type: "text", nullable: true),
                    ContentHash = table.Column<string>(type: "character varying(44)", maxLength: 44, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_results", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WarningId = table.Column<long>(type: "bigint", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: true),
                    Text = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "opinion_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SourceSite = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Title = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Feed = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SourceId = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    EnterpriseName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EnterpriseCreditCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: true),
                    LinkMethod = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    LinkConfidence = table.Column<double>(type: "double precision", nullable: true),
                    ProductText = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ProductCategory = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Problem = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ClassificationConfidence = table.Column<double>(type: "double precision", nullable: false),
                    Vulnerable = table.Column<int>(type: "integer", nullable: false),
                    Analysis = table.Column<string>(type: "text", nullable: true),
                    ContentHash = table.Column<string>(type: "character varying(44)", maxLength: 44, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opinion_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    Target = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FailedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "producer_leads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Mentions = table.Column<int>(type: "integer", nullable: false),
                    Sources = table.Column<List<string>>(type: "text[]", nullable: false),
                    Records = table.Column<List<string>>(type: "text[]", nullable: false),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_producer_leads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "risk_signals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SeriesKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ProductCategory = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Problem = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: true),
                    Frequency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    Observed = table.Column<double>(type: "double precision", nullable: false),
                    Expected = table.Column<double>(type: "double precision", nullable: true),
                    Threshold = table.Column<double>(type: "double precision", nullable: true),
                    Method = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Strength = table.Column<double>(type: "double precision", nullable: false),
                    Severity = table.Column<int>(type: "integer", nullable: false),
                    Vulnerable = table.Column<int>(type: "integer", nullable: false),
                    Evidence = table.Column<string>(type: "text", nullable: false),
                    Note = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    DetectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WarningId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_signals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "risk_warnings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Title = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    GroupKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    ProductCategory = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Problem = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: true),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Severity = table.Column<int>(type: "integer", nullable: false),
                    ScoreBreakdown = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Judgement = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RiskAssessment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AssessedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AssessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IssuedTo = table.Column<List<string>>(type: "text[]", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_warnings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disposal_tasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WarningId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Assignee = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Result = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disposal_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_disposal_tasks_risk_warnings_WarningId",
                        column: x => x.WarningId,
                        principalTable: "risk_warnings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_Day",
                table: "complaints",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_EnterpriseId",
                table: "complaints",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_RegionCode",
                table: "complaints",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_SourceId",
                table: "complaints",
                column: "SourceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disposal_tasks_RegionCode",
                table: "disposal_tasks",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_disposal_tasks_Status_DueAt",
                table: "disposal_tasks",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disposal_tasks_WarningId",
                table: "disposal_tasks",
                column: "WarningId");

            migrationBuilder.CreateIndex(
                name: "IX_enforcement_cases_Day",
                table: "enforcement_cases",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_enforcement_cases_EnterpriseId",
                table: "enforcement_cases",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_enforcement_cases_RegionCode",
                table: "enforcement_cases",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_enforcement_cases_SourceId",
                table: "enforcement_cases",
                column: "SourceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspection_results_Day",
                table: "inspection_results",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_results_EnterpriseId",
                table: "inspection_results",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_results_RegionCode",
                table: "inspection_results",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_results_SourceId",
                table: "inspection_results",
                column: "SourceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notices_EnterpriseId",
                table: "notices",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_notices_RegionCode_CreatedAt",
                table: "notices",
                columns: new[] { "RegionCode", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_opinion_items_Day",
                table: "opinion_items",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_opinion_items_EnterpriseId",
                table: "opinion_items",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_opinion_items_RegionCode",
                table: "opinion_items",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_opinion_items_SourceId",
                table: "opinion_items",
                column: "SourceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_DeliveredAt_NextAttemptAt",
                table: "outbox_messages",
                columns: new[] { "DeliveredAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_producer_leads_NormalizedName_RegionCode",
                table: "producer_leads",
                columns: new[] { "NormalizedName", "RegionCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_producer_leads_RegionCode",
                table: "producer_leads",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_risk_signals_DetectedAt",
                table: "risk_signals",
                column: "DetectedAt");

            migrationBuilder.CreateIndex(
                name: "IX_risk_signals_EnterpriseId",
                table: "risk_signals",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_risk_signals_RegionCode",
                table: "risk_signals",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_risk_signals_SeriesKey_PeriodStart",
                table: "risk_signals",
                columns: new[] { "SeriesKey", "PeriodStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_risk_signals_WarningId",
                table: "risk_signals",
                column: "WarningId");

            migrationBuilder.CreateIndex(
                name: "IX_risk_warnings_EnterpriseId",
                table: "risk_warnings",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_risk_warnings_GroupKey",
                table: "risk_warnings",
                column: "GroupKey");

            migrationBuilder.CreateIndex(
                name: "IX_risk_warnings_Number",
                table: "risk_warnings",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_risk_warnings_RegionCode",
                table: "risk_warnings",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_risk_warnings_State_DueAt",
                table: "risk_warnings",
                columns: new[] { "State", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "complaints");

            migrationBuilder.DropTable(
                name: "disposal_tasks");

            migrationBuilder.DropTable(
                name: "enforcement_cases");

            migrationBuilder.DropTable(
                name: "inspection_results");

            migrationBuilder.DropTable(
                name: "notices");

            migrationBuilder.DropTable(
                name: "opinion_items");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "producer_leads");

            migrationBuilder.DropTable(
                name: "risk_signals");

            migrationBuilder.DropTable(
                name: "risk_warnings");
        }
    }
}
