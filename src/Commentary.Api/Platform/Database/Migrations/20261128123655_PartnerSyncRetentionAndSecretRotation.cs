using System;
using Microsoft.EntityFrameworkCore.Migrations;
#nullable disable

namespace Commentary.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class PartnerSyncRetentionAndSecretRotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "previous_secret",
                table: "webhooks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "previous_secret_expires_at",
                table: "webhooks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "content_change_horizon",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    transaction_id = table.Column<long>(type: "bigint", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    pruned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_change_horizon", x => x.id);
                    table.CheckConstraint("ck_content_change_horizon_singleton", "id = 1");
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "content_change_horizon");

            migrationBuilder.DropColumn(
                name: "previous_secret",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "previous_secret_expires_at",
                table: "webhooks");
        }
    }
}
