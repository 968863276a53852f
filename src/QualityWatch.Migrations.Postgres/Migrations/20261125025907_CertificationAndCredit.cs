using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QualityWatch.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CertificationAndCredit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Scheme = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NumberKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuerKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HolderName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    HolderCreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    HolderEnterpriseId = table.Column<long>(type: "bigint", nullable: true),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    Manufacturer = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Factory = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PrivateLabels = table.Column<List<string>>(type: "text[]", nullable: false),
                    ProductCategory = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Products = table.Column<List<string>>(type: "text[]", nullable: false),
                    Models = table.Column<List<string>>(type: "text[]", nullable: false),
                    Standard = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Legislation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Module = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Fee = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certification_bodies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Aliases = table.Column<List<string>>(type: "text[]", nullable: false),
                    Source = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certification_bodies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "credit_listings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    EntityName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    EnterpriseId = table.Column<long>(type: "bigint", nullable: true),
                    RegionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DecisionNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Authority = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CaseNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ObjectionUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    ListedUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    RestorableFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    RestoredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RestorationNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Measures = table.Column<List<string>>(type: "text[]", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credit_listings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certificate_audits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CertificateId = table.Column<long>(type: "bigint", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificate_audits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certificate_audits_certificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "certificate_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CertificateId = table.Column<long>(type: "bigint", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificate_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certificate_events_certificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "certification_body_scopes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BodyId = table.Column<long>(type: "bigint", nullable: false),
                    Scheme = table.Column<int>(type: "integer", nullable: false),
                    ProductCategory = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Legislation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    From = table.Column<DateOnly>(type: "date", nullable: true),
                    Until = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certification_body_scopes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certification_body_scopes_certification_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "certification_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "certification_body_statuses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BodyId = table.Column<long>(type: "bigint", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certification_body_statuses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certification_body_statuses_certification_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "certification_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "credit_listing_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ListingId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credit_listing_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credit_listing_events_credit_listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "credit_listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_certificate_audits_CertificateId_Date",
                table: "certificate_audits",
                columns: new[] { "CertificateId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificate_events_CertificateId_Date_Kind",
                table: "certificate_events",
                columns: new[] { "CertificateId", "Date", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificate_events_Kind_Date",
                table: "certificate_events",
                columns: new[] { "Kind", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_HolderCreditCode",
                table: "certificates",
                column: "HolderCreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_IssuerKey",
                table: "certificates",
                column: "IssuerKey");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_NumberKey",
                table: "certificates",
                column: "NumberKey");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_RegionCode",
                table: "certificates",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_Scheme_NumberKey_IssuerKey",
                table: "certificates",
                columns: new[] { "Scheme", "NumberKey", "IssuerKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certification_bodies_Key",
                table: "certification_bodies",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certification_bodies_Number",
                table: "certification_bodies",
                column: "Number");

            migrationBuilder.CreateIndex(
                name: "IX_certification_body_scopes_BodyId",
                table: "certification_body_scopes",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_certification_body_statuses_BodyId",
                table: "certification_body_statuses",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_credit_listing_events_ListingId_At",
                table: "credit_listing_events",
                columns: new[] { "ListingId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_credit_listings_CreditCode",
                table: "credit_listings",
                column: "CreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_credit_listings_DecisionNumber",
                table: "credit_listings",
                column: "DecisionNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_credit_listings_RegionCode",
                table: "credit_listings",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_credit_listings_State_ObjectionUntil",
                table: "credit_listings",
                columns: new[] { "State", "ObjectionUntil" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certificate_audits");

            migrationBuilder.DropTable(
                name: "certificate_events");

            migrationBuilder.DropTable(
                name: "certification_body_scopes");

            migrationBuilder.DropTable(
                name: "certification_body_statuses");

            migrationBuilder.DropTable(
                name: "credit_listing_events");

            migrationBuilder.DropTable(
                name: "certificates");

            migrationBuilder.DropTable(
                name: "certification_bodies");

            migrationBuilder.DropTable(
                name: "credit_listings");
        }
    }
}
