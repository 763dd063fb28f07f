using Commentary.Api;
using Commentary.Api.Platform;
using Commentary.Api.Platform.Database;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddCommentaryDatabase();
    builder.AddPlatform();
}
catch (StartupConfigurationException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
builder.Services
    .AddContentModel()
    .AddAccess()
    .AddDelivery()
    .AddPartners()
    .AddEditorial();
var app = builder.Build();
if (args.Contains("migrate"))
{
    await app.MigrateDatabaseAsync();
    return 0;
}
app.UsePlatformPipeline();
app.MapDelivery();
app.MapPartners();
app.MapEditorial();
app.MapAccess();
await app.RunAsync();
return 0;
public partial class Program;
