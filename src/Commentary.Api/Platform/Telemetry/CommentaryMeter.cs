using System.Diagnostics.Metrics;

namespace Commentary.Api.Platform.Telemetry;

/// <summary>
/// The one <see cref="System.Diagnostics.Metrics.Meter"/> of the app's own metrics. Each area creates the instruments
/// it records on it (in a singleton beside the code that measures), so the platform names no area's metric.
/// </summary>
public sealed class CommentaryMeter(IMeterFactory factory)
{
    public const string Name = "Commentary.Api";

    /// <summary>From the host's factory, so each app in a process (tests run several) has its own meter, disposed with it.</summary>
    public Meter Meter { get; } = factory.Create(Name);
}
