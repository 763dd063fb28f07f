using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Commentary.DataGenerator;

/// <summary>
/// The lexeme of every token the corpus can produce, as PostgreSQL's <c>english</c> configuration gives it (asked once),
/// in the server's tsvector order. Lexeme ids are indexes into that order, -1 is a stop word.
/// </summary>
internal sealed class Lexicon
{
    private readonly Dictionary<string, int> _ids;

    private Lexicon(Dictionary<string, int> ids, byte[][] lexemes)
    {
        _ids = ids;
        Lexemes = lexemes;
    }

    /// <summary>UTF-8 lexemes by id, sorted as tsvector sorts them (bytewise, shorter first on a common prefix).</summary>
    public byte[][] Lexemes { get; }

    public static async Task<Lexicon> LoadAsync(NpgsqlDataSource dataSource, IEnumerable<string> tokens, CancellationToken cancellationToken)
    {
        var distinct = tokens.Distinct(StringComparer.Ordinal).ToArray();
        await using var command = dataSource.CreateCommand(
            "SELECT t, tsvector_to_array(to_tsvector('english'::regconfig, t)) FROM unnest($1::text[]) AS t");
        command.Parameters.Add(new NpgsqlParameter { Value = distinct });
        var lexemeOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var lexemes = reader.GetFieldValue<string[]>(1);
                lexemeOf[reader.GetString(0)] = lexemes.Length switch
                {
                    0 => null,
                    1 => lexemes[0],
                    _ => throw new NotSupportedException($"The token '{reader.GetString(0)}' is more than one lexeme to PostgreSQL."),
                };
            }
        }

        var sorted = lexemeOf.Values.OfType<string>().Distinct(StringComparer.Ordinal).Select(Encoding.UTF8.GetBytes)
            .Order(Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ToArray();
        var idOfLexeme = sorted.Select((bytes, id) => (Lexeme: Encoding.UTF8.GetString(bytes), Id: id)).ToDictionary(p => p.Lexeme, p => p.Id, StringComparer.Ordinal);
        var ids = lexemeOf.ToDictionary(p => p.Key, p => p.Value is null ? -1 : idOfLexeme[p.Value], StringComparer.Ordinal);
        return new Lexicon(ids, sorted);
    }

    /// <summary>
    /// The lexeme ids of <paramref name="searchText"/>'s words in order, as PostgreSQL's default parser splits the text this
    /// corpus produces (single spaced words, '.', and Han tokens; in the C locale every non-ASCII character is a letter).
    /// Any other character is refused rather than guessed; the sample check compares the result with the server.
    /// </summary>
    public int[] Tokenize(string searchText)
    {
        var result = new List<int>(searchText.Length / 4);
        var start = -1;
        for (var i = 0; i <= searchText.Length; i++)
        {
            var c = i < searchText.Length ? searchText[i] : ' ';
            if (char.IsAsciiLetter(c) || c > 0x7f)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (c is not (' ' or '.' or ','))
            {
                throw new NotSupportedException($"The search text contains '{c}', which the generator does not tokenize itself.");
            }

            if (start >= 0)
            {
                var token = searchText[start..i];
                result.Add(_ids.TryGetValue(token, out var id) ? id : throw new NotSupportedException($"The token '{token}' is not in the lexicon."));
                start = -1;
            }
        }

        return result.ToArray();
    }

    /// <summary>All tokens of <paramref name="searchText"/>, for building the lexicon.</summary>
    public static IEnumerable<string> Tokens(string searchText) =>
        searchText.Split([' ', '.', ','], StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Builds, in PostgreSQL's binary tsvector format, exactly what the translations_search_vector trigger stores:
/// setweight(to_tsvector(title), 'A') || setweight(to_tsvector(summary), 'B') || setweight(to_tsvector(body), 'C'),
/// following to_tsvector's position rules (stop words take a position, at most 255 positions per lexeme, positions
/// capped at 16383) and tsvector_concat's (the right side shifted by the left side's highest position, at most 256).
/// One builder per writer: it reuses its buffers.
/// </summary>
internal sealed class SearchVectorBuilder(Lexicon lexicon)
{
    private const int MaxPosition = 16383;
    private const int MaxPositionsPerWord = 255;
    private const int MaxPositionsAfterConcat = 256;

    private readonly ushort[][] _field = new ushort[lexicon.Lexemes.Length][];
    private readonly int[] _fieldCount = new int[lexicon.Lexemes.Length];
    private readonly List<int> _fieldWords = [];
    private readonly ushort[][] _result = new ushort[lexicon.Lexemes.Length][];
    private readonly int[] _resultCount = new int[lexicon.Lexemes.Length];
    private readonly List<int> _resultWords = [];
    private int _resultMax;

    public byte[] Build(int[] title, int[] summary, IReadOnlyList<int[]> body)
    {
        AddField([title], weight: 3);
        AddField([summary], weight: 2);
        AddField(body, weight: 1);
        return Serialize();
    }

    private void AddField(IReadOnlyList<int[]> segments, int weight)
    {
        // to_tsvector of the field.
        var position = 0;
        foreach (var segment in segments)
        {
            foreach (var id in segment)
            {
                position++;
                if (id < 0)
                {
                    continue;
                }

                var limited = (ushort)Math.Min(position, MaxPosition);
                var count = _fieldCount[id];
                if (count == 0)
                {
                    _fieldWords.Add(id);
                    (_field[id] ??= new ushort[MaxPositionsAfterConcat])[0] = limited;
                    _fieldCount[id] = 1;
                }
                else if (count < MaxPositionsPerWord && _field[id][count - 1] != limited)
                {
                    _field[id][count] = limited;
                    _fieldCount[id] = count + 1;
                }
            }
        }

        // result || setweight(field, weight).
        var shift = _resultMax;
        foreach (var id in _fieldWords)
        {
            var target = _result[id] ??= new ushort[MaxPositionsAfterConcat];
            var count = _resultCount[id];
            if (count == 0)
            {
                _resultWords.Add(id);
            }

            var source = _field[id];
            for (var i = 0; i < _fieldCount[id] && count < MaxPositionsAfterConcat && (count == 0 || (target[count - 1] & 0x3fff) != MaxPosition); i++)
            {
                var shifted = Math.Min(source[i] + shift, MaxPosition);
                target[count++] = (ushort)((weight << 14) | shifted);
                _resultMax = Math.Max(_resultMax, shifted);
            }

            _resultCount[id] = count;
            _fieldCount[id] = 0;
        }

        _fieldWords.Clear();
    }

    private byte[] Serialize()
    {
        _resultWords.Sort();
        var length = 4;
        foreach (var id in _resultWords)
        {
            length += lexicon.Lexemes[id].Length + 1 + 2 + (2 * _resultCount[id]);
        }

        var bytes = new byte[length];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, _resultWords.Count);
        var offset = 4;
        foreach (var id in _resultWords)
        {
            var lexeme = lexicon.Lexemes[id];
            lexeme.CopyTo(span[offset..]);
            offset += lexeme.Length + 1;
            var count = _resultCount[id];
            BinaryPrimitives.WriteUInt16BigEndian(span[offset..], (ushort)count);
            offset += 2;
            for (var i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(span[offset..], _result[id][i]);
                offset += 2;
            }

            _resultCount[id] = 0;
        }

        _resultWords.Clear();
        _resultMax = 0;
        return bytes;
    }
}
