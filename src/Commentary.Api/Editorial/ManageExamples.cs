using Commentary.Api.Editorial.Articles;
using Commentary.Api.Editorial.Editions;
using Commentary.Api.Editorial.Publishing;
using Commentary.Api.Editorial.Translations;

namespace Commentary.Api.Editorial;

/// <summary>
/// Request bodies Swagger UI pre-fills; each works when sent as it is on a database with the sample article
/// (its author, topic and sources), and shows the shape to edit.
/// </summary>
internal static class ManageExamples
{
    public static readonly CreateArticleRequest CreateArticle = new(
        "en",
        "China and Russia hold joint naval drills",
        "Retired PLA colonel **Yue Gang** said the drills were routine.",
        Summary: "The exercise is the largest in years.",
        Authors: ["editorial-desk"],
        Topics: ["defense"]);

    public static readonly PatchArticleRequest PatchArticle = new(Slug: "china-russia-naval-drills");

    public static readonly PutTranslationRequest PutTranslation = new("中俄举行联合海上演习", "退役解放军上校**岳刚**表示，这次演习是例行演习。", Summary: "这是多年来规模最大的一次演习。");

    public static readonly ConvertTranslationRequest ConvertTranslation = new("zh-Hans", "s2tw");

    public static readonly QuoteRequest[] Quotes =
    [
        new("yue-gang", new Dictionary<string, string> { ["en"] = "The drills are routine.", ["zh-Hans"] = "这次演习是例行的。" }, Outlet: "global-times"),
    ];

    public static readonly RelatedRequest[] Related =
    [
        new(Article: "sino-russian-defense-cooperation-reaches-new-heights"),
        new(Url: "https://example.org/background", Title: "Background reading"),
    ];

    public static readonly PublishRequest Publish = new(Languages: ["en"]);

    public static readonly RedactEditionRequest RedactEdition = new("Court order 2026/118: the quote attributed to a private person.");
}
