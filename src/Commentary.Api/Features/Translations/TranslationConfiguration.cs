using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Features.Translations;

internal sealed class TranslationConfiguration : IEntityTypeConfiguration<Translation>
{
    public void Configure(EntityTypeBuilder<Translation> translation)
    {
        translation.Property(t => t.Language).HasMaxLength(8);
        translation.Property(t => t.Title).HasMaxLength(Translation.TitleMaxLength);
        translation.Property(t => t.Summary).HasMaxLength(Translation.SummaryMaxLength);
        translation.Property(t => t.Body).HasMaxLength(Translation.BodyMaxLength);
        translation.Property(t => t.Translator).HasMaxLength(Translation.TranslatorMaxLength);
        translation.Property(t => t.PublishedTitle).HasMaxLength(Translation.TitleMaxLength);
        translation.Property(t => t.PublishedSummary).HasMaxLength(Translation.SummaryMaxLength);
        translation.Property(t => t.PublishedBody).HasMaxLength(Translation.BodyMaxLength);
        translation.Ignore(t => t.IsPublished);
        translation.Ignore(t => t.HasUnpublishedChanges);

        translation.HasIndex(t => new { t.ArticleId, t.Language }).IsUnique();
        translation.HasIndex(t => new { t.Language, t.PublishedAt }).HasFilter("published_revision IS NOT NULL");
        translation.HasIndex(t => t.SearchVector).HasMethod("GIN");
    }
}
