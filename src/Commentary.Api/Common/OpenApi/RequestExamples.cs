using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commentary.Api.Common.OpenApi;

/// <summary>
/// A request body type with an example that works when sent as-is from Swagger UI. Implement it on the request
/// record: <c>public static CreateKeyRequest Example =&gt; new("CI deploy", Roles.Editor);</c>. The example is
/// serialized with the API's JSON settings (null properties left out) into every operation taking that body.
/// </summary>
public interface IHasRequestExample<out TSelf>
{
    static abstract TSelf Example { get; }
}

internal sealed class RequestExampleOperationFilter : IOperationFilter
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var bodyType = context.ApiDescription.ParameterDescriptions
            .FirstOrDefault(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body)?.Type;
        if (bodyType is null || operation.RequestBody?.Content is not { } content
            || !bodyType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IHasRequestExample<>)))
        {
            return;
        }

        var example = bodyType.GetProperty(nameof(IHasRequestExample<object>.Example), BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        if (example is null)
        {
            return;
        }

        foreach (var mediaType in content.Values.OfType<OpenApiMediaType>())
        {
            mediaType.Example = JsonSerializer.SerializeToNode(example, bodyType, Json);
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions();
        ApiSetup.ConfigureJson(json);
        json.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return json;
    }
}
