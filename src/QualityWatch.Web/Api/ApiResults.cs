using QualityWatch.Core.Paging;

namespace QualityWatch.Web.Api;

/// <summary>The list shape scripts rely on: {"items": [...], "nextCursor": "…" | null}.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    public static ListResponse<T> From(Page<T> page) => new(page.Items, page.NextCursor);
}

public sealed record CountResponse(int Count);

public static class ApiProblems
{
    /// <summary>RFC 9457 problem+json naming each invalid field.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "One or more fields are invalid.");

    /// <summary>409 as problem+json, still naming the field that collides.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Conflict(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The record conflicts with an existing one.",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
