using System;
using Microsoft.EntityFrameworkCore.Migrations;
#nullable disable

namespace Commentary.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArticleRenditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "article_renditions",
                columns: table => new
                {
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    slug = table.Column<string>(type: "text", nullable: false),
                    original_language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    served_language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    body = table.Column<byte[]>(type: "bytea", nullable: false),
                    e_tag = table.Column<string>(type: "text", nullable: false),
                    last_modified = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    depends_on = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    built_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_renditions", x => new { x.article_id, x.requested_language });
                });

            migrationBuilder.CreateTable(
                name: "rendition_queue",
                columns: table => new
                {
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    generation = table.Column<long>(type: "bigint", nullable: false),
                    cascade = table.Column<bool>(type: "boolean", nullable: false),
                    enqueued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rendition_queue", x => x.article_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_article_renditions_depends_on",
                table: "article_renditions",
                column: "depends_on")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_article_renditions_slug",
                table: "article_renditions",
                column: "slug");

            migrationBuilder.CreateIndex(
                name: "ix_rendition_queue_enqueued_at",
                table: "rendition_queue",
                column: "enqueued_at");

            // Every change of public content is a content_changes row written in the writer's transaction: queuing the
            // article there makes its renditions unservable in the very commit that changes it, however it was written.
            migrationBuilder.Sql("""
                CREATE FUNCTION enqueue_article_renditions() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO rendition_queue (article_id, generation, cascade, enqueued_at)
                    SELECT DISTINCT article_id, 1, true, now() FROM changed ORDER BY article_id
                    ON CONFLICT (article_id) DO UPDATE
                        SET generation = rendition_queue.generation + 1, cascade = true, enqueued_at = excluded.enqueued_at;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER content_changes_enqueue_renditions
                    AFTER INSERT ON content_changes REFERENCING NEW TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION enqueue_article_renditions();

                INSERT INTO rendition_queue (article_id, generation, cascade, enqueued_at)
                SELECT DISTINCT t.article_id, 1, false, now()
                FROM translations t JOIN articles a ON a.id = t.article_id
                WHERE t.published_revision IS NOT NULL AND a.deleted_at IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER content_changes_enqueue_renditions ON content_changes;
                DROP FUNCTION enqueue_article_renditions();
                """);

            migrationBuilder.DropTable(
                name: "article_renditions");

            migrationBuilder.DropTable(
                name: "rendition_queue");
        }
    }
}
