using Commentary.Api.Content;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.OpenApi;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>The body of POST and PUT /api/manage/authors.</summary>
public sealed record AuthorRequest(
    [property: ClosedSet(typeof(Language))] IDictionary<string, string> Name,
    [property: ClosedSet(typeof(Language))] IDictionary<string, string>? Bio = null,
    string? Slug = null)
    : ITaxonomyRequest, IHasRequestExample<AuthorRequest>
{
    public static AuthorRequest Example => new(
        new Dictionary<string, string> { [Language.English] = "Lin Mei", [Language.Simplified] = "林梅", [Language.Traditional] = "林梅" },
        new Dictionary<string, string> { [Language.English] = "Writes on East Asian diplomacy." });
}

internal sealed class AuthorRequestValidator() : TaxonomyRequestValidator<AuthorRequest>(r => r.Bio, Author.BioMaxLength);

/// <summary>An author as the management API shows it; texts are maps of the languages present.</summary>
public sealed record ManagedAuthor : ManagedTerm
{
    public ManagedAuthor(Author author) : base(author) => Bio = author.Bio.ToDictionary();

    [ClosedSet(typeof(Language))] public IReadOnlyDictionary<string, string> Bio { get; init; }
}

public sealed class AuthorTaxonomy : ITaxonomy<Author, AuthorRequest, ManagedAuthor>
{
    public static string Singular => "Author";

    public static string Plural => "Authors";

    public static Author New(string slug) => new() { Slug = slug };

    public static void ApplyOwnFields(AuthorRequest request, Author author) => author.Bio = LocalizedText.From(request.Bio?.AsReadOnly());

    public static ManagedAuthor ToResponse(Author author) => new(author);

    public static string OwnTextName => "bio";

    public static LocalizedText OwnText(Author author) => author.Bio;

    public static IQueryable<Guid> ArticlesUsing(CommentaryDbContext db, Guid id) =>
        db.ArticleAuthors.Where(link => link.TermId == id).Select(link => link.ArticleId);
}
