using System.Text;
using Commentary.Text;

namespace Commentary.DataGenerator;

/// <summary>A body in Markdown, its HTML, its search text (SearchText.Prepare of the Markdown) and that text's lexeme ids by paragraph.</summary>
internal sealed record Body(string Markdown, string Html, string SearchText, IReadOnlyList<int[]> Tokens);

/// <summary>
/// Realistic-looking paragraphs in the three languages, built from a small vocabulary. The 简体 and 繁體 texts are
/// parallel (the same words in each script), so search and script folding behave as on real content.
/// </summary>
internal sealed class TextCorpus
{
    private static readonly string[] EnglishWords =
    [
        "Beijing", "Moscow", "Washington", "defense", "cooperation", "military", "exercise", "strategic", "partnership",
        "security", "regional", "alliance", "minister", "spokesperson", "commentator", "treaty", "border", "pressure",
        "analysts", "officials", "sanctions", "economy", "trade", "technology", "navy", "missile", "drills", "summit",
        "diplomacy", "relations", "influence", "stability", "conflict", "deterrence", "Pacific", "Europe", "Afghanistan",
        "Taliban", "NATO", "exercises", "capabilities", "interests", "sovereignty", "integrity", "coordination", "media",
        "government", "policy", "statement", "declaration", "anniversary", "forces", "troops", "weapons", "territory",
        "the", "the", "the", "and", "and", "of", "of", "in", "to", "a", "that", "with", "for", "on", "as", "by", "their",
        "is", "are", "was", "were", "have", "has", "would", "could", "more", "than", "not", "but", "between", "both",
    ];

    private static readonly (string Hans, string Hant)[] ChineseWords =
    [
        ("中俄", "中俄"), ("防务", "防務"), ("合作", "合作"), ("军事", "軍事"), ("演习", "演習"), ("战略", "戰略"),
        ("伙伴", "夥伴"), ("关系", "關係"), ("安全", "安全"), ("地区", "地區"), ("和平", "和平"), ("国防部", "國防部"),
        ("发言人", "發言人"), ("评论员", "評論員"), ("北京", "北京"), ("莫斯科", "莫斯科"), ("华盛顿", "華盛頓"),
        ("美国", "美國"), ("俄罗斯", "俄羅斯"), ("中国", "中國"), ("同盟", "同盟"), ("条约", "條約"), ("新闻", "新聞"),
        ("媒体", "媒體"), ("经济", "經濟"), ("贸易", "貿易"), ("技术", "技術"), ("海军", "海軍"), ("导弹", "導彈"),
        ("外交", "外交"), ("影响", "影響"), ("稳定", "穩定"), ("冲突", "衝突"), ("威慑", "威懾"), ("太平洋", "太平洋"),
        ("欧洲", "歐洲"), ("阿富汗", "阿富汗"), ("塔利班", "塔利班"), ("北约", "北約"), ("能力", "能力"), ("利益", "利益"),
        ("主权", "主權"), ("领土", "領土"), ("协调", "協調"), ("政府", "政府"), ("政策", "政策"), ("声明", "聲明"),
        ("纪念", "紀念"), ("部队", "部隊"), ("武器", "武器"), ("的", "的"), ("的", "的"), ("和", "和"), ("在", "在"),
        ("对", "對"), ("与", "與"), ("进一步", "進一步"), ("加强", "加強"), ("表示", "表示"), ("认为", "認為"),
    ];

    private readonly Paragraph[] _english;
    private readonly Paragraph[] _simplified;
    private readonly Paragraph[] _traditional;

    /// <param name="render">The API's Markdown renderer: each paragraph is rendered once, and a body's HTML is the
    /// concatenation of its paragraphs' HTML, exactly what rendering the whole body gives. Search text works the same
    /// way: Prepare turns the blank line between paragraphs into two spaces and treats each paragraph on its own.</param>
    public TextCorpus(int seed, Func<string, string> render, int paragraphs = 1_500)
    {
        var random = new Random(seed);
        _english = new Paragraph[paragraphs];
        _simplified = new Paragraph[paragraphs];
        _traditional = new Paragraph[paragraphs];
        for (var i = 0; i < paragraphs; i++)
        {
            var english = EnglishParagraph(random);
            var (simplified, traditional) = ChineseParagraph(random);
            _english[i] = new Paragraph(english, render(english));
            _simplified[i] = new Paragraph(simplified, render(simplified));
            _traditional[i] = new Paragraph(traditional, render(traditional));
        }
    }

