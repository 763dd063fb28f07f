using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commentary.Api.Platform.Database.Migrations
{
    /// <inheritdoc />
    public partial class Editions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "draft_parts",
                table: "articles",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "edition_count",
                table: "articles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "parts_revision",
                table: "articles",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "published_edition",
                table: "articles",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "published_original_language",
                table: "articles",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "scheduled_content",
                table: "articles",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "draft_slug",
                table: "articles",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true,
                computedColumnSql: "draft_parts ->> 'slug'",
                stored: true);

            migrationBuilder.CreateTable(
                name: "article_editions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    languages = table.Column<string[]>(type: "text[]", nullable: false),
                    parts_revision = table.Column<int>(type: "integer", nullable: false),
                    revisions = table.Column<string>(type: "jsonb", nullable: false),
                    parts = table.Column<string>(type: "jsonb", nullable: true),
                    texts = table.Column<string>(type: "jsonb", nullable: true),
                    redacted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    redacted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    redaction_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_editions", x => x.id);
                    table.ForeignKey(
                        name: "fk_article_editions_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // What readers see now becomes edition 1 of each article; drafts stay as they are (no draft of the shared
            // parts: the rows readers are served from are the draft), and a pending schedule keeps publishing the
            // languages it named, frozen at their current revisions.
            migrationBuilder.Sql("""
                UPDATE articles a SET published_original_language = a.original_language
                WHERE EXISTS (SELECT 1 FROM translations t WHERE t.article_id = a.id AND t.published_revision IS NOT NULL);

                INSERT INTO article_editions (id, article_id, number, published_at, published_by, languages, parts_revision, revisions, parts, texts)
                SELECT gen_random_uuid(), a.id, 1, COALESCE(a.last_published_at, a.first_published_at, a.updated_at), 'migration',
                    ARRAY(SELECT t.language FROM translations t WHERE t.article_id = a.id AND t.published_revision IS NOT NULL ORDER BY t.language),
                    1,
                    (SELECT jsonb_object_agg(t.language, t.published_revision) FROM translations t
                        WHERE t.article_id = a.id AND t.published_revision IS NOT NULL),
                    jsonb_build_object(
                        'slug', a.slug,
                        'originalLanguage', a.original_language,
                        'authors', COALESCE((SELECT jsonb_agg(x.author_id ORDER BY x.position) FROM article_authors x WHERE x.article_id = a.id), '[]'),
                        'topics', COALESCE((SELECT jsonb_agg(x.topic_id ORDER BY x.position) FROM article_topics x WHERE x.article_id = a.id), '[]'),
                        'quotes', COALESCE((SELECT jsonb_agg(jsonb_build_object(
                                'id', q.id, 'sourceId', q.source_id, 'outletId', q.outlet_id,
                                'text', jsonb_strip_nulls(jsonb_build_object('en', q.text_en, 'zh-Hans', q.text_zh_hans, 'zh-Hant', q.text_zh_hant)))
                            ORDER BY q.position) FROM quotes q WHERE q.article_id = a.id), '[]'),
                        'related', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', r.id, 'article', r.target_article_id, 'url', r.url, 'title', r.title)
                            ORDER BY r.position) FROM related_links r WHERE r.article_id = a.id), '[]')),
                    (SELECT jsonb_object_agg(t.language, jsonb_build_object(
                            'title', t.published_title, 'summary', t.published_summary, 'body', t.published_body, 'bodyHtml', t.published_body_html))
                        FROM translations t WHERE t.article_id = a.id AND t.published_revision IS NOT NULL)
                FROM articles a
                WHERE a.published_original_language IS NOT NULL;

                UPDATE articles a SET edition_count = 1,
                    published_edition = CASE WHEN a.deleted_at IS NULL AND a.first_published_at IS NOT NULL THEN 1 END
                WHERE a.published_original_language IS NOT NULL;

                UPDATE articles a SET scheduled_content = jsonb_build_object(
                    'revisions', COALESCE((SELECT jsonb_object_agg(t.language, t.revision) FROM translations t
                        WHERE t.article_id = a.id AND (cardinality(a.scheduled_languages) = 0 OR t.language = ANY (a.scheduled_languages))), '{}'),
                    'parts', NULL, 'partsRevision', 1, 'scheduledBy', 'migration')
                WHERE a.scheduled_at IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_articles_draft_slug",
                table: "articles",
                column: "draft_slug",
                unique: true,
                filter: "deleted_at IS NULL AND draft_slug IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_article_editions_article_id_number",
                table: "article_editions",
                columns: new[] { "article_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Before editions the rows readers were served from were the draft: drafted parts go back into them.
            migrationBuilder.Sql("""
                UPDATE articles SET slug = draft_parts ->> 'slug' WHERE draft_parts IS NOT NULL;
                DELETE FROM article_authors x USING articles a WHERE x.article_id = a.id AND a.draft_parts IS NOT NULL;
                DELETE FROM article_topics x USING articles a WHERE x.article_id = a.id AND a.draft_parts IS NOT NULL;
                DELETE FROM quotes x USING articles a WHERE x.article_id = a.id AND a.draft_parts IS NOT NULL;
                DELETE FROM related_links x USING articles a WHERE x.article_id = a.id AND a.draft_parts IS NOT NULL;
                INSERT INTO article_authors (article_id, author_id, position)
                    SELECT a.id, (e.value #>> '{}')::uuid, e.ordinality - 1
                    FROM articles a, jsonb_array_elements(a.draft_parts -> 'authors') WITH ORDINALITY AS e(value, ordinality)
                    WHERE a.draft_parts IS NOT NULL;
                INSERT INTO article_topics (article_id, topic_id, position)
                    SELECT a.id, (e.value #>> '{}')::uuid, e.ordinality - 1
                    FROM articles a, jsonb_array_elements(a.draft_parts -> 'topics') WITH ORDINALITY AS e(value, ordinality)
                    WHERE a.draft_parts IS NOT NULL;
                INSERT INTO quotes (id, article_id, position, source_id, outlet_id, text_en, text_zh_hans, text_zh_hant)
                    SELECT (e.value ->> 'id')::uuid, a.id, e.ordinality - 1, (e.value ->> 'sourceId')::uuid, (e.value ->> 'outletId')::uuid,
                        e.value -> 'text' ->> 'en', e.value -> 'text' ->> 'zh-Hans', e.value -> 'text' ->> 'zh-Hant'
                    FROM articles a, jsonb_array_elements(a.draft_parts -> 'quotes') WITH ORDINALITY AS e(value, ordinality)
                    WHERE a.draft_parts IS NOT NULL;
                INSERT INTO related_links (id, article_id, position, target_article_id, url, title)
                    SELECT (e.value ->> 'id')::uuid, a.id, e.ordinality - 1, (e.value ->> 'article')::uuid, e.value ->> 'url', e.value ->> 'title'
                    FROM articles a, jsonb_array_elements(a.draft_parts -> 'related') WITH ORDINALITY AS e(value, ordinality)
                    WHERE a.draft_parts IS NOT NULL;
                """);

            migrationBuilder.DropTable(
                name: "article_editions");

            migrationBuilder.DropIndex(
                name: "ix_articles_draft_slug",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "draft_slug",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "draft_parts",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "edition_count",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "parts_revision",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "published_edition",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "published_original_language",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "scheduled_content",
                table: "articles");
        }
    }
}
