namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>
/// The source area that owns an operation, by route prefix (a whole segment or more). Every operation of the document
/// belongs to exactly one area (<see cref="AreaCoverageTests"/>), so a new route cannot escape the bad-input suite.
/// </summary>
internal sealed record ApiArea(string Name, int MinimumProbes, params string[] Prefixes)
{
    // Probes today: Access 54, Delivery 540, Editorial 732, Partners 178, Platform 16 (1,520). A count below the minimum
    // means the document or the generators stopped producing probes; the minimums add up to more than 1,200.
    public static readonly ApiArea Access = new("Access", 40, "/api/manage/keys");

    public static readonly ApiArea Delivery = new("Delivery", 430, "/api/articles", "/api/authors", "/api/sources", "/api/topics", "/api/search");

    public static readonly ApiArea Editorial = new("Editorial", 590, "/api/manage/articles", "/api/manage/authors", "/api/manage/sources", "/api/manage/topics", "/api/manage/glossary", "/api/preview");

    public static readonly ApiArea Partners = new("Partners", 140, "/api/manage/webhooks", "/api/partner", "/feeds", "/sitemap.xml", "/sitemaps");

    public static readonly ApiArea Platform = new("Platform", 12, "/health");

    public static IReadOnlyList<ApiArea> All => [Access, Delivery, Editorial, Partners, Platform];

    public bool Owns(ApiOperation operation) =>
        Prefixes.Any(prefix => operation.Path == prefix || operation.Path.StartsWith(prefix + "/", StringComparison.Ordinal));

    public override string ToString() => Name;
}
