using Commentary.Api.Content;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.OpenApi;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>An author as the management API shows it; texts are maps of the languages present.</summary>
public sealed record ManagedAuthor(
    Guid Id,
    string Slug,
    [property: ClosedSet(typeof(Language))] IReadOnlyDictionary<string, string> Name,
    [property: ClosedSet(typeof(Language))] IReadOnlyDictionary<string, string> Bio,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>How the shared taxonomy handlers create, update, show and guard authors.</summary>
public sealed class AuthorTaxonomy : ITaxonomy<Author, AuthorRequest, ManagedAuthor>
{
    public static string Noun => "author";

    public static string Route => "/api/manage/authors";

    public static Author New(string slug) => new() { Slug = slug };

    public static void Apply(AuthorRequest request, Author author)
    {
        author.Name = LocalizedText.From(request.Name?.AsReadOnly());
        author.Bio = LocalizedText.From(request.Bio?.AsReadOnly());
    }

    public static ManagedAuthor ToResponse(Author author) =>
        new(author.Id, author.Slug, author.Name.ToDictionary(), author.Bio.ToDictionary(), author.Version, author.CreatedAt, author.UpdatedAt);

    public static Task<bool> IsInUseAsync(CommentaryDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.ArticleAuthors.AnyAsync(link => link.AuthorId == id, cancellationToken);

    public static IEnumerable<string?> ShownOnArticles(Author author) => [author.Slug, author.Name.En, author.Name.ZhHans, author.Name.ZhHant];

    public static IQueryable<Guid> ArticlesUsing(CommentaryDbContext db, Guid id) =>
        db.ArticleAuthors.Where(link => link.AuthorId == id).Select(link => link.ArticleId);
}
