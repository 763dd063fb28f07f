using Commentary.Api.Content.Articles;

namespace Commentary.Api.Editorial.Workflow;

/// <summary>
/// Where a translation's conversion came from: <c>from</c> (language), <c>fromRevision</c>, <c>config</c> (OpenCC), and
/// <c>reviewed</c>: false while the draft is the API's conversion, kept in step with its source.
/// </summary>
public sealed record ManagedConversion(string From, int FromRevision, string Config, bool Reviewed);

internal static class ManagedConversions
{
    public static ManagedConversion? Of(Translation translation) =>
        translation is { ConvertedFrom: { } from, ConvertedFromRevision: { } revision, ConvertedWith: { } config }
            ? new ManagedConversion(from, revision, config, !translation.MachineConverted)
            : null;

    /// <summary>A reviewed conversion whose source has changed since: as outdated as a translation behind its original.</summary>
    public static bool SourceMovedOn(Article article, Translation translation) =>
        translation.ConvertedFromRevision is { } made
        && article.Translations.Find(t => t.Language == translation.ConvertedFrom) is { } source
        && source.Revision > made;
}
