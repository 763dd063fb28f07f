using System.Collections.Frozen;
using System.Numerics;

namespace Commentary.Text;

/// <summary>
/// One OpenCC dictionary (key → first value) with OpenCC's prefix match: the longest key that starts the text.
/// Besides the hash table it keeps, per first UTF-16 unit, a bit mask of the key lengths that exist, so a match tries
/// only lengths some key has (most characters start no phrase at all) instead of every length up to the longest key.
/// </summary>
internal sealed class PhraseDictionary
{
    /// <summary>Keys are at most this many UTF-16 units (OpenCC's longest key today is 15).</summary>
    public const int MaxKeyLength = 64;

    private readonly FrozenDictionary<string, string> _entries;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly ulong[] _lengthsByFirstUnit;
    private readonly char _firstUnitBase;

    public PhraseDictionary(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (key.Length is 0 or > MaxKeyLength)
            {
                throw new InvalidDataException($"OpenCC key '{key}' is empty or longer than {MaxKeyLength} UTF-16 units.");
            }

            // OpenCC keeps the first line of a key; later duplicates never win.
            map.TryAdd(key, value);
        }

        _entries = map.ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        _firstUnitBase = map.Count == 0 ? '\0' : map.Keys.Min(k => k[0]);
        var top = map.Count == 0 ? '\0' : map.Keys.Max(k => k[0]);
        _lengthsByFirstUnit = new ulong[map.Count == 0 ? 0 : top - _firstUnitBase + 1];
        foreach (var key in map.Keys)
        {
            _lengthsByFirstUnit[key[0] - _firstUnitBase] |= 1UL << (key.Length - 1);
        }
    }

    public int Count => _entries.Count;

    public IEnumerable<KeyValuePair<string, string>> Entries => _entries;

    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    public bool TryGetValue(ReadOnlySpan<char> key, out string? value) => _lookup.TryGetValue(key, out value);

    /// <summary>The longest entry whose key starts <paramref name="text"/>: its length (0 when none) and value.</summary>
    public int MatchPrefix(ReadOnlySpan<char> text, out string? value)
    {
        value = null;
        var index = text[0] - _firstUnitBase;
        if ((uint)index >= (uint)_lengthsByFirstUnit.Length)
        {
            return 0;
        }

        var lengths = _lengthsByFirstUnit[index];
        if (text.Length < MaxKeyLength)
        {
            lengths &= (1UL << text.Length) - 1;
        }

        while (lengths != 0)
        {
            var length = 64 - BitOperations.LeadingZeroCount(lengths);
            lengths &= ~(1UL << (length - 1));
            // A key never ends inside a surrogate pair; this also keeps CJK Extension B characters whole.
            if (length < text.Length && char.IsLowSurrogate(text[length]) && char.IsHighSurrogate(text[length - 1]))
            {
                continue;
            }

            if (_lookup.TryGetValue(text[..length], out value))
            {
                return length;
            }
        }

        return 0;
    }

    /// <summary>Reads OpenCC's text format: <c>key&lt;TAB&gt;value [value ...]</c>, <c>#</c> comments; the first value is kept.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Parse(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }

            var values = line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (values.Length > 0)
            {
                yield return new(line[..tab], values[0]);
            }
        }
    }

    /// <summary>
    /// OpenCC's data/scripts/reverse.py: every value becomes a key whose candidates are the keys that listed it, in
    /// file order, so the first key that produced a value is the one the reverse conversion picks.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Reverse(TextReader reader)
    {
        var reversed = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#' || line.IndexOf('\t', StringComparison.Ordinal) is var tab && tab <= 0)
            {
                continue;
            }

            foreach (var value in line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (reversed.TryAdd(value, line[..tab]))
                {
                    order.Add(value);
                }
            }
        }

        return order.Select(value => new KeyValuePair<string, string>(value, reversed[value]));
    }
}
