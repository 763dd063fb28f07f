using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Commentary.Api.Platform.Languages;

internal static class LocalizedTextMapping
{
    /// <summary>Maps a <see cref="LocalizedText"/> to the columns <c>{prefix}_en</c>, <c>{prefix}_zh_hans</c>, <c>{prefix}_zh_hant</c>.</summary>
    public static EntityTypeBuilder<T> HasLocalizedText<T>(
        this EntityTypeBuilder<T> entity, Expression<Func<T, LocalizedText?>> property, string prefix, int maxLength)
        where T : class
    {
        entity.ComplexProperty(property, text =>
        {
            text.Property(t => t.En).HasColumnName($"{prefix}_en").HasMaxLength(maxLength);
            text.Property(t => t.ZhHans).HasColumnName($"{prefix}_zh_hans").HasMaxLength(maxLength);
            text.Property(t => t.ZhHant).HasColumnName($"{prefix}_zh_hant").HasMaxLength(maxLength);
        });
        return entity;
    }
}
