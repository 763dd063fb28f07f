using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Commentary.Api.Platform.Http;

/// <summary>Browsers on other origins may GET public content; management endpoints get no CORS policy at all.</summary>
public static class CorsPolicies
{
    public const string Public = "public";

    public static void ConfigurePublic(CorsPolicyBuilder policy, IConfiguration configuration)
    {
        var origins = configuration.GetSection("Commentary:Cors:PublicOrigins").Get<string[]>() ?? ["*"];
        if (origins.Length == 0 || origins.Contains("*"))
        {
            policy.AllowAnyOrigin();
        }
        else
        {
            policy.WithOrigins(origins);
        }

        policy.WithMethods("GET", "HEAD").AllowAnyHeader().WithExposedHeaders("ETag", "Content-Language", "Link", "Last-Modified");
    }
}
