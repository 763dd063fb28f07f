using System.Net;
using System.Security.Cryptography;
using System.Text;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commentary.Api.Tests.Platform.Paging;

/// <summary>
/// The cursor key is configured or generated once and stored, never derived from something an attacker may know (the
/// connection string of the compose file's defaults); a previous key keeps partners' cursors valid across a change.
/// </summary>
public sealed class CursorKeyTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string Url = "/api/manage/keys";

    [Fact]
    public async Task WithNoKeyConfigured_ACursorSignedWithTheConnectionStringIsRefused()
    {
        var derived = SHA256.HashData(Encoding.UTF8.GetBytes("cursor:" + Fixture.Database.ConnectionString));
        var forged = new CursorCodec(derived).Encode("keys", Guid.Empty.ToString());

        var (status, _, _) = await Admin.SendAsync(HttpMethod.Get, $"{Url}?cursor={Uri.EscapeDataString(forged)}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task GeneratedKey_IsSharedByEveryInstanceOnTheDatabase()
    {
        await using var one = Factory.WithWebHostBuilder(_ => { });
        await using var other = Factory.WithWebHostBuilder(_ => { });
        var cursor = other.Services.GetRequiredService<CursorCodec>().Encode("keys", Guid.Empty.ToString());

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(one, cursor)).StatusCode);
    }

    [Fact]
    public async Task StoredKeyThatNoLongerDecrypts_IsReplaced_AndListsKeepWorking()
    {
        await using var first = Factory.WithWebHostBuilder(_ => { });
        _ = first.Services.GetRequiredService<CursorCodec>();
        await using (var db = CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM data_protection_keys");
        }

        // A new instance on a lost key ring cannot read the stored key: it makes a new one rather than failing every list.
        await using var second = Factory.WithWebHostBuilder(_ => { });
        var cursor = second.Services.GetRequiredService<CursorCodec>().Encode("keys", Guid.Empty.ToString());

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(second, cursor)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(second, null)).StatusCode);
    }

    [Fact]
    public async Task Rollover_CursorsOfThePreviousKeyStillWork_NewOnesUseTheNewKey()
    {
        await using var before = Configured(b => b.UseSetting("Commentary:CursorKey", "the-old-cursor-key-of-at-least-32-chars"));
        var oldCursor = before.Services.GetRequiredService<CursorCodec>().Encode("keys", Guid.Empty.ToString());
        await using var after = Configured(b =>
        {
            b.UseSetting("Commentary:CursorKey", "the-new-cursor-key-of-at-least-32-chars");
            b.UseSetting("Commentary:PreviousCursorKeys:0", "the-old-cursor-key-of-at-least-32-chars");
        });
        await using var unrelated = Configured(b => b.UseSetting("Commentary:CursorKey", "another-cursor-key-of-at-least-32-chars"));
        var newCursor = after.Services.GetRequiredService<CursorCodec>().Encode("keys", Guid.Empty.ToString());

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(after, oldCursor)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(before, newCursor)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(unrelated, oldCursor)).StatusCode);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Configured(Action<IWebHostBuilder> configure) => Factory.WithWebHostBuilder(configure);

    private static Task<HttpResponseMessage> GetAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string? cursor)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", CommentaryApiFactory.AdminKey);
        return client.GetAsync(cursor is null ? Url : $"{Url}?cursor={Uri.EscapeDataString(cursor)}");
    }
}
