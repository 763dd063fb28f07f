using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;
#nullable disable

namespace Commentary.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublicSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // PostgreSQL 15 cannot turn a plain column into a generated one: drop and re-add it (and its GIN index).
            migrationBuilder.DropIndex(name: "ix_translations_search_vector", table: "translations");
            migrationBuilder.DropColumn(name: "search_vector", table: "translations");

            migrationBuilder.AddColumn<string>(
                name: "published_search_text",
                table: "translations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "translations",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "setweight(to_tsvector('english'::regconfig, coalesce(split_part(published_search_text, U&'\\001E', 1), '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(split_part(published_search_text, U&'\\001E', 2), '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(split_part(published_search_text, U&'\\001E', 3), '')), 'C')",
                stored: true);

            migrationBuilder.CreateIndex(name: "ix_translations_search_vector", table: "translations", column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_translations_search_vector", table: "translations");
            migrationBuilder.DropColumn(name: "search_vector", table: "translations");
            migrationBuilder.DropColumn(name: "published_search_text", table: "translations");
            migrationBuilder.AddColumn<NpgsqlTsVector>(name: "search_vector", table: "translations", type: "tsvector", nullable: true);
            migrationBuilder.CreateIndex(name: "ix_translations_search_vector", table: "translations", column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }
    }
}
