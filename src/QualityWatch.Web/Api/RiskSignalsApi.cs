using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Leads;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Sources.Import;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Api;

public sealed record SignalDto(
    long Id, SignalKind Kind, string Source, string? ProductCategory, string? Problem, string RegionCode, long? EnterpriseId,
    string Frequency, DateOnly PeriodStart, double Observed, double? Expected, double? Threshold, string Method,
    double Strength, int Severity, VulnerableGroups Vulnerable, int EvidenceCount, string? Note, DateTimeOffset DetectedAt, long? WarningId)
{
    public static SignalDto From(RiskSignal s) => new(
        s.Id, s.Kind, s.Source, s.ProductCategory, s.Problem, s.RegionCode, s.EnterpriseId, s.Frequency, s.PeriodStart, s.Observed,
        s.Expected, s.Threshold, s.Method, s.Strength, s.Severity, s.Vulnerable, RiskSignalsApi.EvidenceOf(s).Count, s.Note, s.DetectedAt, s.WarningId);
}

/// <summary>A signal with its evidence resolved; records outside the caller's region are counted, not shown.</summary>
/// <param name="OtherEvidence">Evidence that is not a source record (certificates, bodies, products, batches, listings), as type and id.</param>
public sealed record SignalDetail(SignalDto Signal, IReadOnlyList<SourceRecordSummary> Evidence, int EvidenceNotVisible, IReadOnlyList<RecordRef> OtherEvidence);

public sealed record ScanRequest(string? AsOf);

public sealed record ScanResponse(
    DateOnly WeekStart, int Series, int Fitted, int Signals, int NewSignals, int WarningsCreated, int WarningsUpdated,
    double Seconds, IReadOnlyDictionary<string, int> SignalsByMethod);

public sealed record LeadDto(
    long Id, string Name, string RegionCode, int Mentions, IReadOnlyList<string> Sources, IReadOnlyList<string> Records,
    DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, LeadStatus Status,
    string? ReviewedBy, DateTimeOffset? ReviewedAt, string? ReviewNote, long? SignalId, long? WarningId = null)
{
    public static LeadDto From(ProducerLead l) => new(l.Id, l.Name, l.RegionCode, l.Mentions, l.Sources, l.Records, l.FirstSeenAt, l.LastSeenAt, l.Status,
        l.ReviewedBy, l.ReviewedAt, l.ReviewNote, l.SignalId);
}

/// <param name="Decision">confirmed, dismissed or new (reopen a dismissed lead).</param>
public sealed record LeadReviewRequest(string? Decision, string? Note);

/// <summary>/api/v1/risk/signals, /risk/leads and /risk/scan.</summary>
public static class RiskSignalsApi
{
    public static void MapRiskSignalsApi(this RouteGroupBuilder v1)
    {
        var risk = v1.MapGroup("/risk").WithTags("RiskSignals");
        risk.MapGet("/signals", ListAsync).WithName("ListRiskSignals").RequireAuthorization(Policies.Staff)
            .WithDescription("Newest first. from/to (yyyy-MM-dd, inclusive) apply to the evaluated period's first day.");
        risk.MapGet("/signals/{id:long}", GetAsync).WithName("GetRiskSignal").RequireAuthorization(Policies.Staff);
        risk.MapGet("/leads", ListLeadsAsync).WithName("ListProducerLeads").RequireAuthorization(Policies.Staff)
            .WithDescription("Producers named in records that match no registered enterprise (possible unlicensed producers), newest first.");
        risk.MapPost("/leads/{id:long}/review", ReviewLeadAsync).WithName("ReviewProducerLead").RequireAuthorization(Policies.RegistryEditor)
            .WithDescription("decision confirmed (raises an unlicensed-production signal and warning), dismissed (note required) or new (reopen a dismissed lead).");
        risk.MapPost("/scan", ScanAsync).WithName("ScanRisks").RequireAuthorization(Policies.NationalAdmin)
            .WithDescription("Runs the same scan as the scheduler and `qw risk scan` for the last complete week on or before asOf (default today, Beijing time).");
    }

    internal static List<RecordRef> EvidenceOf(RiskSignal s) => RecordRef.ParseList(s.Evidence);

