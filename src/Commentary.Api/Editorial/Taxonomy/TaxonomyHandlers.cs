using Commentary.Api.Content;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Editorial.Taxonomy;

/// <summary>
/// Create, list, read, replace and delete for one taxonomy. Slugs are unique (409 naming the clash), replace needs
/// <c>If-Match</c> with the current version (428/412), delete checks it when sent and refuses while in use.
/// </summary>
public static class TaxonomyHandlers<TTaxonomy, TTerm, TRequest, TResponse>
    where TTaxonomy : ITaxonomy<TTerm, TRequest, TResponse>
    where TTerm : TaxonomyTerm
    where TRequest : ITaxonomyRequest
{
    /// <summary>The singular noun in messages and generated slugs, for example "source".</summary>
    public static readonly string Noun = TTaxonomy.Singular.ToLowerInvariant();

    /// <summary>The route prefix, for example "/api/manage/sources".</summary>
    public static readonly string Route = "/api/manage/" + TTaxonomy.Plural.ToLowerInvariant();

    public static async Task<Results<Created<TResponse>, ProblemHttpResult>> Create(
        TRequest request, CommentaryDbContext db, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var name = LocalizedText.From(request.Name?.AsReadOnly());
        var entity = TTaxonomy.New("");
        entity.Slug = request.Slug ?? TaxonomyRules.GenerateSlug(name, Noun, entity.Id);
        if (await SlugTakenAsync(db, entity.Slug, entity.Id, cancellationToken) is { } clash)
        {
            return clash;
        }

        Apply(request, entity);
        entity.CreatedAt = entity.UpdatedAt = clock.GetUtcNow();
        db.Set<TTerm>().Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        context.Response.Headers.ETag = ETags.ForVersion(entity.Version);
        return TypedResults.Created($"{Route}/{entity.Slug}", TTaxonomy.ToResponse(entity));
    }

    public static async Task<Results<Ok<Page<TResponse>>, ProblemHttpResult>> List(
        string? q, [AsParameters] PageQuery paging, CommentaryDbContext db, CursorCodec codec, CancellationToken cancellationToken)
    {
        if (PageRequest.TryCreate(paging, new PageShape(Noun, 1), codec, out var problem) is not { } page)
        {
            return problem!;
        }

        if (q is not null && (!TextRules.IsStorable(q) || TextRules.CodePoints(q) > TaxonomyTerm.NameMaxLength))
        {
            return Problems.Validation("q", $"must be valid text without NUL characters, at most {TaxonomyTerm.NameMaxLength} characters.");
        }

        var query = db.Set<TTerm>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = LikePatterns.Containing(q.Trim());
            query = query.Where(e => EF.Functions.ILike(e.Slug, pattern, LikePatterns.Escape)
                || EF.Functions.ILike(e.Name.En!, pattern, LikePatterns.Escape)
                || EF.Functions.ILike(e.Name.ZhHans!, pattern, LikePatterns.Escape)
                || EF.Functions.ILike(e.Name.ZhHant!, pattern, LikePatterns.Escape));
        }

        if (page.After is [var lastSlug])
        {
            query = query.Where(e => string.Compare(e.Slug, lastSlug) > 0);
        }

        var items = await query.OrderBy(e => e.Slug).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var next = items.Count > page.Limit ? codec.Encode(Noun, items[page.Limit - 1].Slug) : null;
        return TypedResults.Ok(new Page<TResponse>(items.Take(page.Limit).Select(TTaxonomy.ToResponse).ToList(), next));
    }

    public static async Task<Results<Ok<TResponse>, ProblemHttpResult>> Get(
        string slug, CommentaryDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, slug, cancellationToken) is not { } entity)
        {
            return NotFound(slug);
        }

        context.Response.Headers.ETag = ETags.ForVersion(entity.Version);
        return TypedResults.Ok(TTaxonomy.ToResponse(entity));
    }

    public static async Task<Results<Ok<TResponse>, ProblemHttpResult>> Replace(
        string slug, TRequest request, CommentaryDbContext db, ArticlePublisher publisher, TimeProvider clock, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(db, slug, cancellationToken) is not { } entity)
        {
            return NotFound(slug);
        }

        if (ETags.PreconditionProblem(context.Request, entity.Version, required: true) is { } precondition)
        {
            return precondition;
        }

        if (request.Slug is { } newSlug && newSlug != entity.Slug)
        {
            if (await SlugTakenAsync(db, newSlug, entity.Id, cancellationToken) is { } clash)
            {
                return clash;
            }

            entity.Slug = newSlug;
        }

        var shownBefore = ShownOnArticles(entity).ToList();
        Apply(request, entity);
        db.ChangeTracker.DetectChanges();
        if (db.Entry(entity).State == EntityState.Modified)
        {
            entity.Version++;
            entity.UpdatedAt = clock.GetUtcNow();
            if (shownBefore.SequenceEqual(ShownOnArticles(entity)))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                await SaveWithArticlesAsync(db, publisher, [entity], entity.UpdatedAt, cancellationToken);
            }
        }

        context.Response.Headers.ETag = ETags.ForVersion(entity.Version);
        context.Response.Headers.Location = $"{Route}/{entity.Slug}";
        return TypedResults.Ok(TTaxonomy.ToResponse(entity));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string slug, CommentaryDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, slug, cancellationToken) is not { } entity)
        {
            return NotFound(slug);
        }

        if (ETags.PreconditionProblem(context.Request, entity.Version, required: false) is { } precondition)
        {
            return precondition;
        }

        if (await TTaxonomy.ArticlesUsing(db, entity.Id).AnyAsync(cancellationToken) || await DraftsReferToAsync(db, entity.Id, cancellationToken))
        {
            return Problems.Conflict($"The {Noun} '{slug}' is still used by articles; remove it from them first.", ErrorCodes.InUse);
        }

        db.Set<TTerm>().Remove(entity);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Saves a change that published articles show, with a partner change and an "updated" event for each of them, in one
    /// transaction. The row lock (FOR UPDATE conflicts with the key-share lock a new reference's foreign key takes) makes
    /// an article that starts referring to the entity meanwhile either visible to the read of referrers or wait for this.
    /// </summary>
    internal static async Task SaveWithArticlesAsync(
        CommentaryDbContext db, ArticlePublisher publisher, IReadOnlyCollection<TTerm> entities, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The table name comes from the model, never from input. Rows are locked in id order, so two such saves never deadlock.
        var lockRows = "SELECT 1 FROM \"" + db.Model.FindEntityType(typeof(TTerm))!.GetTableName() + "\" WHERE id = ANY({0}) ORDER BY id FOR UPDATE";
        await db.Database.ExecuteSqlRawAsync(lockRows, [entities.Select(e => e.Id).Order().ToArray()], cancellationToken);
        var articleIds = new HashSet<Guid>();
        foreach (var entity in entities)
        {
            articleIds.UnionWith(await TTaxonomy.ArticlesUsing(db, entity.Id).ToListAsync(cancellationToken));
        }

        await publisher.RecordSharedPartChangedAsync(db.Articles.Where(a => articleIds.Contains(a.Id)).Select(a => a.Id), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Whether a draft or a pending schedule of a live article refers to the term, so that publishing it later cannot
    /// name a term that is gone. Drafts refer by id, and ids are unique across every table, so a textual match is one.
    /// </summary>
    private static async Task<bool> DraftsReferToAsync(CommentaryDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var pattern = $"%{id}%";
        return await db.Articles.FromSql($"""
            SELECT * FROM articles
            WHERE deleted_at IS NULL AND (draft_parts::text LIKE {pattern} OR scheduled_content::text LIKE {pattern})
            """).AnyAsync(cancellationToken);
    }

    private static void Apply(TRequest request, TTerm term)
    {
        term.Name = LocalizedText.From(request.Name?.AsReadOnly());
        TTaxonomy.ApplyOwnFields(request, term);
    }

    internal static IEnumerable<string?> ShownOnArticles(TTerm term) =>
        [term.Slug, term.Name.En, term.Name.ZhHans, term.Name.ZhHant, .. TTaxonomy.AlsoShownOnArticles(term)];

    internal static Task<TTerm?> FindAsync(CommentaryDbContext db, string slug, CancellationToken cancellationToken) =>
        Slugs.IsValid(slug) ? db.Set<TTerm>().FirstOrDefaultAsync(e => e.Slug == slug, cancellationToken) : Task.FromResult<TTerm?>(null);

    private static async Task<ProblemHttpResult?> SlugTakenAsync(CommentaryDbContext db, string slug, Guid self, CancellationToken cancellationToken) =>
        await db.Set<TTerm>().AnyAsync(e => e.Slug == slug && e.Id != self, cancellationToken)
            ? Problems.Conflict($"Another {Noun} already has the slug '{slug}'. Choose another 'slug'.", ErrorCodes.SlugTaken)
            : null;

    internal static ProblemHttpResult NotFound(string slug) => Problems.NotFound($"No {Noun} has the slug '{slug}'.");
}
