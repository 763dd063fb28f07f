namespace Commentary.Api.Platform.Authorization;

/// <summary>Authorization policies: each names the least role that may call, and admits the roles above it.</summary>
public static class Policies
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Translator = "translator";
    public const string Partner = "partner";

    /// <summary>The four policies; the authentication scheme that puts a role on the caller is the access area's.</summary>
    public static IServiceCollection AddRolePolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Editor, p => p.RequireRole(Roles.Admin, Roles.Editor))
            .AddPolicy(Translator, p => p.RequireRole(Roles.Admin, Roles.Editor, Roles.Translator))
            .AddPolicy(Partner, p => p.RequireRole(Roles.Admin, Roles.Partner));
        return services;
    }

    /// <summary>Requires <paramref name="policy"/> and documents the 401/403 answers and the role in OpenAPI.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(policy);
        builder.WithMetadata(new RequiredRoleMetadata(policy));
        return builder;
    }
}

/// <summary>Read by the OpenAPI setup to state each operation's role and its 401/403 responses.</summary>
public sealed record RequiredRoleMetadata(string Role);
