using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commentary.Api.Partners.Sync;

namespace Commentary.Api.Tests.Partners.Sync;

/// <summary>A partner following the change feed, as a client would.</summary>
internal sealed class PartnerFeed(HttpClient client)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string? Cursor { get; set; }

    /// <summary>The <c>Sync-Lag-Seconds</c> header of the last page.</summary>
    public long? Lag { get; private set; }

    public async Task<PartnerChangesPage> NextAsync(int limit = 100)
    {
        var url = Cursor is null ? $"/api/partner/changes?limit={limit}" : $"/api/partner/changes?limit={limit}&cursor={Uri.EscapeDataString(Cursor)}";
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Lag = response.Headers.TryGetValues(GetChanges.LagHeader, out var lag) ? long.Parse(lag.Single(), System.Globalization.CultureInfo.InvariantCulture) : null;
        var page = (await response.Content.ReadFromJsonAsync<PartnerChangesPage>(Json))!;
        Cursor = page.NextCursor;
        return page;
    }

    /// <summary>Follows <c>nextCursor</c> until <c>hasMore</c> is false.</summary>
    public async Task<List<PartnerChange>> DrainAsync(int limit = 100)
    {
        var changes = new List<PartnerChange>();
        PartnerChangesPage page;
        do
        {
            page = await NextAsync(limit);
            changes.AddRange(page.Changes);
        }
        while (page.HasMore);

        return changes;
    }
}
