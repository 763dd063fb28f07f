using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commentary.Api.Content;
using Commentary.Api.Content.Articles;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Partners.Sync;

/// <summary>Seeds sources and quotes and replaces taxonomy entities through the management API, as editors do.</summary>
internal static class SharedPartChanges
{
    public static async Task<Guid> CreateSourceAsync(HttpClient admin, string slug, string name, string kind = "person")
    {
        var response = await admin.PostAsJsonAsync("/api/manage/sources", new { slug, kind, name = new { en = name }, role = new { en = "Role" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Adds a quote of <paramref name="sourceId"/> (reported by <paramref name="outletId"/>) without recording a change.</summary>
    public static async Task AddQuoteAsync(IServiceProvider services, Guid articleId, Guid sourceId, Guid? outletId = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommentaryDbContext>();
        var position = await db.Quotes.CountAsync(q => q.ArticleId == articleId);
        db.Quotes.Add(new Quote { ArticleId = articleId, Position = position, SourceId = sourceId, OutletId = outletId, Text = new LocalizedText { En = "Words." } });
        await db.SaveChangesAsync();
    }

    /// <summary>GET for the ETag, then PUT <paramref name="body"/> with If-Match.</summary>
    public static async Task ReplaceAsync(HttpClient admin, string path, object body)
    {
        var current = await admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        using var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.Add(current.Headers.ETag!);
        var response = await admin.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
