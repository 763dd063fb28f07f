using Microsoft.EntityFrameworkCore.Migrations;
#nullable disable

namespace Commentary.Api.Data.Migrations
{
    /// <summary>
    /// search_vector becomes a column kept by a trigger instead of a stored generated column (same expression, same
    /// values, no table rewrite): a bulk load with triggers bypassed may then store vectors computed elsewhere.
    /// </summary>
    public partial class SearchVectorTrigger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE translations ALTER COLUMN search_vector DROP EXPRESSION;
                CREATE FUNCTION translations_search_vector() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    NEW.search_vector :=
                        setweight(to_tsvector('english'::regconfig, coalesce(split_part(NEW.published_search_text, U&'\001E', 1), '')), 'A') ||
                        setweight(to_tsvector('english'::regconfig, coalesce(split_part(NEW.published_search_text, U&'\001E', 2), '')), 'B') ||
                        setweight(to_tsvector('english'::regconfig, coalesce(split_part(NEW.published_search_text, U&'\001E', 3), '')), 'C');
                    RETURN NEW;
                END
                $fn$;
                CREATE TRIGGER translations_search_vector BEFORE INSERT OR UPDATE OF published_search_text, search_vector ON translations
                    FOR EACH ROW EXECUTE FUNCTION translations_search_vector();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER translations_search_vector ON translations;
                DROP FUNCTION translations_search_vector();
                ALTER TABLE translations DROP COLUMN search_vector;
                ALTER TABLE translations ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english'::regconfig, coalesce(split_part(published_search_text, U&'\001E', 1), '')), 'A') ||
                    setweight(to_tsvector('english'::regconfig, coalesce(split_part(published_search_text, U&'\001E', 2), '')), 'B') ||
                    setweight(to_tsvector('english'::regconfig, coalesce(split_part(published_search_text, U&'\001E', 3), '')), 'C')) STORED;
                CREATE INDEX ix_translations_search_vector ON translations USING GIN (search_vector);
                """);
        }
    }
}
