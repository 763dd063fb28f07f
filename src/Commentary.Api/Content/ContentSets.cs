using Commentary.Api.Content.Articles;
using Commentary.Api.Content.Conversion;
using Commentary.Api.Content.Journal;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Content;

/// <summary>The content model's tables, one line per entity (the DbContext itself names none).</summary>
public static class ContentSets
{
    extension(CommentaryDbContext db)
    {
        public DbSet<Article> Articles => db.Set<Article>();
        public DbSet<Translation> Translations => db.Set<Translation>();
        public DbSet<TranslationRevision> TranslationRevisions => db.Set<TranslationRevision>();
        public DbSet<ArticleAuthor> ArticleAuthors => db.Set<ArticleAuthor>();
        public DbSet<ArticleTopic> ArticleTopics => db.Set<ArticleTopic>();
        public DbSet<Author> Authors => db.Set<Author>();
        public DbSet<Topic> Topics => db.Set<Topic>();
        public DbSet<Source> Sources => db.Set<Source>();
        public DbSet<Quote> Quotes => db.Set<Quote>();
        public DbSet<RelatedLink> RelatedLinks => db.Set<RelatedLink>();
        public DbSet<FormerSlug> FormerSlugs => db.Set<FormerSlug>();
        public DbSet<ArticleEdition> ArticleEditions => db.Set<ArticleEdition>();
        public DbSet<ContentChange> ContentChanges => db.Set<ContentChange>();
        public DbSet<GlossaryTerm> GlossaryTerms => db.Set<GlossaryTerm>();
    }
}
