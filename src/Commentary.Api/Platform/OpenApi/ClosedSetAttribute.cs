using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commentary.Api.Platform.OpenApi;

/// <summary>
/// Documents a string that takes one of a fixed set of values (roles, languages, source kinds, events, states) as a
/// string enum in OpenAPI. On a string it lists the values; on a list of strings, the items' values; on a map
/// (<c>IDictionary&lt;string, string&gt;</c>), the allowed keys, as named properties. Use it on request or response
/// properties (<c>[property: ClosedSet(typeof(Roles))]</c> on a positional record) and on query parameters.
/// Validation stays in the validator; this only tells Swagger UI.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class ClosedSetAttribute : Attribute
{
    public ClosedSetAttribute(params string[] values) => Values = values;

    /// <summary>The values of <paramref name="holder"/>'s static <c>All</c> list, e.g. <c>typeof(Roles)</c>, <c>typeof(Language)</c>.</summary>
    public ClosedSetAttribute(Type holder) =>
        Values = holder.GetField("All", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IReadOnlyList<string>
            ?? throw new ArgumentException($"{holder} has no public static IReadOnlyList<string> All.", nameof(holder));

    public IReadOnlyList<string> Values { get; }
}

internal sealed class ClosedSetSchemaFilter : ISchemaFilter, IParameterFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        var closedSet = context.MemberInfo?.GetCustomAttribute<ClosedSetAttribute>() ?? context.ParameterInfo?.GetCustomAttribute<ClosedSetAttribute>();
        if (closedSet is not null)
        {
            Describe(schema, closedSet.Values);
        }
    }

    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (context.ParameterInfo?.GetCustomAttribute<ClosedSetAttribute>() is { } closedSet && parameter.Schema is { } schema)
        {
            Describe(schema, closedSet.Values);
        }
    }

    private static void Describe(IOpenApiSchema schema, IReadOnlyList<string> values)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        if (concrete.Type?.HasFlag(JsonSchemaType.Array) == true && concrete.Items is OpenApiSchema items)
        {
            items.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        }
        else if (concrete.Type?.HasFlag(JsonSchemaType.Object) == true)
        {
            concrete.Properties = values.ToDictionary(v => v, IOpenApiSchema (_) => new OpenApiSchema { Type = JsonSchemaType.String });
            concrete.AdditionalPropertiesAllowed = false;
            concrete.AdditionalProperties = null;
        }
        else
        {
            concrete.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        }
    }
}