    /// <summary>About <paramref name="bytes"/> of UTF-8 Markdown per language, with its HTML: paragraphs picked by <paramref name="random"/>.</summary>
    public (Body En, Body ZhHans, Body ZhHant) Body(Random random, int bytes)
    {
        var en = new BodyBuilder();
        var hans = new BodyBuilder();
        var hant = new BodyBuilder();
        while (en.Length < bytes)
        {
            en.Add(_english[random.Next(_english.Length)]);
        }

        while (hans.Length * 3 < bytes)
        {
            var index = random.Next(_simplified.Length);
            hans.Add(_simplified[index]);
            hant.Add(_traditional[index]);
        }

        return (en.Build(), hans.Build(), hant.Build());
    }

    /// <summary>Every token a title, summary or body can contain, for <see cref="Lexicon.LoadAsync"/>.</summary>
    public IEnumerable<string> AllTokens()
    {
        var paragraphs = _english.Concat(_simplified).Concat(_traditional).SelectMany(p => Lexicon.Tokens(p.SearchText));
        var english = EnglishWords.SelectMany(w => new[] { w, char.ToUpperInvariant(w[0]) + w[1..] });
        // Titles are cut after a number of characters, so any two adjacent words can meet in a Han bigram.
        var chinese = ChineseWords.SelectMany(a => ChineseWords.SelectMany(b => new[] { a.Hans + b.Hans, a.Hant + b.Hant }))
            .SelectMany(pair => Lexicon.Tokens(SearchText.Prepare(pair, index: true)));
        return paragraphs.Concat(english).Concat(chinese).Concat(["，", "。"]);
    }

    /// <summary>Tokenizes every paragraph once; bodies then reuse the lexeme ids.</summary>
    public void Index(Lexicon lexicon)
    {
        foreach (var paragraph in _english.Concat(_simplified).Concat(_traditional))
        {
            paragraph.Tokens = lexicon.Tokenize(paragraph.SearchText);
        }
    }

    private sealed class Paragraph(string markdown, string html)
    {
        public string Markdown { get; } = markdown;
        public string Html { get; } = html;
        public string SearchText { get; } = Commentary.Text.SearchText.Prepare(markdown, index: true);
        public int[] Tokens { get; set; } = [];
    }

    private sealed class BodyBuilder
    {
        private readonly StringBuilder _markdown = new(12_000);
        private readonly StringBuilder _html = new(12_000);
        private readonly StringBuilder _searchText = new(30_000);
        private readonly List<int[]> _tokens = [];

        public int Length => _markdown.Length;

        public void Add(Paragraph paragraph)
        {
            if (_markdown.Length > 0)
            {
                _markdown.Append("\n\n");
                _searchText.Append("  ");
            }

            _markdown.Append(paragraph.Markdown);
            _html.Append(paragraph.Html);
            _searchText.Append(paragraph.SearchText);
            _tokens.Add(paragraph.Tokens);
        }

        public Body Build() => new(_markdown.ToString(), _html.ToString(), _searchText.ToString(), _tokens);
    }

    public (string En, string ZhHans, string ZhHant) Sentence(Random random)
    {
        var en = EnglishSentence(random);
        var (hans, hant) = ChineseSentence(random);
        return (en, hans, hant);
    }

    private static string EnglishParagraph(Random random)
    {
        var builder = new StringBuilder();
        var sentences = random.Next(4, 8);
        for (var s = 0; s < sentences; s++)
        {
            builder.Append(EnglishSentence(random)).Append(' ');
        }

        return builder.ToString().TrimEnd();
    }

    private static string EnglishSentence(Random random)
    {
        var words = Enumerable.Range(0, random.Next(8, 20)).Select(_ => EnglishWords[random.Next(EnglishWords.Length)]).ToArray();
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words) + ".";
    }

    private static (string, string) ChineseParagraph(Random random)
    {
        var hans = new StringBuilder();
        var hant = new StringBuilder();
        var sentences = random.Next(3, 7);
        for (var s = 0; s < sentences; s++)
        {
            var (h, t) = ChineseSentence(random);
            hans.Append(h);
            hant.Append(t);
        }

        return (hans.ToString(), hant.ToString());
    }

    private static (string, string) ChineseSentence(Random random)
    {
        var hans = new StringBuilder();
        var hant = new StringBuilder();
        var words = random.Next(8, 18);
        for (var w = 0; w < words; w++)
        {
            var (h, t) = ChineseWords[random.Next(ChineseWords.Length)];
            hans.Append(h);
            hant.Append(t);
            if (w > 0 && w % 6 == 0 && w < words - 1)
            {
                hans.Append('，');
                hant.Append('，');
            }
        }

        return (hans.Append('。').ToString(), hant.Append('。').ToString());
    }
}
