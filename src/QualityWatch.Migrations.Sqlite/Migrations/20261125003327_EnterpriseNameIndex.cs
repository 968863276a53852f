using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityWatch.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EnterpriseNameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "enterprise_name_grams",
                columns: table => new
                {
                    EnterpriseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Gram = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enterprise_name_grams", x => new { x.Gram, x.EnterpriseId });
                    table.ForeignKey(
                        name: "FK_enterprise_name_grams_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_enterprise_name_grams_EnterpriseId",
                table: "enterprise_name_grams",
                column: "EnterpriseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "enterprise_name_grams");
        }
    }
}
