using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commentary.Api.Platform.OpenApi;

/// <summary>
/// A query parameter a handler reads itself (through <c>PublicQuery</c>, to return field-named 400s and reject unknown
/// parameters), or binds as text to check itself (paging), and that OpenAPI therefore cannot infer from the handler's signature.
/// </summary>
public sealed record QueryParameterDoc(string Name, string Type, string Description, bool Required = false, string? Format = null)
{
    public static readonly QueryParameterDoc Lang = new("lang", "string", "Language to serve: en, zh-Hans or zh-Hant (aliases such as zh-TW, zh-CN accepted); beats Accept-Language.");
    public static readonly QueryParameterDoc Cursor = new("cursor", "string", "The nextCursor of the previous page, unchanged.");

    public static QueryParameterDoc Limit(int defaultValue, int max) => new("limit", "integer", $"Page size, 1..{max} (default {defaultValue}).", Format: "int32");
}

public static class QueryParameterDocsExtensions
{
    public static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder builder, params QueryParameterDoc[] parameters) =>
        builder.WithMetadata(new QueryParameterDocs(parameters));

    public static IServiceCollection AddQueryParameterDocs(this IServiceCollection services)
    {
        services.ConfigureSwaggerGen(options => options.OperationFilter<QueryParameterDocsFilter>());
        return services;
    }
}

public sealed record QueryParameterDocs(IReadOnlyList<QueryParameterDoc> Parameters);

internal sealed class QueryParameterDocsFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<QueryParameterDocs>().LastOrDefault() is not { } docs)
        {
            return;
        }

        operation.Parameters ??= [];
        foreach (var doc in docs.Parameters)
        {
            // A bound parameter of the same name is replaced: paging binds limit as text so every list can word its own error.
            foreach (var bound in operation.Parameters.Where(p => p.Name == doc.Name && p.In == ParameterLocation.Query).ToList())
            {
                operation.Parameters.Remove(bound);
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = doc.Name,
                In = ParameterLocation.Query,
                Required = doc.Required,
                Description = doc.Description,
                Schema = new OpenApiSchema { Type = doc.Type == "integer" ? JsonSchemaType.Integer : JsonSchemaType.String, Format = doc.Format },
            });
        }
    }
}
