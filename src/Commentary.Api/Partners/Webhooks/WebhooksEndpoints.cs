using Commentary.Api.Platform.Database;
using Commentary.Api.Content.Journal;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Validation;

namespace Commentary.Api.Partners.Webhooks;

public static class WebhooksEndpoints
{
    public const string HttpClientName = "webhooks";

    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration("Commentary:Webhooks");
        // Every public change the content journal records becomes a delivery to each subscribed webhook.
        services.AddSingleton<IPublicChangeSubscriber, WebhookOutbox>();
        services.AddHttpClient(HttpClientName)
            // The factory's loggers write every failed request with its stack trace at Information: a receiver that is
            // down would fill the log. The dispatcher logs each attempt in one line instead.
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var allowPrivate = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.AllowPrivateTargets;
                return new SocketsHttpHandler
                {
                    // A redirect is a failure, not an invitation: following it would bypass the address check.
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    UseProxy = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    ConnectCallback = (context, cancellationToken) => WebhookTargets.ConnectAsync(context, allowPrivate, cancellationToken),
                };
            });
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<IDatabaseSeeder, WebhookSecretsUpgrade>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddSingleton<WebhookMetrics>();
        WebhookMetrics.AddBacklogGauge(services);
        return services;
    }

    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/manage/webhooks").WithTags("Webhooks").RequireRole(Roles.Admin).WithValidation();

        group.MapPost("/", CreateWebhook.Handle)
            .WithName("CreateWebhook")
            .WithSummary("Register a webhook; the signing secret is shown only in this response")
            .WithDescription("Events: published, updated, unpublished, deleted. URLs must be absolute http(s) without credentials; "
                + "loopback, private, link-local and metadata addresses are refused (here and again when connecting).");
        group.MapGet("/", ReadWebhooks.List).WithName("ListWebhooks").WithSummary("Registered webhooks (without secrets)");
        group.MapGet("/{id:guid}", ReadWebhooks.Get).WithName("GetWebhook").WithSummary("One webhook (without its secret)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", DeleteWebhook.Handle).WithName("DeleteWebhook").WithSummary("Remove a webhook and its delivery log")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/rotate-secret", RotateWebhookSecret.Handle).WithName("RotateWebhookSecret")
            .WithSummary("Replace the signing secret; the new one is shown only in this response")
            .WithDescription("For `Commentary:Webhooks:SecretRotationOverlap` (24 hours by default) deliveries carry two signatures in "
                + "`webhook-signature`, space-separated: `v1,<new> v1,<old>`. Receivers accept a request when any signature verifies, "
                + "so they can switch to the new secret at any time within the window.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapGet("/{id:guid}/deliveries", ReadWebhooks.Deliveries).WithName("ListWebhookDeliveries")
            .WithSummary("Delivery log, newest first: status, attempts, last status code and duration")
            .WithQueryParameters(QueryParameterDoc.Limit(PageLimits.Default, PageLimits.Max), QueryParameterDoc.Cursor)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }
}
