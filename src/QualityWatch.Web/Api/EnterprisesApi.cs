using Microsoft.AspNetCore.Http.HttpResults;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Enterprises.Save;
using QualityWatch.Core.Registry.Enterprises.Search;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Api;

public sealed record EnterpriseDto(
    long Id, string Name, string CreditCode, bool CreditCodeNeedsVerification, string RegionCode, string? RegionName,
    string[] Types, string Status, string? Address, string? LegalRepresentative,
    IReadOnlyList<string> ProductionLicences, IReadOnlyList<string> Aliases, string NormalizedName,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static EnterpriseDto From(Enterprise e) => new(
        e.Id, e.Name, e.CreditCode, e.CreditCodeStatus != Core.Registry.Identifiers.CreditCodeStatus.Valid, e.RegionCode, e.Region?.Name,
        EnterpriseTypeNames.ToApi(e.Types), e.Status.ToString(), e.Address, e.LegalRepresentative,
        e.ProductionLicences, e.Aliases, e.NormalizedName, e.CreatedAt, e.UpdatedAt);
}

public sealed record SavedEnterprise(EnterpriseDto Enterprise, IReadOnlyList<string> Warnings);

public static class EnterprisesApi
{
    public static RouteGroupBuilder MapEnterprisesApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/enterprises").WithTags("Enterprises");
        group.MapGet("/", ListAsync).WithName("ListEnterprises");
        group.MapGet("/count", CountAsync).WithName("CountEnterprises");
        group.MapGet("/{id:long}", GetAsync).WithName("GetEnterprise");
        group.MapPost("/", CreateAsync).WithName("CreateEnterprise").RequireAuthorization(Policies.RegistryEditor);
        group.MapPut("/{id:long}", UpdateAsync).WithName("UpdateEnterprise").RequireAuthorization(Policies.RegistryEditor);
        return group;
    }

    internal static Dictionary<string, string[]> ParseFilter(string? q, string? regionCode, string? type, string? status, out EnterpriseFilter filter)
    {
        var errors = new Dictionary<string, string[]>();
        EnterpriseTypes? t = null;
        if (!string.IsNullOrWhiteSpace(type))
        {
            if (EnterpriseTypeNames.TryParseOne(type, out var parsed))
                t = parsed;
            else
                errors["type"] = [$"unknown enterprise type '{type}'"];
        }
        EnterpriseStatus? s = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (EnterpriseValidator.TryParseStatus(status, out var parsed))
                s = parsed;
            else
                errors["status"] = [$"unknown status '{status}'"];
        }
        if (!string.IsNullOrWhiteSpace(regionCode) && !Core.Access.RegionCodes.IsWellFormed(regionCode))
            errors["regionCode"] = ["regionCode must be a 2, 4 or 6 digit GB/T 2260 code"];
        filter = new EnterpriseFilter(q, regionCode, t, s);
        return errors;
    }

    private static async Task<Results<Ok<ListResponse<EnterpriseSummary>>, ValidationProblem>> ListAsync(
        EnterpriseQuery query, string? q, string? regionCode, string? type, string? status, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = ParseFilter(q, regionCode, type, status, out var filter);
        if (Cursor.Validate(limit, cursor, out var take, out var after) is { } paging)
            foreach (var (k, v) in paging) errors[k] = v;
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        return TypedResults.Ok(ListResponse<EnterpriseSummary>.From(await query.ListAsync(filter, take, after, ct)));
    }

    private static async Task<Results<Ok<CountResponse>, ValidationProblem>> CountAsync(
        EnterpriseQuery query, string? q, string? regionCode, string? type, string? status, CancellationToken ct)
    {
        var errors = ParseFilter(q, regionCode, type, status, out var filter);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        return TypedResults.Ok(new CountResponse(await query.CountAsync(filter, ct)));
    }

    private static async Task<Results<Ok<EnterpriseDto>, NotFound>> GetAsync(EnterpriseQuery query, long id, CancellationToken ct)
    {
        var e = await query.FindAsync(id, ct);
        return e is null ? TypedResults.NotFound() : TypedResults.Ok(EnterpriseDto.From(e));
    }

    private static async Task<Results<Created<SavedEnterprise>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        SaveEnterprise save, EnterpriseInput input, CancellationToken ct)
    {
        var r = await save.CreateAsync(input, ct);
        return r.Outcome switch
        {
            SaveOutcome.Created => TypedResults.Created($"/api/v1/enterprises/{r.Enterprise!.Id}", new SavedEnterprise(EnterpriseDto.From(r.Enterprise), r.Warnings)),
            SaveOutcome.Conflict => ApiProblems.Conflict(r.Errors),
            _ => ApiProblems.Invalid(new Dictionary<string, string[]>(r.Errors)),
        };
    }

    private static async Task<Results<Ok<SavedEnterprise>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        SaveEnterprise save, long id, EnterpriseInput input, CancellationToken ct)
    {
        var r = await save.UpdateAsync(id, input, ct);
        return r.Outcome switch
        {
            SaveOutcome.NotFound => TypedResults.NotFound(),
            SaveOutcome.Updated or SaveOutcome.Unchanged => TypedResults.Ok(new SavedEnterprise(EnterpriseDto.From(r.Enterprise!), r.Warnings)),
            SaveOutcome.Conflict => ApiProblems.Conflict(r.Errors),
            _ => ApiProblems.Invalid(new Dictionary<string, string[]>(r.Errors)),
        };
    }
}

