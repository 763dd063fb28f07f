using NpgsqlTypes;

namespace Commentary.Api.Features.Translations;

/// <summary>
/// One language of an article. The working draft (<see cref="Title"/>, <see cref="Summary"/>, <see cref="Body"/>)
/// is what editors change; the <c>Published*</c> snapshot is what the public sees until the next publish.
/// </summary>
public sealed class Translation
{
    public const int TitleMaxLength = 300;
    public const int SummaryMaxLength = 1_000;
    public const int BodyMaxLength = 200_000;
    public const int TranslatorMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ArticleId { get; set; }
    public required string Language { get; set; }

    public required string Title { get; set; }
    public string? Summary { get; set; }
    public required string Body { get; set; }
    public string? Translator { get; set; }

    /// <summary>The number of the latest revision (the draft).</summary>
    public int Revision { get; set; } = 1;

    /// <summary>The revision of the original translation this one was made from; null for the original itself.</summary>
    public int? SourceRevision { get; set; }

    /// <summary>Converted by machine (简体 ⇄ 繁體) and not yet reviewed by a person.</summary>
    public bool MachineConverted { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public int? PublishedRevision { get; set; }
    public string? PublishedTitle { get; set; }
    public string? PublishedSummary { get; set; }
    public string? PublishedBody { get; set; }

    /// <summary>When this translation first became public.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>When the published snapshot last changed.</summary>
    public DateTimeOffset? PublishedUpdatedAt { get; set; }

    /// <summary>Full-text index of the published snapshot, maintained on publish.</summary>
    public NpgsqlTsVector? SearchVector { get; set; }

    public bool IsPublished => PublishedRevision is not null;

    public bool HasUnpublishedChanges => PublishedRevision != Revision;
}
