using Commentary.Api.Access.Keys;
using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Journal;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Delivery.Pages;
using Commentary.Api.Partners.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Platform.Database;

/// <remarks>
/// Add a migration after changing the model:
/// <c>dotnet ef migrations add &lt;Name&gt; --project src/Commentary.Api --output-dir Data/Migrations</c>.
/// Apply them in Production with <c>dotnet Commentary.Api.dll migrate</c> (or <c>dotnet run --project src/Commentary.Api -- migrate</c>).
/// </remarks>
public sealed class CommentaryDbContext(DbContextOptions<CommentaryDbContext> options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Translation> Translations => Set<Translation>();
    public DbSet<TranslationRevision> TranslationRevisions => Set<TranslationRevision>();
    public DbSet<ArticleAuthor> ArticleAuthors => Set<ArticleAuthor>();
    public DbSet<ArticleTopic> ArticleTopics => Set<ArticleTopic>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<Quote> Quotes => Set<Quote>();
    public DbSet<RelatedLink> RelatedLinks => Set<RelatedLink>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<ContentChange> ContentChanges => Set<ContentChange>();
    public DbSet<ArticleRendition> ArticleRenditions => Set<ArticleRendition>();
    public DbSet<RenditionQueueEntry> RenditionQueue => Set<RenditionQueueEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CommentaryDbContext).Assembly);
}
