using System.Diagnostics;
using System.Text;
using Commentary.Text;

// In-process timing of 简体 → 繁體 conversion, printed as rows of bench/run.sh's table:
//   an 8 KB article (the 简体 sample repeated to 8,192 UTF-8 bytes) converted with s2tw, one conversion at a time on
//   one thread, after a warm-up (req/s column: conversions per second; p50/p95/p99: wall ms per conversion; last
//   column: process CPU ms per conversion, GC included); and the first use, which loads the dictionaries.
// Usage: dotnet Commentary.Bench.Convert.dll [iterations]   (default 5000)
var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5_000;
var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "sample-article.zh-Hans.md"), Encoding.UTF8);
var article = new StringBuilder();
foreach (var rune in Enumerable.Repeat(sample, 4).SelectMany(s => s.EnumerateRunes()))
{
    if (Encoding.UTF8.GetByteCount(article.ToString()) + rune.Utf8SequenceLength > 8_192)
    {
        break;
    }

    article.Append(rune.ToString());
}

var text = article.ToString();
var started = Stopwatch.GetTimestamp();
var first = ChineseConverter.Convert(text, ConversionConfig.S2TW);
var firstUse = Stopwatch.GetElapsedTime(started);

for (var i = 0; i < 500; i++)
{
    ChineseConverter.Convert(text, ConversionConfig.S2TW);
}

var samples = new double[iterations];
var process = Process.GetCurrentProcess();
var cpu = process.TotalProcessorTime;
var total = Stopwatch.GetTimestamp();
for (var i = 0; i < iterations; i++)
{
    var start = Stopwatch.GetTimestamp();
    var converted = ChineseConverter.Convert(text, ConversionConfig.S2TW);
    samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    if (converted.Length != first.Length)
    {
        throw new InvalidOperationException("Conversion is not deterministic.");
    }
}

var perSecond = iterations / Stopwatch.GetElapsedTime(total).TotalSeconds;
process.Refresh();
// CPU time is what a busy shared machine does not inflate: wall time also counts the waits for a core.
var cpuPerConversion = (process.TotalProcessorTime - cpu).TotalMilliseconds / iterations;
Array.Sort(samples);
double Percentile(double p) => samples[Math.Min(samples.Length - 1, (int)(p * samples.Length))];
var bytes = Encoding.UTF8.GetByteCount(text);
Console.WriteLine(FormattableString.Invariant(
    $"| — | convert {bytes / 1024.0:F0} KB article (s2tw), in process, 1 thread | {perSecond:F1} | {Percentile(0.50):F3} | {Percentile(0.95):F3} | {Percentile(0.99):F3} | target 1 ms | CPU {cpuPerConversion:F3} ms |"));
Console.WriteLine(FormattableString.Invariant(
    $"| — | convert: first use (loads the s2tw dictionaries) | | {firstUse.TotalMilliseconds:F0} | | | | |"));
