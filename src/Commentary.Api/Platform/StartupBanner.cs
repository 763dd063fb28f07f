using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Commentary.Api.Platform;

internal static class StartupBanner
{
    /// <summary>Once listening, tells the person who ran the API where Swagger UI is and how to authenticate.</summary>
    public static WebApplication MapStartupBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.WriteLine($"  Swagger UI: {address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/')}/swagger");
            }

            Console.WriteLine("  Authenticate: press Authorize and paste an admin key (Commentary__BootstrapAdminKey, or the key printed on first start).");
            Console.WriteLine("  Sample article: GET /api/articles/sino-russian-defense-cooperation-reaches-new-heights");
        });
        return app;
    }
}
