using System.Text.Json;
using Commentary.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Commentary.Api.Tests.Platform.Errors;

/// <summary>
/// Exceptions that only a real server or a real race produces (Kestrel's body limit while reading, a deadlock inside
/// SaveChanges), handed to the app's own exception handler.
/// </summary>
public sealed class ProblemDetailsExceptionHandlerTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task BodyLimitFoundWhileReading_Is413_AndSaysTheConnectionCloses()
    {
        var (context, problem) = await HandleAsync(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
        Assert.Equal("close", context.Response.Headers.Connection.ToString());
        Assert.Equal("payload_too_large", problem.GetProperty("errorCode").GetString());
    }

    [Theory]
    [InlineData(PostgresErrorCodes.DeadlockDetected)]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    public async Task DeadlockOrSerializationFailureInsideSaveChanges_Is409Retryable_Not500(string sqlState)
    {
        var collision = new DbUpdateException("An error occurred while saving the entity changes.",
            new PostgresException("collision", "ERROR", "ERROR", sqlState));

        var (context, problem) = await HandleAsync(collision);

        Assert.Equal(StatusCodes.Status409Conflict, context.Response.StatusCode);
        Assert.Contains("Try again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<(HttpContext Context, JsonElement Problem)> HandleAsync(Exception exception)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.Body = new MemoryStream();
        var handled = false;
        foreach (var handler in scope.ServiceProvider.GetServices<IExceptionHandler>())
        {
            handled |= await handler.TryHandleAsync(context, exception, CancellationToken.None);
        }

        Assert.True(handled);
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context, document.RootElement.Clone());
    }
}
