using System.Text;

namespace Commentary.Text;

/// <summary>
/// OpenCC's Converter: MaxMatchSegmentation cuts the text into segments (each a phrase of the segmentation dictionary,
/// or a run of characters that start none), then every stage of the chain converts each segment on its own by
/// maximum match over its dictionary group. A phrase of a later stage never spans two segments, which is why the
/// segmentation dictionary matters even where the first stage would match the same phrases.
/// </summary>
internal sealed class ConversionPipeline
{
    private readonly PhraseDictionary _segmentation;
    private readonly PhraseDictionary[][] _stages;

    public ConversionPipeline(DictionarySet dictionaries, ConversionConfig config)
    {
        _segmentation = dictionaries.Get(config.Segmentation);
        _stages = [.. config.Stages.Select(group => group.Select(dictionaries.Get).ToArray())];
    }

    public string Convert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        var segments = Segment(text);
        var current = text;
        for (var stage = 0; stage < _stages.Length; stage++)
        {
            var group = _stages[stage];
            var output = new StringBuilder(current.Length + current.Length / 8);
            for (var s = 0; s < segments.Count; s++)
            {
                var (start, length, isPhrase) = segments[s];
                var outputStart = output.Length;
                var segment = current.AsSpan(start, length);
                // The segmentation dictionary already answered for this segment: it is one of its phrases, or a run
                // where no phrase of it starts; so a first stage led by the same dictionary need not ask again.
                if (stage == 0 && group[0] == _segmentation)
                {
                    if (isPhrase && _segmentation.TryGetValue(segment, out var value))
                    {
                        output.Append(value);
                    }
                    else
                    {
                        ConvertSegment(segment, group.AsSpan(1), output);
                    }
                }
                else
                {
                    ConvertSegment(segment, group, output);
                }

                segments[s] = (outputStart, output.Length - outputStart, isPhrase);
            }

            current = output.ToString();
        }

        return current;
    }

    private List<(int Start, int Length, bool IsPhrase)> Segment(string text)
    {
        var segments = new List<(int Start, int Length, bool IsPhrase)>(text.Length / 2 + 1);
        var runStart = 0;
        var position = 0;
        while (position < text.Length)
        {
            var matched = _segmentation.MatchPrefix(text.AsSpan(position), out _);
            if (matched == 0)
            {
                position += CharacterLength(text, position);
                continue;
            }

            if (position > runStart)
            {
                segments.Add((runStart, position - runStart, false));
            }

            segments.Add((position, matched, true));
            position += matched;
            runStart = position;
        }

        if (position > runStart)
        {
            segments.Add((runStart, position - runStart, false));
        }

        return segments;
    }

    private static void ConvertSegment(ReadOnlySpan<char> segment, ReadOnlySpan<PhraseDictionary> group, StringBuilder output)
    {
        var position = 0;
        while (position < segment.Length)
        {
            var rest = segment[position..];
            var matched = 0;
            string? value = null;
            foreach (var dictionary in group)
            {
                matched = dictionary.MatchPrefix(rest, out value);
                if (matched > 0)
                {
                    break;
                }
            }

            if (matched > 0)
            {
                output.Append(value);
                position += matched;
            }
            else
            {
                var width = CharacterLength(rest, 0);
                output.Append(rest[..width]);
                position += width;
            }
        }
    }

    private static int CharacterLength(ReadOnlySpan<char> text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
}
