namespace Commentary.Api.Tests.Infrastructure;

/// <summary>A folder of its own under the temp path (not created yet), deleted with everything in it at disposal.</summary>
public sealed class TempFolder(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
