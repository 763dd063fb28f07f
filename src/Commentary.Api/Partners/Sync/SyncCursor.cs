using System.Globalization;
using Commentary.Api.Platform.Paging;

namespace Commentary.Api.Partners.Sync;

/// <summary>
/// Where a partner is: still exporting the catalogue (with the log fence taken before the export began), or following
/// the change log. Signed and opaque, so partners can neither forge nor depend on its contents.
/// </summary>
public sealed record SyncCursor(bool InCatalogue, long Fence, Guid AfterArticleId, string AfterLanguage, LogPosition Log)
{
    public static SyncCursor Start(long fence) => new(true, fence, Guid.Empty, "", default);

    public static SyncCursor AtLog(LogPosition position) => new(false, 0, Guid.Empty, "", position);

    public string Encode(CursorCodec codec) => InCatalogue
        ? codec.Encode("c", Fence.ToString(CultureInfo.InvariantCulture), AfterArticleId.ToString("N"), AfterLanguage)
        : codec.Encode("l", Log.TransactionId.ToString(CultureInfo.InvariantCulture), Log.Sequence.ToString(CultureInfo.InvariantCulture), "");

    public static bool TryDecode(CursorCodec codec, string cursor, out SyncCursor result)
    {
        result = null!;
        if (!codec.TryDecode(cursor, 4, out var f))
        {
            return false;
        }

        switch (f[0])
        {
            case "c" when long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var fence) && Guid.TryParseExact(f[2], "N", out var id):
                result = new SyncCursor(true, fence, id, f[3], default);
                return true;
            case "l" when long.TryParse(f[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var tx)
                          && long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seq):
                result = AtLog(new LogPosition(tx, seq));
                return true;
            default:
                return false;
        }
    }
}
