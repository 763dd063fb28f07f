using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commentary.Api.Common.OpenApi;

/// <summary>A request body example that works when sent as it is from Swagger UI's "Try it out".</summary>
public sealed record RequestExampleMetadata(JsonNode Example);

public static class RequestExamples
{
    private static readonly JsonSerializerOptions Json = CreateOptions();

    /// <summary>Shows <paramref name="example"/> (serialized as the API reads JSON) as the operation's request body example.</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object example)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestExampleMetadata(JsonSerializer.SerializeToNode(example, example.GetType(), Json)!));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
        ApiSetup.ConfigureJson(options);
        return options;
    }
}

internal sealed class RequestExampleOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var example = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestExampleMetadata>().LastOrDefault();
        if (example is null || operation.RequestBody?.Content is not { } content)
        {
            return;
        }

        foreach (var mediaType in content.Values.OfType<OpenApiMediaType>())
        {
            mediaType.Example = example.Example.DeepClone();
        }
    }
}
