using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commentary.Api.Platform.Database.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledSlug : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "scheduled_slug",
                table: "articles",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true,
                computedColumnSql: "scheduled_content -> 'parts' ->> 'slug'",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_articles_scheduled_slug",
                table: "articles",
                column: "scheduled_slug",
                unique: true,
                filter: "deleted_at IS NULL AND scheduled_slug IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_articles_scheduled_slug",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "scheduled_slug",
                table: "articles");
        }
    }
}
