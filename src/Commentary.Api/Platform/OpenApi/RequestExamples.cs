using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commentary.Api.Platform.OpenApi;

/// <summary>
/// A request body type with an example that works when sent as-is from Swagger UI. Implement it on the request
/// record: <c>public static CreateKeyRequest Example =&gt; new("CI deploy", Roles.Editor);</c>. The example is
/// serialized with the API's JSON settings (null properties left out) into every operation taking that body.
/// </summary>
public interface IHasRequestExample<out TSelf>
{
    static abstract TSelf Example { get; }
}

/// <summary>A per-route request body example (for bodies such as arrays, whose type cannot carry one).</summary>
public sealed record RequestExampleMetadata(JsonNode Example);

public static class RequestExamples
{
    internal static readonly JsonSerializerOptions Json = CreateOptions();

    /// <summary>Shows <paramref name="example"/> (serialized as the API reads JSON) as the operation's request body example.</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object example)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestExampleMetadata(JsonSerializer.SerializeToNode(example, example.GetType(), Json)!));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        PlatformSetup.ConfigureJson(options);
        return options;
    }
}

/// <summary>Puts the route's example, else the body type's <see cref="IHasRequestExample{TSelf}.Example"/>, into the document.</summary>
internal sealed class RequestExampleOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.RequestBody?.Content is not { } content || ExampleFor(context) is not { } example)
        {
            return;
        }

        foreach (var mediaType in content.Values.OfType<OpenApiMediaType>())
        {
            mediaType.Example = example.DeepClone();
        }
    }

    private static JsonNode? ExampleFor(OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestExampleMetadata>().LastOrDefault() is { } metadata)
        {
            return metadata.Example;
        }

        var bodyType = context.ApiDescription.ParameterDescriptions
            .FirstOrDefault(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body)?.Type;
        if (bodyType is null || !bodyType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IHasRequestExample<>)))
        {
            return null;
        }

        var example = bodyType.GetProperty(nameof(IHasRequestExample<object>.Example), BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        return example is null ? null : JsonSerializer.SerializeToNode(example, bodyType, RequestExamples.Json);
    }
}
