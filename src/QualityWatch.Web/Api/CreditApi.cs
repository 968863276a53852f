using Microsoft.AspNetCore.Http.HttpResults;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Credit.Check;
using QualityWatch.Core.Credit.Decide;
using QualityWatch.Core.Credit.Import;
using QualityWatch.Core.Credit.Object;
using QualityWatch.Core.Credit.Publish;
using QualityWatch.Core.Credit.Query;
using QualityWatch.Core.Credit.Restore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Api;

public sealed record PublishBody(DateOnly? PublishedOn);

public sealed record ObjectionBody(string? Statement, DateOnly? ReceivedOn);

/// <param name="Verdict">upheld or rejected.</param>
public sealed record ObjectionDecisionBody(string? Verdict, string? Reason);

public sealed record RestorationRequestBody(string? Statement, DateOnly? ReceivedOn);

/// <param name="Verdict">grant or refuse.</param>
/// <param name="ConditionsMet">penalty-fulfilled, harm-eliminated, no-further-penalty, commitment (a grant needs all four).</param>
public sealed record RestorationDecisionBody(string? Verdict, List<string>? ConditionsMet, string? Note, DateOnly? DecidedOn);

/// <summary>
/// /api/v1/credit: the serious-dishonesty list. Staff read the listings of their region; registry editors take a listing
/// through decide → publish → objection → restoration. A step refused because of the listing's state or dates answers
/// 409, bad input 400, a listing outside the caller's region 404. <c>/check</c> is the joint-punishment question before an
/// application is accepted; <c>/public</c> is the anonymous, rate-limited public query.
/// </summary>
public static class CreditApi
{
    public static void MapCreditApi(this RouteGroupBuilder v1)
    {
        var credit = v1.MapGroup("/credit").WithTags("Credit");
        credit.MapGet("/listings", ListAsync).WithName("ListCreditListings").RequireAuthorization(Policies.Staff)
            .WithDescription("Newest first. state: decided, published, objected, listed, restored, expired, withdrawn or active (in force); q: credit code or part of the name or decision number; regionCode: 2, 4 or 6 digit prefix.");
        credit.MapGet("/listings/{id:long}", GetAsync).WithName("GetCreditListing").RequireAuthorization(Policies.Staff)
            .WithDescription("The listing with its whole history (events, oldest first).");
        credit.MapPost("/listings", DecideAsync).WithName("DecideCreditListing").RequireAuthorization(Policies.RegistryEditor)
            .WithDescription("列入决定: creditCode, entityName (required when the code is not registered), category, legalBasis, decisionNumber (unique), decidedOn, authority, reason, caseNumber, measures. Not public until published.");
        credit.MapPost("/listings/{id:long}/publish", PublishAsync).WithName("PublishCreditListing").RequireAuthorization(Policies.RegistryEditor)
            .WithDescription("公示 (default today): sets the objection window, the listing period and the earliest restoration date from the configured days and years.");
        credit.MapPost("/listings/{id:long}/objection", LodgeObjectionAsync).WithName("LodgeCreditObjection").RequireAuthorization(Policies.RegistryEditor)
            .WithDescription("Records the party's objection received inside the window.");
        credit.MapPost("/listings/{id:long}/objection/decision", DecideObjectionAsync).WithName("DecideCreditObjection").RequireAuthorization(Policies.RegistryEditor)
            .WithDescription("verdict: rejected (the listing is in force) or upheld (the listing is withdrawn); reason required.");
        credit.MapPost("/listings/{id:long}/restoration", RequestRestorationAsync).WithName("RequestCreditRestoration").RequireAuthorization(Policies.RegistryEditor)
            .WithDescription("Records a credit-restoration (信用修复) application for a listing in force, from its restorableFrom date.");
        credit.MapPost("/listings/{id:long}/restoration/decision", DecideRestorationAsync).WithName("DecideCreditRestoration").RequireAuthorization(Policies.RegistryEditor)
            .WithDescription("verdict: grant (every condition in conditionsMet, not before restorableFrom) or refuse; note required.");
        credit.MapPost("/listings/import", ImportAsync).WithName("ImportCreditListings").RequireAuthorization(Policies.RegistryEditor)
            // Bearer-token scripts cannot fetch an antiforgery token; the auth cookie is SameSite=Lax (see EnterpriseFilesApi).
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithDescription("A .xlsx, .xls or .csv file in the multipart field 'file' with the Chinese headers of docs/credit.md; keyed by 列入决定书文号.");
        credit.MapGet("/check", CheckAsync).WithName("CheckCredit").RequireAuthorization(Policies.Staff)
            .WithDescription("Before accepting a certificate application: is the credit code on the serious-dishonesty list on asOf (default today)? Answers the listings in force and their measures.");
        credit.MapGet("/public", PublicAsync).WithName("QueryCreditListPublic").AllowAnonymous().RequireRateLimiting(RateLimiting.Public)
            .WithDescription("Public query by name (at least 2 characters) or credit code: listings in force with the decision, and removed ones as 'removed' without details. At most 50 rows.");
    }

