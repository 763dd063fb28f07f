using Commentary.Api.Access.Authentication;
using Commentary.Api.Access.Keys;
using Commentary.Api.Platform.Database;
using Microsoft.AspNetCore.Authentication;

namespace Commentary.Api;

/// <summary>API keys and the authentication that turns one into a caller with a role.</summary>
public static class AccessSetup
{
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        // The first admin key is created at start-up, as a seeder the database initializer runs.
        services.AddScoped<BootstrapAdminKey>().AddScoped<IDatabaseSeeder>(provider => provider.GetRequiredService<BootstrapAdminKey>());
        return services;
    }

    public static WebApplication MapAccess(this WebApplication app)
    {
        app.MapManageKeys();
        return app;
    }
}
