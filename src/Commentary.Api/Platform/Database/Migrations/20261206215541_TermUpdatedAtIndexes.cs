using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commentary.Api.Platform.Database.Migrations
{
    /// <inheritdoc />
    public partial class TermUpdatedAtIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_topics_updated_at",
                table: "topics",
                column: "updated_at",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_sources_updated_at",
                table: "sources",
                column: "updated_at",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_authors_updated_at",
                table: "authors",
                column: "updated_at",
                descending: new bool[0]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_topics_updated_at",
                table: "topics");

            migrationBuilder.DropIndex(
                name: "ix_sources_updated_at",
                table: "sources");

            migrationBuilder.DropIndex(
                name: "ix_authors_updated_at",
                table: "authors");
        }
    }
}
