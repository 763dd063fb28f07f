using System.Text.Json;
using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commentary.Api.Editorial.Sample;

/// <summary>
/// Imports the publication's first article (English, 简体, 繁體, with its quoted sources) as real, published content,
/// so a newcomer sees something at once. It runs on an empty database only.
/// </summary>
public sealed class SampleArticleImporter(
    CommentaryDbContext db, ArticlePublisher publisher, IOptions<DatabaseOptions> options, ILogger<SampleArticleImporter> logger) : IDatabaseSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ImportSample && await ImportIfEmptyAsync(cancellationToken))
        {
            logger.LogInformation("Imported the sample article");
        }
    }

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web);

    public async Task<bool> ImportIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Articles.IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return false;
        }

        await ImportAsync(cancellationToken);
        return true;
    }

    public async Task<Article> ImportAsync(CancellationToken cancellationToken)
    {
        var manifest = JsonSerializer.Deserialize<SampleManifest>(ReadResource("sample-article.json"), ManifestJson)
            ?? throw new InvalidOperationException("The sample manifest is empty.");
        var publishedAt = manifest.PublishedAt;

        var sources = manifest.Sources.ToDictionary(s => s.Slug, s => new Source
        {
            Slug = s.Slug,
            Kind = s.Kind,
            Name = LocalizedText.From(s.Name),
            Role = LocalizedText.From(s.Role),
            CreatedAt = publishedAt,
            UpdatedAt = publishedAt,
        });
        var authors = manifest.Authors.Select(a => new Author { Slug = a.Slug, Name = LocalizedText.From(a.Name), CreatedAt = publishedAt, UpdatedAt = publishedAt }).ToList();
        var topics = manifest.Topics.Select(t => new Topic { Slug = t.Slug, Name = LocalizedText.From(t.Name), CreatedAt = publishedAt, UpdatedAt = publishedAt }).ToList();
        db.Authors.AddRange(authors);
        db.Topics.AddRange(topics);
        db.Sources.AddRange(sources.Values);
        var article = new Article
        {
            Slug = manifest.Slug,
            OriginalLanguage = manifest.OriginalLanguage,
            CreatedAt = publishedAt,
            UpdatedAt = publishedAt,
        };
        article.DraftParts = new ArticleParts(
            manifest.Slug,
            manifest.OriginalLanguage,
            authors.Select(a => a.Id).ToList(),
            topics.Select(t => t.Id).ToList(),
            manifest.Quotes.Select(q => new QuotePart(Guid.CreateVersion7(), sources[q.Source].Id, q.Outlet is null ? null : sources[q.Outlet].Id, LocalizedText.From(q.Text).ToDictionary())).ToList(),
            manifest.Related.Select(r => new LinkPart(Guid.CreateVersion7(), null, r.Url, r.Title)).ToList());
        db.Articles.Add(article);

        // The original first, so the translations record which revision of it they were made from.
        foreach (var language in Language.All.OrderBy(l => l == manifest.OriginalLanguage ? 0 : 1))
        {
            var (title, body) = ParseMarkdown(ReadResource($"sample-article.{language}.md"));
            TranslationDrafts.Create(db, article, language, new TranslationContent(title, manifest.Summary.GetValueOrDefault(language), body), "sample import", publishedAt);
        }

        await publisher.PublishDraftAsync(article, [], "sample import", publishedAt, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return article;
    }

    /// <summary>The sample files are a Markdown heading (the title), a date line, then the paragraphs.</summary>
    internal static (string Title, string Body) ParseMarkdown(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var titleIndex = Array.FindIndex(lines, l => l.StartsWith("# ", StringComparison.Ordinal));
        var dateIndex = Array.FindIndex(lines, titleIndex + 1, l => !string.IsNullOrWhiteSpace(l));
        return (lines[titleIndex][2..].Trim(), string.Join('\n', lines[(dateIndex + 1)..]).Trim());
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(SampleArticleImporter).Assembly.GetManifestResourceStream($"Sample.{name}")
            ?? throw new InvalidOperationException($"The sample file {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record SampleManifest(
        string Slug, string OriginalLanguage, DateTimeOffset PublishedAt, Dictionary<string, string> Summary,
        List<SampleNamed> Authors, List<SampleNamed> Topics, List<SampleSource> Sources, List<SampleQuote> Quotes, List<SampleRelated> Related);

    private sealed record SampleNamed(string Slug, Dictionary<string, string> Name);

    private sealed record SampleSource(string Slug, string Kind, Dictionary<string, string> Name, Dictionary<string, string>? Role);

    private sealed record SampleQuote(string Source, string? Outlet, Dictionary<string, string> Text);

    private sealed record SampleRelated(string Url, string Title);
}
