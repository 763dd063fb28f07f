using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commentary.Api.Platform.OpenApi;

/// <summary>
/// A JSON response documented by a schema of the document named by its id, for an area that may not use the type behind
/// it (the preview answers Delivery's public article, which Editorial cannot import).
/// </summary>
public sealed record ResponseSchemaMetadata(int Status, string SchemaId);

public static class ResponseSchemas
{
    public static RouteHandlerBuilder WithResponseSchema(this RouteHandlerBuilder builder, int status, string schemaId) =>
        builder.WithMetadata(new ResponseSchemaMetadata(status, schemaId));
}

internal sealed class ResponseSchemaOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var metadata in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ResponseSchemaMetadata>())
        {
            if (operation.Responses?.GetValueOrDefault(metadata.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)) is OpenApiResponse response
                && response.Content is { } content && content.TryGetValue("application/json", out var media) && media is OpenApiMediaType json)
            {
                json.Schema = new OpenApiSchemaReference(metadata.SchemaId, context.Document);
            }
        }
    }
}
