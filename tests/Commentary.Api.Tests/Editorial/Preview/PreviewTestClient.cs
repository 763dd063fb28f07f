using System.Net;
using System.Net.Http.Headers;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Commentary.Api.Tests.Editorial.Preview;

/// <summary>A response read whole: status, exact bytes and headers.</summary>
internal sealed record RawResponse(HttpStatusCode Status, byte[] Body, HttpResponseMessage Message)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public string? ETag => Message.Headers.ETag?.ToString();

    public string Header(string name) =>
        Message.Headers.TryGetValues(name, out var values) || Message.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : "";
}

internal static class PreviewTestClient
{
    public static string PreviewUrl(string id, string? lang = null) => $"{ManageTestClient.ArticlesUrl}/{id}/preview{(lang is null ? "" : "?lang=" + lang)}";

    public static string LinksUrl(string id) => $"{ManageTestClient.ArticlesUrl}/{id}/preview-links";

    public static async Task<RawResponse> GetRawAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return new RawResponse(response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response);
    }

    /// <summary>Publishes <paramref name="languages"/> (all when empty) with <paramref name="ifMatch"/> and returns the status.</summary>
    public static async Task<HttpStatusCode> PublishAsync(this HttpClient client, string id, string? ifMatch, params string[] languages) =>
        (await client.SendAsync(HttpMethod.Post, $"{ManageTestClient.ArticlesUrl}/{id}/publish", new { languages }, ifMatch)).Status;
}

/// <summary>The app on a clock that moves only when told, for what depends on "now": publication times and link expiry.</summary>
internal sealed class FrozenClockApp : IAsyncDisposable
{
    public FrozenClockApp(CommentaryApiFactory factory)
    {
        App = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time)));
        Admin = Client(CommentaryApiFactory.AdminKey);
        Anonymous = Client(null);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero));

    public WebApplicationFactory<Program> App { get; }

    public HttpClient Admin { get; }

    public HttpClient Anonymous { get; }

    public HttpClient Client(string? key)
    {
        var client = App.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
