using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commentary.Api.Platform.OpenApi;

/// <summary>Marks an operation that reads <c>If-Match</c>, so Swagger UI offers a field for the ETag.</summary>
public sealed record IfMatchHeaderMetadata(bool Required);

public static class IfMatchHeader
{
    public static TBuilder WithIfMatchHeader<TBuilder>(this TBuilder builder, bool required)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new IfMatchHeaderMetadata(required));
}

internal sealed class IfMatchHeaderOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IfMatchHeaderMetadata>().LastOrDefault() is not { } ifMatch)
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-Match",
            In = ParameterLocation.Header,
            Required = ifMatch.Required,
            Description = ifMatch.Required
                ? "The ETag you last read (with its quotes, e.g. \"3\"). Missing: 428; not current: 412 and nothing changes."
                : "Optional: the ETag you last read (with its quotes, e.g. \"3\"); when sent and not current, 412 and nothing changes.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }
}
