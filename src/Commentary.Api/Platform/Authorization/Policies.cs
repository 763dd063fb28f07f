namespace Commentary.Api.Platform.Authorization;

/// <summary>
/// One authorization policy per role, named after it: <c>RequireRole(Roles.Editor)</c> admits the least role that may
/// call and the roles above it.
/// </summary>
public static class Policies
{
    /// <summary>The four policies; the authentication scheme that puts a role on the caller is the access area's.</summary>
    public static IServiceCollection AddRolePolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.Editor, p => p.RequireRole(Roles.Admin, Roles.Editor))
            .AddPolicy(Roles.Translator, p => p.RequireRole(Roles.Admin, Roles.Editor, Roles.Translator))
            .AddPolicy(Roles.Partner, p => p.RequireRole(Roles.Admin, Roles.Partner));
        return services;
    }

    /// <summary>Requires <paramref name="role"/> or a role above it, and documents the 401/403 answers and the role in OpenAPI.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, string role)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(role);
        builder.WithMetadata(new RequiredRoleMetadata(role));
        return builder;
    }
}

/// <summary>Read by the OpenAPI setup to state each operation's role and its 401/403 responses.</summary>
public sealed record RequiredRoleMetadata(string Role);
