using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace Commentary.Api.Partners.Sync;

/// <summary>One change as it is written: the page bytes of an upsert are the article page's own, copied as they are.</summary>
public sealed record PartnerChangeBytes(string Type, Guid ArticleId, string Slug, string Language, byte[]? Article, DateTimeOffset ChangedAt);

/// <summary>
/// Writes a <see cref="PartnerChangesPage"/> (the documented shape) with each upsert's <c>article</c> copied from the
/// stored page bytes rather than parsed and serialized again: a page of 1,000 changes is mostly those bytes.
/// </summary>
public sealed class PartnerChangesResult(IReadOnlyList<PartnerChangeBytes> changes, string nextCursor, bool hasMore) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray("changes");
        foreach (var change in changes)
        {
            writer.WriteStartObject();
            writer.WriteString("type", change.Type);
            writer.WriteString("articleId", change.ArticleId.ToString());
            writer.WriteString("slug", change.Slug);
            writer.WriteString("language", change.Language);
            writer.WritePropertyName("article");
            if (change.Article is { } article)
            {
                // The stored page is JSON the API wrote itself; skipping its validation is what makes this cheap.
                writer.WriteRawValue(article, skipInputValidation: true);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteString("changedAt", change.ChangedAt);
            writer.WriteEndObject();
            if (writer.BytesPending > 64 * 1024)
            {
                await writer.FlushAsync(httpContext.RequestAborted);
            }
        }

        writer.WriteEndArray();
        writer.WriteString("nextCursor", nextCursor);
        writer.WriteBoolean("hasMore", hasMore);
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(PartnerChangesPage), ["application/json"]));
}
