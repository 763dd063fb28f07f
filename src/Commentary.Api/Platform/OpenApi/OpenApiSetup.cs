using Commentary.Api.Platform.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commentary.Api.Platform.OpenApi;

internal static class OpenApiSetup
{
    public const string SecuritySchemeName = "ApiKey";

    public static IServiceCollection AddCommentaryOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Commentary API",
                Version = "v1",
                Description = "Headless CMS for a commentary publication in English, 简体 and 繁體. " +
                    "Public endpoints need no key. For /api/manage and /api/partner press Authorize and paste an API key.",
                License = new OpenApiLicense { Name = "Proprietary: the publication's own API" },
                Contact = new OpenApiContact { Name = "Commentary API maintainers" },
            });
            options.DocumentFilter<TagDescriptionsFilter>();
            options.AddSecurityDefinition(SecuritySchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "API key",
                Description = "An API key (cmk_…), sent as 'Authorization: Bearer <key>'.",
            });
            options.OperationFilter<RoleOperationFilter>();
            options.OperationFilter<RequestExampleOperationFilter>();
            options.SchemaFilter<ClosedSetSchemaFilter>();
            options.ParameterFilter<ClosedSetSchemaFilter>();
            options.OperationFilter<IfMatchHeaderOperationFilter>();
            options.OperationFilter<ResponseSchemaOperationFilter>();
            options.SupportNonNullableReferenceTypes();
            // Swagger UI marks non-nullable properties as required, which is what the validators enforce.
            options.NonNullableReferenceTypesAsRequired();
            options.CustomSchemaIds(SchemaId);
        });
        // The configured public address, like every absolute URL the API writes (never the request's Host).
        services.AddOptions<SwaggerGenOptions>().Configure<Microsoft.Extensions.Options.IOptions<SiteOptions>>((options, site) =>
            options.AddServer(new OpenApiServer { Url = site.Value.ApiBaseUrl, Description = "This API (Commentary:Site:ApiUrl)" }));
        return services;
    }

    public static WebApplication UseCommentaryOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "Commentary API v1");
            options.DocumentTitle = "Commentary API";
            options.EnablePersistAuthorization();
            options.EnableTryItOutByDefault();
            options.DisplayRequestDuration();
        });
        return app;
    }

    /// <summary>Readable, unique schema names: "Taxonomy.SourceRequest", "Paging.PageOfTaxonomy.ManagedSource".</summary>
    private static string SchemaId(Type type)
    {
        if (type.IsConstructedGenericType)
        {
            var definition = SchemaId(type.GetGenericTypeDefinition());
            return $"{definition[..definition.IndexOf('`', StringComparison.Ordinal)]}Of{string.Join("And", type.GetGenericArguments().Select(SchemaId))}";
        }

        if (type.Namespace?.StartsWith("Commentary.Api.", StringComparison.Ordinal) != true)
        {
            return type.Name;
        }

        // Without the area: Editorial/Taxonomy's SourceRequest is "Taxonomy.SourceRequest".
        var name = (type.FullName ?? type.Name)["Commentary.Api.".Length..];
        return name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..].Replace('+', '.');
    }

    /// <summary>States each protected operation's role, its security requirement, and its 401/403 answers.</summary>
    private sealed class RoleOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var role = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequiredRoleMetadata>().LastOrDefault();
            if (role is null)
            {
                // Explicitly none: linters (and readers) need not guess whether a key is wanted.
                operation.Security = [];
                return;
            }

            operation.Description = $"Role: {role.Role} or above.{(string.IsNullOrEmpty(operation.Description) ? "" : " " + operation.Description)}";
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = [],
            });
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Missing, invalid or revoked API key." });
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The key's role is below {role.Role}." });
        }
    }
}
