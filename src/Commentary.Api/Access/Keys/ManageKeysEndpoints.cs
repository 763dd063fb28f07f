using Commentary.Api.Platform.Authorization;
using Commentary.Api.Platform.OpenApi;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Validation;

namespace Commentary.Api.Access.Keys;

public static class ManageKeysEndpoints
{
    public const string Route = "/api/manage/keys";

    public static RouteGroupBuilder MapManageKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Route).WithTags("Keys").RequireRole(Roles.Admin).WithValidation();

        group.MapPost("/", CreateKey.Handle)
            .WithName("CreateKey")
            .WithSummary("Create an API key; the secret is in this response only")
            .WithDescription("Only a hash of the secret is stored: copy it now. Send it as `Authorization: Bearer <secret>`.");

        group.MapGet("/", ListKeys.Handle)
            .WithName("ListKeys")
            .WithSummary("List API keys, revoked ones included (never their secrets)")
            .WithQueryParameters(QueryParameterDoc.Limit(PageLimits.Default, PageLimits.Max), QueryParameterDoc.Cursor)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/{id:guid}", GetKey.Handle)
            .WithName("GetKey")
            .WithSummary("One API key (never its secret)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id:guid}", RevokeKey.Handle)
            .WithName("RevokeKey")
            .WithSummary("Revoke an API key at once")
            .WithDescription("The key fails with 401 from its next request on. Revoking a revoked key is a no-op. The last active admin key cannot be revoked (409).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }
}
