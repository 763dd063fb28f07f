using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Database.LocalPostgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Commentary.Api.Tests.Platform.Database;

public sealed class StartupConfigurationTests
{
    [Fact]
    public void Production_WithoutConnectionString_FailsWithAClearMessage()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration["ConnectionStrings:Commentary"] = "";

        var exception = Assert.Throws<StartupConfigurationException>(() => builder.AddCommentaryDatabase());

        Assert.Contains("ConnectionStrings__Commentary", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoServerPrograms_MessageNamesTheThreeWaysOut()
    {
        Assert.Null(PostgresBinaries.FindBinDirectory(path: "", debianRoot: "/nonexistent"));
        Assert.Contains("apt-get install postgresql", PostgresBinaries.MissingMessage, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Commentary", PostgresBinaries.MissingMessage, StringComparison.Ordinal);
        Assert.Contains("docker compose up", PostgresBinaries.MissingMessage, StringComparison.Ordinal);
    }
}
