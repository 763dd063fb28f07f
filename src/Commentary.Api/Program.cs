using Commentary.Api.Common;
using Commentary.Api.Data;
using Commentary.Api.Features;

var builder = WebApplication.CreateBuilder(args);
builder.AddCommentaryDatabase();
builder.AddCommentaryApi();
builder.Services.AddCommentaryFeatures();

var app = builder.Build();
if (args.Contains("migrate"))
{
    await app.MigrateDatabaseAsync();
    return;
}

app.UseCommentaryPipeline();
app.MapCommentaryFeatures();
app.Run();

public partial class Program;
