using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commentary.Api.Platform.Database.Migrations
{
    /// <inheritdoc />
    public partial class TranslationConversions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "converted_from",
                table: "translations",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "converted_from_revision",
                table: "translations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "converted_with",
                table: "translations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "converted_from",
                table: "translation_revisions",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "converted_from_revision",
                table: "translation_revisions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "converted_with",
                table: "translation_revisions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "glossary_terms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    term = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    config = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    replacement = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_glossary_terms", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_glossary_terms_created_at_id",
                table: "glossary_terms",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_glossary_terms_source_language_term_config",
                table: "glossary_terms",
                columns: new[] { "source_language", "term", "config" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "glossary_terms");

            migrationBuilder.DropColumn(
                name: "converted_from",
                table: "translations");

            migrationBuilder.DropColumn(
                name: "converted_from_revision",
                table: "translations");

            migrationBuilder.DropColumn(
                name: "converted_with",
                table: "translations");

            migrationBuilder.DropColumn(
                name: "converted_from",
                table: "translation_revisions");

            migrationBuilder.DropColumn(
                name: "converted_from_revision",
                table: "translation_revisions");

            migrationBuilder.DropColumn(
                name: "converted_with",
                table: "translation_revisions");
        }
    }
}
