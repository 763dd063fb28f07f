using Commentary.Api.Content.Conversion;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Languages;
using Commentary.Text;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commentary.Api.Editorial.Translations;

/// <summary><c>from</c>: the language whose draft is converted; <c>config</c>: an OpenCC configuration of that direction (default s2tw / tw2s).</summary>
public sealed record ConvertTranslationRequest(string From, string? Config = null);

public sealed class ConvertTranslationRequestValidator : AbstractValidator<ConvertTranslationRequest>
{
    public static readonly string ConfigRule = $"must be one of {string.Join(", ", ConversionConfig.All.Select(c => c.Name))}.";

    public ConvertTranslationRequestValidator()
    {
        RuleFor(r => r.From).Must(f => Language.TryNormalize(f, out var tag) && ContentConverter.CounterpartOf(tag) is not null)
            .WithMessage("must be zh-Hans or zh-Hant.");
        RuleFor(r => r.Config).Must(c => c is null || ConversionConfig.TryParse(c, out _)).WithMessage(ConfigRule);
    }
}

public static class ConvertTranslation
{
    public const string Description =
        "The draft of `{lang}` (created when missing) becomes the 简体 ⇄ 繁體 conversion of the draft of `from` (title, summary " +
        "and body; in the body only text is converted: Markdown structure, link targets, code and HTML stay as written), with the " +
        "glossary applied before the dictionaries. `config` is an OpenCC configuration reading `from`'s script (default s2tw " +
        "from zh-Hans, tw2s from zh-Hant). The translation is then marked converted (`conversion`: source language, revision, " +
        "configuration) and unreviewed (`machineConverted: true`): each later change of the source, or of a glossary term it " +
        "contains, converts it again, until a translator saves it (PUT) or marks it reviewed (`…/mark-current`). The quotes' words in " +
        "`from` are converted into `{lang}` too, in the draft of the quotes (published with the next publish), and while the " +
        "conversion is unreviewed a quote edit that changes their words in `from` converts them again.";

    public static async Task<Results<Created<ManagedArticle>, Ok<ManagedArticle>, ProblemHttpResult>> Handle(
        string id, string lang, ConvertTranslationRequest request, [AsParameters] ArticleUpdate update, TranslationConversions conversions)
    {
        if (!Language.TryNormalize(lang, out var language) || ContentConverter.CounterpartOf(language) is null)
        {
            return Problems.Validation("lang", "must be zh-Hans or zh-Hant: only Chinese scripts are converted.");
        }

        Language.TryNormalize(request.From, out var from);
        if (from != ContentConverter.CounterpartOf(language))
        {
            return Problems.Validation("from", $"must be {ContentConverter.CounterpartOf(language)}: '{language}' is converted from the other Chinese script.");
        }

        var config = ContentConverter.DefaultFrom(from);
        if (request.Config is not null && (!ConversionConfig.TryParse(request.Config, out config) || ContentConverter.SourceOf(config) != from))
        {
            return Problems.Validation("config", $"must read {from}: one of {string.Join(", ", ConversionConfig.All.Where(c => ContentConverter.SourceOf(c) == from).Select(c => c.Name))}.");
        }

        var (article, refused) = await ArticleEditing.LoadForUpdateAsync(update.Context, update.Db, id, update.CancellationToken);
        if (article is null)
        {
            return refused!;
        }

        if (article.Translations.Find(t => t.Language == from) is not { } source)
        {
            return Problems.Conflict($"The article has no '{from}' translation to convert from.");
        }

        if (language == article.OriginalLanguage)
        {
            return Problems.Conflict($"'{language}' is the article's original language; a conversion never replaces the original.");
        }

        if (source.IsUnreviewedConversion && source.ConvertedFrom == language)
        {
            return Problems.Conflict($"The '{from}' draft is itself an unreviewed conversion of '{language}'; review it first (mark-current or save it).");
        }

        var existed = article.Translations.Exists(t => t.Language == language);
        var now = update.Time.GetUtcNow();
        try
        {
            await conversions.ConvertAsync(article, source, language, config, update.Context.User.KeyName(), now, update.CancellationToken);
        }
        catch (ConversionTooLongException tooLong)
        {
            return Problems.Conflict($"Converted with {config.Name}, the '{tooLong.Field}' of '{from}' is longer than a translation's '{tooLong.Field}' may be; shorten it first.");
        }

        var quotes = await conversions.ConvertQuotesAsync(article, from, language, config, update.CancellationToken);
        ArticleUpdate.EditDraftParts(article, draft => draft with { Quotes = quotes }, now);
        article.Touch(now);
        if (await ArticleEditing.SaveAsync(update.Db, null, update.CancellationToken) is { } problem)
        {
            return problem;
        }

        var body = await ArticleEditing.RespondAsync(update.Context, update.Db, article, update.CancellationToken);
        return existed ? TypedResults.Ok(body) : TypedResults.Created($"{ArticleEditing.Location(article)}/translations/{language}", body);
    }
}
