using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace Commentary.Api.Platform.Caching;

/// <summary>
/// Counts the evictions of the output cache (in this process, or this instance's view of the count kept in Redis). A
/// request notes the count when it starts (before it reads anything), and its response is stored only if no eviction
/// began since: otherwise it may hold what a change that committed meanwhile replaced, and its eviction may already have
/// run.
/// </summary>
public sealed class OutputCacheGeneration
{
    private const string TagPrefix = "generation:";
    private long _current;

    public long Current => Interlocked.Read(ref _current);

    public void Advance() => Interlocked.Increment(ref _current);

    /// <summary>Moves this instance's view up to a count read from the shared store (never down: messages may come out of order).</summary>
    public void Observe(long shared) => RaiseTo(ref _current, shared);

    internal static void RaiseTo(ref long location, long value)
    {
        var seen = Interlocked.Read(ref location);
        while (value > seen && Interlocked.CompareExchange(ref location, value, seen) is var was && was != seen)
        {
            seen = was;
        }
    }

    /// <summary>Splits an entry's tags into the generation its request started in (null: none noted) and its own tags.</summary>
    internal static (long? StartedIn, string[] Own) Split(string[]? tags)
    {
        var started = tags?.FirstOrDefault(t => t.StartsWith(TagPrefix, StringComparison.Ordinal));
        return started is null
            ? (null, tags ?? [])
            : (long.Parse(started.AsSpan(TagPrefix.Length), CultureInfo.InvariantCulture), tags!.Where(t => !ReferenceEquals(t, started)).ToArray());
    }

    /// <summary>Notes the generation a request started in, as a tag its entry carries to the store (which removes it again).</summary>
    internal sealed class StartPolicy(OutputCacheGeneration generation) : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.Tags.Add(TagPrefix + generation.Current.ToString(CultureInfo.InvariantCulture));
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }

    /// <summary>
    /// The registered store, with every eviction advancing the generation first and every store of an entry whose
    /// request started in an older generation refused.
    /// </summary>
    /// <remarks>
    /// An eviction that starts while an entry is being stored (after the check) may run before the entry lands, so the
    /// generation is read again after storing and the entry's tags are evicted when it moved: either the check sees the
    /// new generation, or the store sees it afterwards, or the eviction runs after the entry landed.
    /// </remarks>
    internal sealed class CheckedStore(IOutputCacheStore inner, OutputCacheGeneration generation) : IOutputCacheStore
    {
        public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            generation.Advance();
            await inner.EvictByTagAsync(tag, cancellationToken);
        }

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            var (startedIn, ownTags) = Split(tags);
            if (startedIn is null)
            {
                await inner.SetAsync(key, value, ownTags, validFor, cancellationToken);
                return;
            }

            if (generation.Current != startedIn)
            {
                return;
            }

            await inner.SetAsync(key, value, ownTags, validFor, cancellationToken);
            if (generation.Current != startedIn)
            {
                foreach (var tag in ownTags)
                {
                    await inner.EvictByTagAsync(tag, CancellationToken.None);
                }
            }
        }
    }
}
