using Commentary.Api.Platform.Caching;
using Commentary.Api.Platform.Database;
using Commentary.Api.Platform.Languages;
using Commentary.Api.Platform.Paging;
using Commentary.Api.Platform.Query;

namespace Commentary.Api.Delivery.ReadModel;

/// <summary>
/// What every public read handler is given, bound with <c>[AsParameters]</c>: a handler's signature then names only its
/// route values and the service that is its own (prebuilt pages, related links, search), and every public read checks
/// its query string, negotiates the language and answers through <see cref="PublicResponses"/> the same way.
/// </summary>
public readonly record struct PublicRequest(
    HttpContext Context,
    LanguageNegotiator Negotiator,
    CommentaryDbContext Db,
    PublicArticleReader Reader,
    PublicArticleList List,
    CursorCodec Cursors,
    PublicResponses Responses,
    CancellationToken CancellationToken)
{
    /// <summary>Starts checking the query string against the endpoint's whole allowlist.</summary>
    public PublicQuery Query(params string[] allowed) => PublicQuery.For(Context.Request, allowed);
}
