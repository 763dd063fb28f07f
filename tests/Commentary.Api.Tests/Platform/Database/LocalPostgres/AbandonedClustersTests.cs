using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Commentary.Api.Platform.Database.LocalPostgres;
using Commentary.Api.Tests.Infrastructure;

namespace Commentary.Api.Tests.Platform.Database.LocalPostgres;

/// <summary>
/// A test run killed mid-way leaves its throwaway cluster running; the next run's sweep stops and removes it, and
/// leaves every cluster whose owner is alive alone. Each test sweeps a parent folder of its own.
/// </summary>
public sealed class AbandonedClustersTests : IDisposable
{
    private readonly TempFolder _parent = new("commentary-sweep-");

    public void Dispose() => _parent.Dispose();

    [Fact]
    public async Task ClusterOfAKilledOwner_IsStoppedAndRemoved()
    {
        var folder = NewClusterFolder();
        var clusterDirectory = Path.Combine(folder, "postgres");
        var ownerFile = Path.Combine(folder, "postgres.owner");
        var port = 0;
        using (var owner = ApiProcess.Start(clusterDirectory, importSample: false, out _))
        {
            try
            {
                var deadline = Stopwatch.StartNew();
                while (!(File.Exists(ownerFile) && await File.ReadAllTextAsync(ownerFile) == owner.Id.ToString(CultureInfo.InvariantCulture)))
                {
                    Assert.False(owner.HasExited, $"the API exited with code {(owner.HasExited ? owner.ExitCode : 0)} before starting its cluster");
                    Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), "the API did not start its cluster within 90 s");
                    await Task.Delay(100);
                }

                port = int.Parse(File.ReadLines(Path.Combine(clusterDirectory, "postmaster.pid")).ElementAt(3).Trim(), CultureInfo.InvariantCulture);
            }
            finally
            {
                owner.Kill(); // SIGKILL: no shutdown, the server stays up, orphaned
                await owner.WaitForExitAsync();
            }
        }

        Assert.True(Accepts(port), "the server should outlive its killed owner");

        var removed = await AbandonedClusters.SweepAsync(_parent.Path, TestDatabase.ClusterFolderPrefix);

        Assert.Equal([folder], removed);
        Assert.False(Directory.Exists(folder));
        Assert.False(Accepts(port), "the sweep should stop the server");
    }

    [Fact]
    public async Task ClusterOfALiveOwner_IsLeftRunning()
    {
        var folder = NewClusterFolder();
        var cluster = await LocalPostgresCluster.StartAsync(Path.Combine(folder, "postgres"), durable: false);
        try
        {
            var removed = await AbandonedClusters.SweepAsync(_parent.Path, TestDatabase.ClusterFolderPrefix);

            Assert.Empty(removed);
            Assert.True(Accepts(cluster.Port));
            Assert.True(File.Exists(Path.Combine(cluster.DataDirectory, "PG_VERSION")));
        }
        finally
        {
            await cluster.StopAsync();
        }
    }

    [Fact]
    public async Task FolderWithoutOwner_IsLeftAloneWhileRecent_AndRemovedOnceStale()
    {
        // As a cluster being started (the owner file comes after the server is up), or one killed before it came up.
        var folder = NewClusterFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "postgres.lock"), "");

        Assert.Empty(await AbandonedClusters.SweepAsync(_parent.Path, TestDatabase.ClusterFolderPrefix));
        Assert.True(Directory.Exists(folder));

        Directory.SetLastWriteTimeUtc(folder, DateTime.UtcNow - AbandonedClusters.OwnerlessGracePeriod - TimeSpan.FromMinutes(1));
        Assert.Equal([folder], await AbandonedClusters.SweepAsync(_parent.Path, TestDatabase.ClusterFolderPrefix));
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task FoldersOfOtherNames_AreNeverTouched()
    {
        var other = Directory.CreateDirectory(Path.Combine(_parent.Path, "someone-else")).FullName;
        await File.WriteAllTextAsync(Path.Combine(other, "postgres.lock"), "");
        await File.WriteAllTextAsync(Path.Combine(other, "postgres.owner"), "2147483646");

        Assert.Empty(await AbandonedClusters.SweepAsync(_parent.Path, TestDatabase.ClusterFolderPrefix));
        Assert.True(Directory.Exists(other));
    }

    private string NewClusterFolder() =>
        Directory.CreateDirectory(Path.Combine(_parent.Path, $"{TestDatabase.ClusterFolderPrefix}{Guid.NewGuid():N}")).FullName;

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
