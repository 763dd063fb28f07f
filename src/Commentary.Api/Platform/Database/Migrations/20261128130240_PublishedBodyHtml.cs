using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commentary.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublishedBodyHtml : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "published_body_html",
                table: "translations",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "published_body_html",
                table: "translations");
        }
    }
}
