using Commentary.Api.Content;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.OpenApi;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>A source as the management API shows it; names are maps of the languages present.</summary>
public sealed record ManagedSource(
    Guid Id,
    string Slug,
    [property: ClosedSet(typeof(SourceKind))] string Kind,
    [property: ClosedSet(typeof(Language))] IReadOnlyDictionary<string, string> Name,
    [property: ClosedSet(typeof(Language))] IReadOnlyDictionary<string, string> Role,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>How the shared taxonomy handlers create, update, show and guard sources.</summary>
public sealed class SourceTaxonomy : ITaxonomy<Source, SourceRequest, ManagedSource>
{
    public static string Noun => "source";

    public static string Route => "/api/manage/sources";

    public static Source New(string slug) => new() { Slug = slug, Kind = SourceKind.Person };

    public static void Apply(SourceRequest request, Source source)
    {
        source.Kind = request.Kind;
        source.Name = LocalizedText.From(request.Name?.AsReadOnly());
        source.Role = LocalizedText.From(request.Role?.AsReadOnly());
    }

    public static ManagedSource ToResponse(Source source) =>
        new(source.Id, source.Slug, source.Kind, source.Name.ToDictionary(), source.Role.ToDictionary(), source.Version, source.CreatedAt, source.UpdatedAt);

    public static Task<bool> IsInUseAsync(CommentaryDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Quotes.AnyAsync(q => q.SourceId == id || q.OutletId == id, cancellationToken);

    public static IEnumerable<string?> ShownOnArticles(Source source) => [source.Slug, source.Name.En, source.Name.ZhHans, source.Name.ZhHant, source.Role.En, source.Role.ZhHans, source.Role.ZhHant];

    public static IQueryable<Guid> ArticlesUsing(CommentaryDbContext db, Guid id) =>
        db.Quotes.Where(q => q.SourceId == id || q.OutletId == id).Select(q => q.ArticleId);
}
