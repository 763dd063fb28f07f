using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commentary.Api.Platform.Database.Migrations
{
    /// <inheritdoc />
    public partial class ScheduleFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "schedule_failures",
                table: "articles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "schedule_last_error",
                table: "articles",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "schedule_retry_at",
                table: "articles",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "schedule_failures",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "schedule_last_error",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "schedule_retry_at",
                table: "articles");
        }
    }
}
