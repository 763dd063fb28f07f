namespace Commentary.Api.Platform.Authorization;

/// <summary>The four roles an API key can have (API.md); policies in <see cref="Policies"/> admit the roles above each.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Translator = "translator";
    public const string Partner = "partner";
    public static readonly IReadOnlyList<string> All = [Admin, Editor, Translator, Partner];
}
