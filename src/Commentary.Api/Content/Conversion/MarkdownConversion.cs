using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Commentary.Api.Content.Conversion;

/// <summary>
/// Converts the prose of a Markdown document and nothing else. Markdig's syntax tree (with the renderer's extensions,
/// so the structure is the one readers get) names the source range of every text node; only those ranges are
/// converted and every other character is copied as it is: markup, link targets and titles, code spans and blocks,
/// HTML, entities, reference labels. Adjacent text nodes are converted as one run, so a phrase Markdig happened to
/// split (at an unmatched <c>*</c>, say) still converts as a phrase.
/// </summary>
public static class MarkdownConversion
{
    // Raw HTML is recognised here (the renderer escapes it instead), so that tags and attributes are HTML nodes, kept.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseFootnotes()
        .UsePreciseSourceLocation()
        .Build();

    public static string Convert(string markdown, Func<string, string> convert)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var runs = TextRuns(markdown);
        var output = new StringBuilder(markdown.Length + markdown.Length / 8);
        var copied = 0;
        foreach (var (start, end) in runs)
        {
            output.Append(markdown, copied, start - copied);
            output.Append(convert(markdown[start..end]));
            copied = end;
        }

        output.Append(markdown, copied, markdown.Length - copied);
        return output.ToString();
    }

    /// <summary>The source ranges [start, end) of text nodes, in order, adjacent ones merged.</summary>
    internal static List<(int Start, int End)> TextRuns(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var spans = document.Descendants<LiteralInline>()
            .Where(literal => !literal.Span.IsEmpty && !InsideKeptInline(literal))
            .Select(literal => (Start: literal.Span.Start, End: literal.Span.End + 1))
            .Where(span => span.Start >= 0 && span.End <= markdown.Length)
            .OrderBy(span => span.Start);
        var runs = new List<(int Start, int End)>();
        foreach (var span in spans)
        {
            if (runs.Count > 0 && span.Start < runs[^1].End)
            {
                // Overlaps never happen in a well-formed tree; skipping one keeps the copy in order if it did.
                continue;
            }

            if (runs.Count > 0 && span.Start == runs[^1].End)
            {
                runs[^1] = (runs[^1].Start, span.End);
            }
            else
            {
                runs.Add(span);
            }
        }

        return runs;
    }

    /// <summary>
    /// Text that is really an address or a label: a bare URL the autolink extension made a link of, or the text of a
    /// shortcut reference link (<c>[标签]</c>, <c>[标签][]</c>), which must keep matching its definition.
    /// </summary>
    private static bool InsideKeptInline(Inline inline)
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is LinkInline { IsAutoLink: true } or LinkInline { Reference: not null, IsShortcut: true }
                or LinkInline { Reference: not null, LocalLabel: LocalLabel.Empty })
            {
                return true;
            }
        }

        return false;
    }
}
