namespace Commentary.Api.Platform.Authorization;

/// <summary>The four roles an API key can have (API.md); each is also the name of the policy that admits it and the roles above it (<see cref="Policies"/>).</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Translator = "translator";
    public const string Partner = "partner";
    public static readonly IReadOnlyList<string> All = [Admin, Editor, Translator, Partner];
}
