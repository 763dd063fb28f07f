using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commentary.Api.Access.Keys;
using Commentary.Api.Content.Taxonomy;
using Commentary.Api.Editorial.Workflow;
using Commentary.Api.Platform.Authorization;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commentary.Api.Tests.Robustness.BadInput;

/// <summary>
/// Hostile input against every operation of one area of the OpenAPI document (RELIABILITY.md B3, B5, C1-C8): path
/// parameters, every documented query parameter, unknown parameters and request bodies. Every answer is a 4xx problem
/// document (or a 2xx where the input is harmless), never a 5xx, and rejected writes leave the database exactly as it was.
/// </summary>
public abstract class BadInputTest(ApiFixture fixture) : ApiTest(fixture)
{
    private protected async Task ProbeAreaAsync(ApiArea area)
    {
        var context = await SeedAsync();
        var operations = (await ApiOperation.ReadAsync(Anonymous)).Where(area.Owns).ToList();
        var failures = new ConcurrentQueue<string>();
        var probes = new List<Probe>();
        foreach (var operation in operations)
        {
            probes.AddRange(RequestProbes.ForPath(context, operation, failures));
            probes.AddRange(await RequestProbes.ForQueryAsync(context, operation, failures));
        }

        var before = await DatabaseSnapshot.TakeAsync(Fixture.Database.ConnectionString);
        foreach (var operation in operations.Where(o => o.HasBody))
        {
            probes.AddRange(await BodyProbes.ForAsync(context, operation, failures));
        }

        Assert.True(probes.Count > area.MinimumProbes, $"only {probes.Count} probes for {area}, expected more than {area.MinimumProbes}");
        await ProbeRunner.RunAsync(probes, failures);
        if (await DatabaseSnapshot.TakeAsync(Fixture.Database.ConnectionString) is var after && after != before)
        {
            failures.Enqueue($"rejected writes changed the database:\nbefore {before}\nafter  {after}");
        }

        await ProbeRunner.RunAsync([.. operations.Where(o => o.HasBody).SelectMany(o => BodyProbes.Lenient(context, o))], failures);
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers:\n" + string.Join("\n", failures.Take(60)));
    }

    /// <summary>The same content for every area: a published article in two languages with taxonomy and a quote, a spare key, a webhook, a glossary term.</summary>
    private async Task<ProbeContext> SeedAsync()
    {
        var seeder = new ContentSeeder(Factory.Services);
        var topic = await seeder.TopicAsync("robust-topic", ContentSeeder.Text("Topic"));
        var author = await seeder.AuthorAsync("robust-author", ContentSeeder.Text("Author"));
        var source = await seeder.SourceAsync("robust-source", SourceKind.Person, ContentSeeder.Text("Source"));
        var outlet = await seeder.SourceAsync("robust-outlet", SourceKind.Outlet, ContentSeeder.Text("Outlet"));
        await seeder.SimpleAsync("robust-other", "Other article", topics: [topic.Id], authors: [author.Id]);
        var articleId = await seeder.ArticleAsync(ProbeContext.ArticleSlug, "en",
            new Dictionary<string, TranslationContent> { ["en"] = new("Victim", "Summary", "Body"), ["zh-Hans"] = new("受害者", "摘要", "正文") },
            topics: [topic.Id], authors: [author.Id], quotes: [(source.Id, outlet.Id, ContentSeeder.Text("Quoted"))]);
        await Factory.CreateKeyAsync(Roles.Editor, "robust spare key");
        await using var db = CreateDbContext();
        var keyId = await db.ApiKeys.Where(k => k.Name == "robust spare key").Select(k => k.Id).SingleAsync();
        var response = await Admin.PostAsJsonAsync("/api/manage/webhooks", new { url = "https://example.org/hook", events = new[] { "published" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var webhookId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        response = await Admin.PostAsJsonAsync("/api/manage/glossary", new { term = "受害者", from = "zh-Hans" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var glossaryTermId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return new ProbeContext(Admin, Anonymous, articleId, keyId, webhookId, glossaryTermId);
    }
}
