using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commentary.Api.Partners.Sync;

/// <summary>Marks an operation whose 200 answer carries <see cref="GetChanges.LagHeader"/>, so the OpenAPI document describes it.</summary>
public sealed record SyncLagHeaderMetadata;

internal sealed class SyncLagHeaderOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<SyncLagHeaderMetadata>().Any()
            || operation.Responses?.GetValueOrDefault("200") is not OpenApiResponse ok)
        {
            return;
        }

        ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
        ok.Headers[GetChanges.LagHeader] = new OpenApiHeader
        {
            Description = "Seconds since the oldest write transaction still running began (0 when none): changes committed "
                + "after it began are held back until it ends, so the feed trails real time by up to this much. Nothing is lost meanwhile.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
        };
    }
}
