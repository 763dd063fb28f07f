namespace Commentary.Api.Platform.Languages;

/// <summary>A reader-visible text in each of the three languages; stored as one column per language.</summary>
public sealed class LocalizedText
{
    public string? En { get; set; }
    public string? ZhHans { get; set; }
    public string? ZhHant { get; set; }

    public string? this[string language]
    {
        get => language switch
        {
            Language.English => En,
            Language.Simplified => ZhHans,
            Language.Traditional => ZhHant,
            _ => null,
        };
        set
        {
            switch (language)
            {
                case Language.English: En = value; break;
                case Language.Simplified: ZhHans = value; break;
                case Language.Traditional: ZhHant = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(language), language, "Unsupported language.");
            }
        }
    }

    public bool IsEmpty => En is null && ZhHans is null && ZhHant is null;

    /// <summary>The text in the first language of <paramref name="chain"/> that has one, then in any language.</summary>
    public (string Language, string Text)? Resolve(IEnumerable<string> chain)
    {
        foreach (var language in chain.Concat(Language.All))
        {
            if (this[language] is { Length: > 0 } text)
            {
                return (language, text);
            }
        }

        return null;
    }

    public Dictionary<string, string> ToDictionary()
    {
        var result = new Dictionary<string, string>(3);
        foreach (var language in Language.All)
        {
            if (this[language] is { } text)
            {
                result[language] = text;
            }
        }

        return result;
    }

    /// <summary>Builds from a map keyed by canonical tags (callers validate and canonicalize the keys first).</summary>
    public static LocalizedText From(IReadOnlyDictionary<string, string>? values)
    {
        var text = new LocalizedText();
        if (values is null)
        {
            return text;
        }

        foreach (var (key, value) in values)
        {
            if (Language.TryNormalize(key, out var language) && !string.IsNullOrWhiteSpace(value))
            {
                text[language] = value.Trim();
            }
        }

        return text;
    }
}
