using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using QualityWatch.Core.Certification.Findings;
using QualityWatch.Core.Certification.Oversight;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Paging;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Api;

public sealed record CertificationScanRequest(string? AsOf);

public sealed record CertificationScanResponse(
    DateOnly AsOf, DateOnly WeekStart, int Claims, int Certificates, int Findings, int Signals, int NewSignals, int UpdatedSignals,
    int WarningsCreated, int WarningsUpdated, double Seconds, IReadOnlyDictionary<string, int> FindingsByRule)
{
    public static CertificationScanResponse From(CertificationScanResult r) => new(r.AsOf, r.WeekStart, r.Claims, r.Certificates, r.Findings, r.Signals,
        r.NewSignals, r.UpdatedSignals, r.WarningsCreated, r.WarningsUpdated, Math.Round(r.Elapsed.TotalSeconds, 3), r.FindingsByRule);
}

/// <summary>
/// /api/v1/certification-bodies: the bodies with their oversight report, and the certification scan. Bodies are
/// identified by their registry key (cnca:CNCA-R-2002-001, nb:1282), which certificates refer to.
/// </summary>
public static class CertificationBodiesApi
{
    public static void MapCertificationBodiesApi(this RouteGroupBuilder v1)
    {
        var bodies = v1.MapGroup("/certification-bodies").WithTags("CertificationBodies");
        bodies.MapGet("/", ListAsync).WithName("ListCertificationBodies").RequireAuthorization(Policies.Staff)
            .WithDescription("Bodies of the registry (stored and seed) ordered by key; q searches key, number and names; kind is cnApproved, euNotified, nioshHolder or other. Certificate and finding counts cover the caller's region.");
        bodies.MapGet("/{key}", GetAsync).WithName("GetCertificationBody").RequireAuthorization(Policies.Staff);
        bodies.MapGet("/{key}/report", ReportAsync).WithName("GetCertificationBodyReport").RequireAuthorization(Policies.Staff)
            .WithDescription("Status history, approved scopes, weekly issuance per scope with the volume signals, status shares, application-to-issue times, fees and the certification signals naming the body.");
        bodies.MapPost("/scan", ScanAsync).WithName("ScanCertification").RequireAuthorization(Policies.NationalAdmin)
            .WithDescription("Runs the forgery, misuse and body-oversight scan (the same handler as the daily job and `qw certs scan`) as of asOf (default today, Beijing time).");
    }

    private static async Task<Results<Ok<ListResponse<BodySummary>>, ValidationProblem>> ListAsync(
        BodyDirectory directory, string? q, string? kind, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = Cursor.ValidateKey(limit, cursor, BodyDirectory.DefaultLimit, out var take, out var after) ?? [];
        BodyKind? k = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Enum.TryParse<BodyKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(kind[0]))
                k = parsed;
            else
                errors["kind"] = ["kind must be cnApproved, euNotified, nioshHolder or other"];
        }
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        return TypedResults.Ok(ListResponse<BodySummary>.From(await directory.ListAsync(q, k, take, after, ct)));
    }

    private static async Task<Results<Ok<BodySummary>, NotFound>> GetAsync(BodyDirectory directory, string key, CancellationToken ct) =>
        await directory.FindAsync(key, ct) is { } body ? TypedResults.Ok(body) : TypedResults.NotFound();

    private static async Task<Results<Ok<BodyReportData>, NotFound>> ReportAsync(BodyReport report, string key, CancellationToken ct) =>
        await report.RunAsync(key, ct) is { } data ? TypedResults.Ok(data) : TypedResults.NotFound();

    private static async Task<Results<Ok<CertificationScanResponse>, ValidationProblem>> ScanAsync(
        ScanCertification scan, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] CertificationScanRequest? request,
        CancellationToken ct)
    {
        if (!RiskSourcesApi.TryParseDate(request?.AsOf, out var asOf))
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["asOf"] = ["asOf must be a date yyyy-MM-dd"] });
        return TypedResults.Ok(CertificationScanResponse.From(await scan.RunAsync(asOf, ct)));
    }
}
