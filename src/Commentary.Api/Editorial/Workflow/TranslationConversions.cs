using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Conversion;
using Commentary.Api.Platform.Database;
using Commentary.Text;

namespace Commentary.Api.Editorial.Workflow;

/// <summary>
/// Converted drafts: making one (<c>POST …/convert</c>), and keeping an unreviewed one in step with its source. Every
/// path that saves a draft calls <see cref="RefreshFromAsync"/> in the same unit of work, so an unreviewed conversion
/// never lags behind its source; a reviewed one is a person's text and is only shown outdated.
/// </summary>
public sealed class TranslationConversions(CommentaryDbContext db, ContentConverter converter)
{
    /// <summary>
    /// Converts the draft of <paramref name="source"/> into the draft of <paramref name="language"/> (created when the
    /// article has none), marked converted and unreviewed. The caller checks the languages, touches and saves.
    /// </summary>
    public async Task<Translation> ConvertAsync(
        Article article, Translation source, string language, ConversionConfig config, string? savedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var content = await ContentOfAsync(article, source, config, article.Translations.Find(t => t.Language == language)?.Translator, cancellationToken);
        if (TooLong(content) is { } field)
        {
            throw new ConversionTooLongException(field);
        }

        if (article.Translations.Find(t => t.Language == language) is { } existing)
        {
            TranslationDrafts.Save(db, article, existing, content, savedBy, now);
            return existing;
        }

        return TranslationDrafts.Create(db, article, language, content, savedBy, now);
    }

    /// <summary>
    /// The draft quotes with each one's words in <paramref name="from"/> converted into <paramref name="language"/>
    /// (quotes without words in <paramref name="from"/> stay as they are). Quotes are a shared part: the caller drafts them.
    /// </summary>
    public async Task<IReadOnlyList<QuotePart>> ConvertQuotesAsync(
        Article article, string from, string language, ConversionConfig config, CancellationToken cancellationToken)
    {
        var quotes = new List<QuotePart>();
        foreach (var quote in article.Draft.Quotes)
        {
            if (!quote.Text.TryGetValue(from, out var words))
            {
                quotes.Add(quote);
                continue;
            }

            var text = new Dictionary<string, string>(quote.Text) { [language] = await converter.ConvertPlainAsync(words, config, cancellationToken) };
            quotes.Add(quote with { Text = Platform.Languages.LocalizedText.From(text).ToDictionary() });
        }

        return quotes;
    }

    /// <summary>
    /// The quotes are being drafted as <paramref name="next"/>: in every unreviewed conversion's language, a quote whose
    /// words in the conversion's source are new or changed (against <paramref name="previous"/>, by quote id), or that has
    /// no words in that language, gets them converted from the source again. Words the request left as they were, and
    /// quotes without words in the source, stay as sent.
    /// </summary>
    public async Task<IReadOnlyList<QuotePart>> RefreshQuotesAsync(
        Article article, IReadOnlyList<QuotePart> previous, IReadOnlyList<QuotePart> next, CancellationToken cancellationToken)
    {
        var before = previous.ToDictionary(q => q.Id);
        var quotes = next.ToList();
        foreach (var target in article.Translations.Where(t => t.IsUnreviewedConversion))
        {
            var from = target.ConvertedFrom!;
            var config = ConfigFor(target, from);
            for (var i = 0; i < quotes.Count; i++)
            {
                var quote = quotes[i];
                if (!quote.Text.TryGetValue(from, out var words)
                    || (quote.Text.ContainsKey(target.Language)
                        && before.TryGetValue(quote.Id, out var old) && old.Text.TryGetValue(from, out var oldWords) && oldWords == words))
                {
                    continue;
                }

                var text = new Dictionary<string, string>(quote.Text) { [target.Language] = await converter.ConvertPlainAsync(words, config, cancellationToken) };
                quotes[i] = quote with { Text = Platform.Languages.LocalizedText.From(text).ToDictionary() };
            }
        }

        return quotes;
    }

    /// <summary>
    /// <paramref name="saved"/>'s draft changed: converts it again into every unreviewed conversion made from it.
    /// Returns how many were refreshed. The caller touches the article and saves.
    /// </summary>
    public async Task<int> RefreshFromAsync(Article article, Translation saved, string? savedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var refreshed = 0;
        foreach (var target in article.Translations.Where(t => t != saved && t.IsUnreviewedConversion && t.ConvertedFrom == saved.Language).ToList())
        {
            await RefreshAsync(article, target, saved, savedBy, now, cancellationToken, onlyIfChanged: false);
            refreshed++;
        }

        return refreshed;
    }

    /// <summary>
    /// Converts <paramref name="target"/> (an unreviewed conversion) again from its source's current draft, as after a
    /// glossary change; with <paramref name="onlyIfChanged"/> nothing is saved when the text would stay the same.
    /// Returns whether a new revision was saved.
    /// </summary>
    public async Task<bool> RefreshAsync(
        Article article, Translation target, Translation source, string? savedBy, DateTimeOffset now, CancellationToken cancellationToken, bool onlyIfChanged = true)
    {
        var config = ConfigFor(target, source.Language);
        var content = await ContentOfAsync(article, source, config, target.Translator, cancellationToken);
        // A conversion that would not fit keeps its last text; its source has moved on, so it shows as outdated.
        if (TooLong(content) is not null
            || (onlyIfChanged && content.Title == target.Title && content.Summary == target.Summary && content.Body == target.Body))
        {
            return false;
        }

        TranslationDrafts.Save(db, article, target, content, savedBy, now);
        return true;
    }

    /// <summary>The configuration <paramref name="target"/> was made with, unless that no longer reads <paramref name="sourceLanguage"/>'s script.</summary>
    private static ConversionConfig ConfigFor(Translation target, string sourceLanguage) =>
        ConversionConfig.TryParse(target.ConvertedWith, out var recorded) && ContentConverter.SourceOf(recorded) == sourceLanguage
            ? recorded
            : ContentConverter.DefaultFrom(sourceLanguage);

    /// <summary>The first field the converted text makes longer than its limit (conversion can lengthen text), or null.</summary>
    private static string? TooLong(TranslationContent content) =>
        content.Title.Length > Translation.TitleMaxLength ? "title"
        : content.Summary?.Length > Translation.SummaryMaxLength ? "summary"
        : content.Body.Length > Translation.BodyMaxLength ? "body"
        : null;

    private async Task<TranslationContent> ContentOfAsync(
        Article article, Translation source, ConversionConfig config, string? translator, CancellationToken cancellationToken)
    {
        var converted = await converter.ConvertAsync(new ConvertibleText(source.Title, source.Summary, source.Body), config, cancellationToken);
        var originalRevision = source.Language == article.OriginalLanguage ? source.Revision : source.SourceRevision;
        return new TranslationContent(converted.Title, converted.Summary, converted.Body, translator, MachineConverted: true,
            new ConversionOrigin(source.Language, source.Revision, config.Name, originalRevision));
    }
}

/// <summary>The conversion of <see cref="Field"/> is longer than the field may be: nothing was converted.</summary>
public sealed class ConversionTooLongException(string field)
    : Exception($"The conversion of '{field}' is longer than the field allows.")
{
    public string Field { get; } = field;
}
