using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Commentary.Api.Platform.Database.Standby;

/// <summary>Marks endpoints whose reads a caught-up standby may serve (anonymous public reads that write nothing).</summary>
public sealed class ReadsFromStandbyAttribute : Attribute;

/// <summary>
/// Public reads on the standby, when <c>ConnectionStrings:CommentaryStandby</c> is set: a GET of an endpoint marked
/// <see cref="ReadsFromStandby{TBuilder}"/> runs in a DI scope of its own whose DbContext is on the standby, but only
/// when the standby has replayed the primary's WAL position as of the request's start (so a change answered 2xx
/// before it, on any instance, is seen, and no page cached after the change is built without it); else, and when the
/// standby is down or lagging, on the primary. A request the standby fails (a replay conflict cancels its query, the
/// connection breaks) is run again on the primary before anything was sent. Writes, management reads, partner sync
/// and background work never come here: their scopes are on the primary.
/// </summary>
public static class StandbyReads
{
    public const string ConnectionStringName = "CommentaryStandby";

    public static TBuilder ReadsFromStandby<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReadsFromStandbyAttribute());

    /// <summary>Every scope's DbContext comes from <see cref="ReadDatabase"/>; with a standby configured, its services too.</summary>
    internal static void AddReadDatabase(this WebApplicationBuilder builder, Func<string, NpgsqlConnectionStringBuilder> withDefaults,
        Action<DbContextOptionsBuilder, NpgsqlDataSource, IServiceProvider> configure)
    {
        var services = builder.Services;
        services.AddScoped<ReadDatabase>();
        services.Replace(ServiceDescriptor.Scoped(provider => provider.GetRequiredService<ReadDatabase>().CreateContext()));
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        var section = builder.Configuration.GetSection("Commentary:Standby");
        services.Configure<StandbyOptions>(section);
        var timeout = section.Get<StandbyOptions>()?.ConnectTimeoutSeconds ?? new StandbyOptions().ConnectTimeoutSeconds;
        var standby = withDefaults(connectionString);
        standby.Timeout = timeout;
        var dataSource = new NpgsqlDataSourceBuilder(standby.ConnectionString).Build();
        services.AddSingleton<PrimaryWalPosition>();
        services.AddSingleton(provider =>
        {
            var options = new DbContextOptionsBuilder<CommentaryDbContext>();
            configure(options, dataSource, provider);
            return ActivatorUtilities.CreateInstance<StandbyDatabase>(provider, dataSource,
                new PooledDbContextFactory<CommentaryDbContext>(options.Options));
        });
    }

    /// <summary>After the output cache (a cached answer reads nothing) and routing (the endpoint's marker is known).</summary>
    public static IApplicationBuilder UseStandbyReads(this IApplicationBuilder app) =>
        app.ApplicationServices.GetService<StandbyDatabase>() is null ? app : app.UseMiddleware<Middleware>();

    private sealed class Middleware(RequestDelegate next, StandbyDatabase standby, PrimaryWalPosition primary, IServiceScopeFactory scopes,
        ILogger<StandbyDatabase> logger)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ReadsFromStandbyAttribute>() is null || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                await next(context);
                return;
            }

            if (!await CaughtUpAsync(context.RequestAborted))
            {
                standby.CountPrimaryRead();
                await next(context);
                return;
            }

            var requestServices = context.RequestServices;
            try
            {
                // A new scope: whatever the request resolved so far (the authentication handler's DbContext) stays on the primary.
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<ReadDatabase>().UseStandby();
                context.RequestServices = scope.ServiceProvider;
                await next(context);
                standby.CountStandbyRead();
                return;
            }
            catch (Exception exception) when (StandbyDatabase.IsStandbyFailure(exception) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                logger.LogInformation(exception, "A public read failed on the standby; reading the primary");
                if (!StandbyDatabase.IsReplayConflict(exception))
                {
                    standby.Failed(exception.Message);
                }
            }
            finally
            {
                context.RequestServices = requestServices;
            }

            standby.CountRetry();
            context.Response.Clear();
            await next(context);
        }

        private async Task<bool> CaughtUpAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await standby.HasReplayedAsync(await primary.ReadAsync(cancellationToken), cancellationToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                // The primary did not answer: the read there will say so the usual way (a 503).
                return false;
            }
        }
    }
}