    private static async Task<Results<Ok<ListResponse<ListingDto>>, ValidationProblem>> ListAsync(
        ListingQuery query, string? state, string? q, string? regionCode, string? category, long? enterpriseId, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = new ListingFilter(Text: q, Category: string.IsNullOrWhiteSpace(category) ? null : category.Trim(), EnterpriseId: enterpriseId);
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (string.Equals(state.Trim(), "active", StringComparison.OrdinalIgnoreCase))
                filter = filter with { InForceOnly = true };
            else if (ListingRules.TryParseState(state, out var s))
                filter = filter with { State = s };
            else
                errors["state"] = ["state must be active, decided, published, objected, listed, restored, expired or withdrawn"];
        }
        if (ListingQuery.TryRegionPrefix(regionCode, out var prefix))
            filter = filter with { RegionPrefix = prefix };
        else
            errors["regionCode"] = ["regionCode must be a 2, 4 or 6 digit GB/T 2260 code"];
        RiskSourcesApi.AddPaging(errors, limit, cursor, out var take, out var after);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        return TypedResults.Ok(ListResponse<ListingDto>.From(await query.ListAsync(filter, take, after, ct)));
    }

    private static async Task<Results<Ok<ListingDetail>, NotFound>> GetAsync(ListingQuery query, long id, CancellationToken ct) =>
        await query.FindAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    private static async Task<Results<Created<ListingDto>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        DecideListing decide, QualityWatchDbContext db, DecisionInput input, CancellationToken ct)
    {
        var r = await decide.DecideAsync(input, ct);
        if (!r.Succeeded)
            return r.Conflict ? Conflict(r.Errors) : ApiProblems.Invalid(r.Errors);
        return TypedResults.Created($"/api/v1/credit/listings/{r.Listing!.Id}", ListingDto.From(r.Listing, CreditCalendar.Today(db.Clock)));
    }

    private static async Task<Results<Ok<ListingDto>, NotFound, ValidationProblem, ProblemHttpResult>> PublishAsync(
        PublishListing publish, QualityWatchDbContext db, long id, PublishBody? body, CancellationToken ct) =>
        Answer(await publish.PublishAsync(id, body?.PublishedOn, ct), db);

    private static async Task<Results<Ok<ListingDto>, NotFound, ValidationProblem, ProblemHttpResult>> LodgeObjectionAsync(
        LodgeObjection lodge, QualityWatchDbContext db, long id, ObjectionBody body, CancellationToken ct) =>
        Answer(await lodge.LodgeAsync(id, new ObjectionInput(body.Statement, body.ReceivedOn), ct), db);

    private static async Task<Results<Ok<ListingDto>, NotFound, ValidationProblem, ProblemHttpResult>> DecideObjectionAsync(
        DecideObjection decide, QualityWatchDbContext db, long id, ObjectionDecisionBody body, CancellationToken ct)
    {
        ObjectionVerdict? verdict = body.Verdict?.Trim().ToLowerInvariant() switch { "upheld" => ObjectionVerdict.Upheld, "rejected" => ObjectionVerdict.Rejected, _ => null };
        if (verdict is null && !string.IsNullOrWhiteSpace(body.Verdict))
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["verdict"] = ["verdict must be upheld or rejected"] });
        return Answer(await decide.DecideAsync(id, new ObjectionDecisionInput(verdict, body.Reason), ct), db);
    }

    private static async Task<Results<Ok<ListingDto>, NotFound, ValidationProblem, ProblemHttpResult>> RequestRestorationAsync(
        RequestRestoration request, QualityWatchDbContext db, long id, RestorationRequestBody body, CancellationToken ct) =>
        Answer(await request.RequestAsync(id, new RestorationRequestInput(body.Statement, body.ReceivedOn), ct), db);

    private static async Task<Results<Ok<ListingDto>, NotFound, ValidationProblem, ProblemHttpResult>> DecideRestorationAsync(
        DecideRestoration decide, QualityWatchDbContext db, long id, RestorationDecisionBody body, CancellationToken ct)
    {
        RestorationVerdict? verdict = body.Verdict?.Trim().ToLowerInvariant() switch { "grant" => RestorationVerdict.Grant, "refuse" => RestorationVerdict.Refuse, _ => null };
        if (verdict is null && !string.IsNullOrWhiteSpace(body.Verdict))
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["verdict"] = ["verdict must be grant or refuse"] });
        return Answer(await decide.DecideAsync(id, new RestorationDecisionInput(verdict, body.ConditionsMet, body.Note, body.DecidedOn), ct), db);
    }

    private static async Task<Results<Ok<EnterpriseImportResponse>, ValidationProblem>> ImportAsync(ImportListings import, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["file"] = ["上传一个 .xlsx、.xls 或 .csv 文件 (multipart field 'file' is required)"] });
        try
        {
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(EnterpriseImportResponse.From(await import.ImportAsync(stream, file.FileName, progress: null, ct)));
        }
        catch (ImportFileException e)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["file"] = [e.Message] });
        }
    }

    private static async Task<Results<Ok<CreditCheckResult>, ValidationProblem>> CheckAsync(CreditCheck check, string? creditCode, string? asOf, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(creditCode))
            errors["creditCode"] = ["creditCode is required"];
        if (!RiskSourcesApi.TryParseDate(asOf, out var date))
            errors["asOf"] = ["asOf must be a date yyyy-MM-dd"];
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        return TypedResults.Ok(await check.CheckAsync(creditCode!, date, ct));
    }

    private static async Task<Results<Ok<PublicSearchResult>, ValidationProblem>> PublicAsync(PublicListingQuery query, string? q, CancellationToken ct)
    {
        if (PublicListingQuery.Validate(q) is { } problem)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["q"] = [problem] });
        return TypedResults.Ok(await query.SearchAsync(q!, ct));
    }

    private static Results<Ok<ListingDto>, NotFound, ValidationProblem, ProblemHttpResult> Answer(ListingOutcome r, QualityWatchDbContext db)
    {
        if (r.NotFound)
            return TypedResults.NotFound();
        if (!r.Succeeded)
            return r.Conflict ? Conflict(r.Errors) : ApiProblems.Invalid(r.Errors);
        return TypedResults.Ok(ListingDto.From(r.Listing!, CreditCalendar.Today(db.Clock)));
    }

    private static ProblemHttpResult Conflict(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The listing's state or dates do not allow this step.",
            detail: string.Join(" ", errors.Values.SelectMany(v => v)),
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