    private static async Task<Results<Ok<ListResponse<SignalDto>>, ValidationProblem>> ListAsync(
        QualityWatchDbContext db, string? source, string? productCategory, string? problem, string? regionCode, string? from, string? to,
        long? warningId, long? enterpriseId, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = RiskSourcesApi.ParseCommon(from, to, regionCode, out var fromDate, out var toDate, out var prefix);
        RiskSourcesApi.AddPaging(errors, limit, cursor, out var take, out var after);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        var q = db.RiskSignals.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(source))
            q = q.Where(s => s.Source == source);
        if (!string.IsNullOrWhiteSpace(productCategory))
            q = q.Where(s => s.ProductCategory == productCategory);
        if (!string.IsNullOrWhiteSpace(problem))
            q = q.Where(s => s.Problem == problem);
        if (prefix is not null)
            q = q.Where(s => s.RegionCode.StartsWith(prefix));
        if (fromDate is { } f)
            q = q.Where(s => s.PeriodStart >= f);
        if (toDate is { } t)
            q = q.Where(s => s.PeriodStart <= t);
        if (warningId is { } w)
            q = q.Where(s => s.WarningId == w);
        if (enterpriseId is { } e)
            q = q.Where(s => s.EnterpriseId == e);
        if (after > 0)
            q = q.Where(s => s.Id < after);
        var rows = await q.OrderByDescending(s => s.Id).Take(take + 1).ToListAsync(ct);
        var page = Cursor.ToPage(rows, take, s => s.Id);
        return TypedResults.Ok(new ListResponse<SignalDto>(page.Items.Select(SignalDto.From).ToList(), page.NextCursor));
    }

    private static async Task<Results<Ok<SignalDetail>, NotFound>> GetAsync(QualityWatchDbContext db, long id, CancellationToken ct)
    {
        if (await db.RiskSignals.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is not { } s)
            return TypedResults.NotFound();
        var refs = EvidenceOf(s);
        var evidence = await ResolveAsync(db, refs, ct);
        // Only source records can be hidden by region; other evidence (a certificate, a body) is listed as it is.
        var sourceRefs = refs.Count(r => SourceSchema.Find(r.Type) is not null);
        return TypedResults.Ok(new SignalDetail(SignalDto.From(s), evidence, sourceRefs - evidence.Count,
            [.. refs.Where(r => SourceSchema.Find(r.Type) is null)]));
    }

    /// <summary>Short summaries of the records a signal counted, in the signal's order, through the region filters.</summary>
    internal static async Task<List<SourceRecordSummary>> ResolveAsync(QualityWatchDbContext db, IReadOnlyList<RecordRef> refs, CancellationToken ct)
    {
        var found = new Dictionary<RecordRef, SourceRecord>();
        foreach (var type in refs.GroupBy(r => r.Type))
        {
            if (SourceSchema.Find(type.Key) is not { } schema)
                continue;
            var ids = type.Select(r => r.Id).Distinct().ToList();
            foreach (var r in await schema.Query(db).AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct))
                found[new RecordRef(type.Key, r.Id)] = r;
        }
        var names = await RiskSourcesApi.EnterpriseNamesAsync(db, found.Values.Select(r => r.EnterpriseId), ct);
        return refs.Where(r => found.ContainsKey(r)).Select(r => RiskSourcesApi.Summary(r.Type, found[r], names)).ToList();
    }

    private static async Task<Results<Ok<ListResponse<LeadDto>>, ValidationProblem>> ListLeadsAsync(
        QualityWatchDbContext db, string? regionCode, string? status, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = RiskSourcesApi.ParseCommon(null, null, regionCode, out _, out _, out var prefix);
        LeadStatus? st = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<LeadStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(status[0]))
                st = parsed;
            else
                errors["status"] = ["status must be new, confirmed or dismissed"];
        }
        RiskSourcesApi.AddPaging(errors, limit, cursor, out var take, out var after);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        var q = db.ProducerLeads.AsNoTracking();
        if (prefix is not null)
            q = q.Where(l => l.RegionCode.StartsWith(prefix));
        if (st is { } s)
            q = q.Where(l => l.Status == s);
        if (after > 0)
            q = q.Where(l => l.Id < after);
        var rows = await q.OrderByDescending(l => l.Id).Take(take + 1).ToListAsync(ct);
        var page = Cursor.ToPage(rows, take, l => l.Id);
        return TypedResults.Ok(new ListResponse<LeadDto>(page.Items.Select(LeadDto.From).ToList(), page.NextCursor));
    }

    private static async Task<Results<Ok<LeadDto>, NotFound, ValidationProblem>> ReviewLeadAsync(
        long id, LeadReviewRequest request, ReviewLead review, CancellationToken ct)
    {
        if (!Enum.TryParse<LeadStatus>(request.Decision, ignoreCase: true, out var decision) || !Enum.IsDefined(decision) || char.IsAsciiDigit(request.Decision![0]))
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["decision"] = ["decision must be confirmed, dismissed or new"] });
        var r = await review.RunAsync(id, decision, request.Note, ct);
        if (r.NotFound)
            return TypedResults.NotFound();
        if (r.Errors.Count > 0)
            return ApiProblems.Invalid(r.Errors);
        return TypedResults.Ok(LeadDto.From(r.Lead!) with { WarningId = r.WarningId });
    }

    private static async Task<Results<Ok<ScanResponse>, ValidationProblem>> ScanAsync(
        ScanRisks scan, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] ScanRequest? request, CancellationToken ct)
    {
        if (!RiskSourcesApi.TryParseDate(request?.AsOf, out var asOf))
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["asOf"] = ["asOf must be a date yyyy-MM-dd"] });
        var r = await scan.RunAsync(asOf, ct);
        return TypedResults.Ok(new ScanResponse(r.WeekStart, r.Series, r.Fitted, r.Signals, r.NewSignals, r.WarningsCreated, r.WarningsUpdated,
            Math.Round(r.Elapsed.TotalSeconds, 3), r.SignalsByKind));
    }
}
