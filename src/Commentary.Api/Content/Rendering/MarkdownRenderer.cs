using Ganss.Xss;
using Markdig;

namespace Commentary.Api.Content.Rendering;

/// <summary>
/// Renders stored CommonMark to HTML for readers. Raw HTML in the Markdown is not trusted: Markdig escapes it,
/// and the sanitizer then removes anything outside its allowlist (scripts, event handlers, javascript:/data: URLs).
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseFootnotes()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string ToHtml(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));

    /// <summary>Plain text of the Markdown, for search indexing and feed summaries.</summary>
    public string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, _pipeline).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Add("id");
        return sanitizer;
    }
}
