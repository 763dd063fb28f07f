using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commentary.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchRecencyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search walks the newest published translations for frequent terms (Features/Search/SearchSql.cs), and
            // excludes deleted articles by probing the few deleted ids instead of joining every candidate.
            migrationBuilder.Sql("CREATE INDEX ix_translations_published_at_id ON translations (published_at, id) WHERE published_revision IS NOT NULL;");
            migrationBuilder.Sql("CREATE INDEX ix_articles_deleted_id ON articles (id) WHERE deleted_at IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_articles_deleted_id;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_translations_published_at_id;");
        }
    }
}
