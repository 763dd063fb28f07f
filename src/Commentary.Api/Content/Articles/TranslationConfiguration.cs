using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Content.Articles;

internal sealed class TranslationConfiguration : IEntityTypeConfiguration<Translation>
{
    /// <summary>
    /// The <c>english</c> config stems words and drops stop words; Han bigrams prepared in C# pass through it unchanged.
    /// Fields are separated by U+001E in <c>published_search_text</c>.
    /// </summary>
    internal const string SearchVectorSql =
        "setweight(to_tsvector('english'::regconfig, coalesce(split_part(published_search_text, U&'\\001E', 1), '')), 'A') || " +
        "setweight(to_tsvector('english'::regconfig, coalesce(split_part(published_search_text, U&'\\001E', 2), '')), 'B') || " +
        "setweight(to_tsvector('english'::regconfig, coalesce(split_part(published_search_text, U&'\\001E', 3), '')), 'C')";

    public void Configure(EntityTypeBuilder<Translation> translation)
    {
        translation.ToTable("translations");
        translation.Property(t => t.Language).HasMaxLength(8);
        translation.Property(t => t.Title).HasMaxLength(Translation.TitleMaxLength);
        translation.Property(t => t.Summary).HasMaxLength(Translation.SummaryMaxLength);
        translation.Property(t => t.Body).HasMaxLength(Translation.BodyMaxLength);
        translation.Property(t => t.Translator).HasMaxLength(Translation.TranslatorMaxLength);
        translation.Property(t => t.PublishedTitle).HasMaxLength(Translation.TitleMaxLength);
        translation.Property(t => t.PublishedSummary).HasMaxLength(Translation.SummaryMaxLength);
        translation.Property(t => t.PublishedBody).HasMaxLength(Translation.BodyMaxLength);
        translation.Property(t => t.ConvertedFrom).HasMaxLength(8);
        translation.Property(t => t.ConvertedWith).HasMaxLength(16);
        translation.Ignore(t => t.IsUnreviewedConversion);
        translation.Ignore(t => t.IsPublished);
        translation.Ignore(t => t.HasUnpublishedChanges);

        translation.HasIndex(t => new { t.ArticleId, t.Language }).IsUnique();
        translation.HasIndex(t => new { t.Language, t.PublishedAt }).HasFilter("published_revision IS NOT NULL");
        // Kept by the translations_search_vector trigger (migration SearchVectorTrigger) from SearchVectorSql rather than
        // a generated column: a bulk load (the data generator) may bypass the trigger and store vectors it computed
        // itself, which a generated column never allows.
        var searchVector = translation.Property(t => t.SearchVector).ValueGeneratedOnAddOrUpdate().Metadata;
        searchVector.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        searchVector.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        translation.HasIndex(t => t.SearchVector).HasMethod("GIN");
    }
}
