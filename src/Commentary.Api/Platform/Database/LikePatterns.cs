namespace Commentary.Api.Platform.Database;

/// <summary>
/// ILIKE patterns from user text. EF does not escape LIKE wildcards in user input (dotnet/efcore#19118): without
/// this, <c>%</c> or <c>_</c> in a query would match anything instead of themselves.
/// </summary>
public static class LikePatterns
{
    /// <summary>The escape character to pass to <c>EF.Functions.ILike</c> with these patterns.</summary>
    public const string Escape = @"\";

    public static string Containing(string text) => "%" + Literal(text) + "%";

    public static string StartingWith(string text) => Literal(text) + "%";

    private static string Literal(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
