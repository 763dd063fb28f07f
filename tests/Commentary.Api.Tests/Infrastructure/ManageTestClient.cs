using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Commentary.Api.Content;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;

namespace Commentary.Api.Tests.Infrastructure;

/// <summary>Small helpers for the management API tests: send JSON with or without If-Match and read the answer.</summary>
internal static class ManageTestClient
{
    public const string ArticlesUrl = "/api/manage/articles";

    public static async Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> SendAsync(
        this HttpClient client, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, response.Headers.ETag?.ToString());
    }

    /// <summary>Creates an English article and returns its id and ETag.</summary>
    public static async Task<(string Id, string ETag)> CreateArticleAsync(this HttpClient client, string title = "China and Russia hold drills", string? slug = null, string language = "en")
    {
        var (status, body, etag) = await client.SendAsync(HttpMethod.Post, ArticlesUrl, new { slug, originalLanguage = language, title, body = "Body **text**." });
        Assert.Equal(HttpStatusCode.Created, status);
        return (body.GetProperty("id").GetString()!, etag!);
    }

    public static async Task<JsonElement> GetArticleAsync(this HttpClient client, string id)
    {
        var (status, body, _) = await client.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    public static async Task<string> ETagOfAsync(this HttpClient client, string id)
    {
        var (_, _, etag) = await client.SendAsync(HttpMethod.Get, $"{ArticlesUrl}/{id}");
        return etag!;
    }

    public static JsonElement Translation(this JsonElement article, string language) =>
        article.GetProperty("translations").EnumerateArray().Single(t => t.GetProperty("language").GetString() == language);

    public static async Task SeedReferencesAsync(CommentaryDbContext db)
    {
        var now = DateTimeOffset.UtcNow;
        db.Authors.Add(new Author { Slug = "jane-doe", Name = new LocalizedText { En = "Jane Doe" }, CreatedAt = now, UpdatedAt = now });
        db.Topics.Add(new Topic { Slug = "defence", Name = new LocalizedText { En = "Defence", ZhHans = "国防" }, CreatedAt = now, UpdatedAt = now });
        db.Sources.Add(new Source { Slug = "yue-gang", Kind = SourceKind.Person, Name = new LocalizedText { En = "Yue Gang" }, CreatedAt = now, UpdatedAt = now });
        db.Sources.Add(new Source { Slug = "global-times", Kind = SourceKind.Outlet, Name = new LocalizedText { En = "Global Times" }, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
    }
}
