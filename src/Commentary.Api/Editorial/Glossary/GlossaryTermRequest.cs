using Commentary.Api.Content.Conversion;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Validation;
using Commentary.Text;
using FluentValidation;

namespace Commentary.Api.Editorial.Glossary;

/// <summary>
/// A glossary term: <c>term</c> as it appears in <c>from</c>'s script; <c>config</c> narrows it to one OpenCC
/// configuration of that direction (absent: all of them); <c>replacement</c> is what the conversion writes instead
/// (absent: the term as written).
/// </summary>
public sealed record GlossaryTermRequest(string Term, string From, string? Config = null, string? Replacement = null, string? Note = null);

/// <summary>A glossary term as the management API shows it; <c>keep</c> is true when the term is written as it is.</summary>
public sealed record ManagedGlossaryTerm(
    string Id, string Term, string From, string To, string? Config, string? Replacement, bool Keep, string? Note, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ManagedGlossaryTerm Of(GlossaryTerm term) => new(
        term.Id.ToString(), term.Term, term.SourceLanguage, term.TargetLanguage, term.Config == GlossaryTerm.EveryConfig ? null : term.Config,
        term.Replacement, term.Replacement is null, term.Note, term.Version, term.CreatedAt, term.UpdatedAt);
}

public sealed class GlossaryTermRequestValidator : AbstractValidator<GlossaryTermRequest>
{
    public GlossaryTermRequestValidator()
    {
        RuleFor(r => r.Term).ValidText(GlossaryTerm.TermMaxLength, required: true);
        RuleFor(r => r.From).Must(f => Language.TryNormalize(f, out var tag) && ContentConverter.CounterpartOf(tag) is not null)
            .WithMessage("must be zh-Hans or zh-Hant (the script the term is written in).");
        RuleFor(r => r.Config).Must((r, c) => c is null || ConversionConfig.TryParse(c, out var config) && FromMatches(r.From, config))
            .WithMessage(r => $"must be an OpenCC configuration that reads {r.From}: {string.Join(", ", ConfigsFrom(r.From))}.");
        RuleFor(r => r.Replacement).ValidText(GlossaryTerm.TermMaxLength * 2);
        RuleFor(r => r.Note).ValidText(GlossaryTerm.NoteMaxLength);
    }

    private static bool FromMatches(string? from, ConversionConfig config) =>
        !Language.TryNormalize(from, out var tag) || ContentConverter.SourceOf(config) == tag;

    private static IEnumerable<string> ConfigsFrom(string? from) =>
        ConversionConfig.All.Where(c => FromMatches(from, c)).Select(c => c.Name);
}
