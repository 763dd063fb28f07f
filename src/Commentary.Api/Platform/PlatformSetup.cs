using System.Text.Json;
using System.Text.Json.Serialization;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Database.Standby;
using Commentary.Api.Platform.Errors;
using Commentary.Api.Platform.Health;
using Commentary.Api.Platform.Http;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Logging;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.RateLimiting;
using Commentary.Api.Platform.Redis;
using Commentary.Api.Platform.Secrets;
using Commentary.Api.Platform.Telemetry;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Net.Http.Headers;

namespace Commentary.Api.Platform;

/// <summary>The cross-cutting services and middleware every area relies on: errors, validation, HTTP conventions, languages, paging, OpenAPI, health.</summary>
internal static class PlatformSetup
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Commentary:MaxRequestBodyBytes") ?? 1_048_576);
        if (!builder.Environment.IsDevelopment())
        {
            // Structured logs for collectors everywhere but on a developer's terminal.
            builder.Logging.ClearProviders().AddJsonConsole(options => options.IncludeScopes = true);
        }

        // Every log line written inside a request or span carries its TraceId and SpanId (a scope, in the JSON's "Scopes"),
        // so a line found in the logs leads to its trace and back.
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        KeyRedactingLoggerFactory.Register(services);
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Type ??= Problems.TypeFor(context.ProblemDetails.Status ?? 500);
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));

        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);

        services.AddRolePolicies();
        services.AddClientAddresses(builder.Configuration);
        var sharedRedis = services.AddSharedRedis(builder.Configuration);
        services.AddCommentaryRateLimiting(builder.Configuration, sharedRedis);
        services.AddCommentaryOpenApi();
        services.AddQueryParameterDocs();
        services.AddPublicOutputCache(sharedRedis);
        // HEAD on every GET route (public delivery, feeds, sitemap, ...): runs the GET and drops the body.
        services.AddTransient<IStartupFilter, HeadRequests>();
        services.AddCommentaryHealthChecks();
        services.AddCors(options => options.AddPolicy(CorsPolicies.Public, policy => CorsPolicies.ConfigurePublic(policy, builder.Configuration)));

        var production = builder.Environment.IsProduction();
        services.AddOptions<SiteOptions>().Bind(builder.Configuration.GetSection("Commentary:Site"))
            .Validate(site => site.ApiUrl is null ? !production : SiteOptions.IsValidApiUrl(site.ApiUrl),
                "Commentary:Site:ApiUrl must be this API's public address (an absolute http or https URL, such as https://api.example.org); "
                + "Production requires it, because feed self links and the sitemap index are built from it and never from the request's Host.")
            .ValidateOnStart();
        services.Configure<CachingOptions>(builder.Configuration.GetSection("Commentary:Caching"));
        services.Configure<LanguageOptions>(builder.Configuration.GetSection("Commentary:Languages"));
        services.AddSingleton<LanguageNegotiator>();
        services.AddSingleton<PublicResponses>();
        // First of the hosted services, so that the schema exists before any other starts (Data Protection reads its key ring at start).
        services.AddHostedService<DatabaseInitializer>();
        builder.AddCommentaryTelemetry();
        builder.AddSecretsAtRest();
        services.AddSingleton<StoredSecrets>();
        services.AddSingleton(CursorKeys.CreateCodec);
        services.AddHostedService<CursorKeys.Warmup>();
        return builder;
    }

    public static WebApplication UsePlatformPipeline(this WebApplication app)
    {
        app.UseClientAddresses();
        app.UseExceptionHandler();
        app.UseStatusCodeProblems();
        app.UseMiddleware<RequestGuards>();
        app.UseCors();
        // Only a request that names a key has anyone to authenticate: the anonymous majority (every reader) skips resolving
        // the handler and renting it a DbContext. A request without one that reaches a protected endpoint is still
        // challenged there (401) by the same handler.
        app.UseWhen(context => context.Request.Headers.ContainsKey(HeaderNames.Authorization), keyed => keyed.UseAuthentication());
        // WebApplication adds UseAuthentication itself, for every request and first in the pipeline, unless the app has
        // called it; a branch's call is not seen (a branch has its own copy of the properties), so it is marked here.
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSet] = true;
        // After authentication, so that requests are counted per API key; before authorization, so that rejected keys count too.
        app.UseRateLimiter();
        app.UseAuthorization();
        // After CORS and authentication: a request with a key is never answered from (or stored in) the public cache.
        app.UseOutputCache();
        // After the output cache: a cached answer reads no database, so it costs the standby check nothing.
        app.UseStandbyReads();
        app.UseCommentaryOpenApi();
        app.MapHealthEndpoints();
        app.MapStartupBanner();
        return app;
    }

    /// <summary>The key <c>UseAuthentication</c> sets, which WebApplication checks before adding it on its own.</summary>
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";

    internal static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        // A property the request type does not have is an error, not silently dropped: no mass assignment of id, status, ...
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    }
}
