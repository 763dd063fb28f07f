using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commentary.Api.Tests.Partners.Webhooks;

/// <summary>A real HTTP receiver on 127.0.0.1 (Kestrel): records every request and answers with scripted status codes.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _script;

    public sealed record Received(string Path, Dictionary<string, string> Headers, byte[] Body, DateTimeOffset At);

    /// <summary>A scripted answer; <paramref name="RetryAfter"/> computes the header's value at the time of the answer.</summary>
    public sealed record Reply(int Status, Func<string>? RetryAfter = null);

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string Url { get; private set; } = "";

    private WebhookReceiver(IEnumerable<Reply> replies)
    {
        _script = new ConcurrentQueue<Reply>(replies);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            Requests.Enqueue(new Received(
                context.Request.Path,
                context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
                body.ToArray(),
                DateTimeOffset.UtcNow));
            var reply = _script.TryDequeue(out var next) ? next : new Reply(StatusCodes.Status200OK);
            var status = reply.Status;
            context.Response.StatusCode = status;
            if (reply.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = reply.RetryAfter();
            }

            if (status is >= 300 and < 400)
            {
                context.Response.Headers.Location = "/redirected";
            }

            await context.Response.WriteAsync("receiver body that must never be shown");
        });
    }

    public static Task<WebhookReceiver> StartAsync(params int[] statuses) => StartScriptedAsync(statuses.Select(s => new Reply(s)).ToArray());

    public static async Task<WebhookReceiver> StartScriptedAsync(params Reply[] replies)
    {
        var receiver = new WebhookReceiver(replies);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address + "/hook";
        return receiver;
    }

    public async Task<List<Received>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (Requests.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return [.. Requests];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
