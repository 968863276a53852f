using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Findings;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Core.Certification.Oversight;

/// <summary>Weekly issuance of one scope with the stored volume signals: the series chart's data.</summary>
public sealed record IssuanceSeries(
    CertificateScheme Scheme, string? Category, int Total, IReadOnlyList<string> Weeks, IReadOnlyList<double> Observed,
    IReadOnlyList<double?> Expected, IReadOnlyList<double?> Threshold, IReadOnlyList<double?> Alarms);

public sealed record StatusShare(int Valid, int Suspended, int Withdrawn, int Revoked, int Expired)
{
    public int Total => Valid + Suspended + Withdrawn + Revoked + Expired;

    /// <summary>Share of suspended, withdrawn and revoked certificates, in percent.</summary>
    public double LapsedPercent => Total == 0 ? 0 : Math.Round(100.0 * (Suspended + Withdrawn + Revoked) / Total, 1);
}

public sealed record HistogramBin(string Label, int Count);

/// <summary>Days from application to issue: bins, median, and how many fell under their scheme's minimum.</summary>
public sealed record IssueTimes(int WithDates, double? MedianDays, int BelowMinimum, IReadOnlyList<HistogramBin> Bins);

public sealed record FeeGroup(CertificateScheme Scheme, string? Category, int Count, decimal Min, decimal P10, decimal Median, decimal P90, decimal Max);

public sealed record Fees(int WithFee, IReadOnlyList<FeeGroup> Groups, IReadOnlyList<HistogramBin> Bins);

/// <summary>A certificate, product or record named by a finding; Label is the certificate number or the record's source id.</summary>
public sealed record FindingEvidence(string Type, long Id, string? Label);

public sealed record BodyFinding(
    long SignalId, DateOnly PeriodStart, IReadOnlyList<string> Rules, string Method, double Observed, double? Expected, double? Threshold,
    double Strength, int Severity, string RegionCode, string? ProductCategory, string? Note, long? WarningId, string? WarningNumber,
    IReadOnlyList<FindingEvidence> Evidence, int EvidenceNotVisible);

public sealed record BodyReportData(
    BodySummary Body,
    IReadOnlyList<BodyStatusChange> StatusHistory,
    IReadOnlyList<IssuanceSeries> Issuance,
    StatusShare Statuses,
    IssueTimes IssueTimes,
    Fees Fees,
    IReadOnlyList<BodyFinding> Findings);

/// <summary>
/// Everything the body report page and its API show: the register entry with status history and scopes, issuance per
/// scope with the volume signals, the share of lapsed certificates, the application-to-issue times, the fees, and the
/// certification signals naming the body. Certificates and signals go through the caller's region filters.
/// </summary>
public sealed class BodyReport(QualityWatchDbContext db, RegistrySnapshot snapshot, BodyDirectory directory)
{
    /// <summary>Weeks the issuance charts cover (about two years, as the risk charts).</summary>
    public const int ChartWeeks = 104;

    public const int MaxFindings = 200;

    private static readonly (string Label, int Max)[] DayBins = [("<0", -1), ("0–7", 7), ("8–14", 14), ("15–30", 30), ("31–60", 60), ("61–90", 90), ("91–180", 180), (">180", int.MaxValue)];
    private static readonly (string Label, decimal Max)[] FeeBins = [("<1k", 1_000), ("1k–3k", 3_000), ("3k–10k", 10_000), ("10k–30k", 30_000), ("30k–100k", 100_000), ("≥100k", decimal.MaxValue)];

    private sealed record Row(long Id, CertificateScheme Scheme, string? Category, DateOnly? AppliedOn, DateOnly IssuedOn, DateOnly? ExpiresOn, decimal? Fee, CertificateStatus Status);

    public async Task<BodyReportData?> RunAsync(string key, CancellationToken ct)
    {
        if (await directory.FindAsync(key, ct) is not { } summary)
            return null;
        var registry = await snapshot.GetAsync(ct);
        var body = registry.BodyById(key)!;
        var today = SourceRecord.ChinaDate(db.Clock.GetUtcNow());
        var rows = await db.Certificates.AsNoTracking().Where(c => c.IssuerKey == key)
            .Select(c => new Row(c.Id, c.Scheme, c.ProductCategory, c.AppliedOn, c.IssuedOn, c.ExpiresOn, c.Fee, c.Status))
            .ToListAsync(ct);
        return new BodyReportData(summary, body.StatusHistory, await IssuanceAsync(key, rows, today, ct), Statuses(rows, today), Times(rows), FeesOf(rows),
            await FindingsAsync(key, ct));
    }

    private async Task<List<IssuanceSeries>> IssuanceAsync(string key, List<Row> rows, DateOnly today, CancellationToken ct)
    {
        var lastWeek = today.DayNumber / 7;
        var firstWeek = lastWeek - ChartWeeks + 1;
        var labels = Enumerable.Range(firstWeek, ChartWeeks).Select(w => DateOnly.FromDayNumber(w * 7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        var suffix = $"|{FindingSignals.WeeklyFrequency}|e{SubjectKeys.Body(key).ToString(CultureInfo.InvariantCulture)}";
        var from = DateOnly.FromDayNumber(firstWeek * 7);
        var signals = await db.RiskSignals.AsNoTracking()
            .Where(s => s.Source == FindingSignals.Source && s.SeriesKey.EndsWith(suffix) && s.PeriodStart >= from)
            .Select(s => new { s.ProductCategory, s.PeriodStart, s.Observed, s.Expected, s.Threshold }).ToListAsync(ct);
        var series = new List<IssuanceSeries>();
        foreach (var g in rows.GroupBy(r => (r.Scheme, r.Category)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Scheme).ThenBy(g => g.Key.Category, StringComparer.Ordinal))
        {
            var observed = new double[ChartWeeks];
            foreach (var r in g)
            {
                var i = (r.IssuedOn.DayNumber / 7) - firstWeek;
                if (i >= 0 && i < ChartWeeks)
                    observed[i]++;
            }
            var expected = new double?[ChartWeeks];
            var threshold = new double?[ChartWeeks];
            var alarms = new double?[ChartWeeks];
            foreach (var s in signals.Where(s => s.ProductCategory == g.Key.Category))
            {
                var i = (s.PeriodStart.DayNumber / 7) - firstWeek;
                if (i < 0 || i >= ChartWeeks)
                    continue;
                expected[i] = s.Expected;
                threshold[i] = s.Threshold;
                alarms[i] = Math.Max(s.Observed, observed[i]);
            }
            series.Add(new IssuanceSeries(g.Key.Scheme, g.Key.Category, g.Count(), labels, observed, expected, threshold, alarms));
        }
        return series;
    }

    private static StatusShare Statuses(List<Row> rows, DateOnly today)
    {
        int valid = 0, suspended = 0, withdrawn = 0, revoked = 0, expired = 0;
        foreach (var r in rows)
        {
            // The stored status follows the lifecycle events only; expiry is applied on read.
            var status = r.Status == CertificateStatus.Valid && r.ExpiresOn is { } e && today > e ? CertificateStatus.Expired : r.Status;
            switch (status)
            {
                case CertificateStatus.Suspended: suspended++; break;
                case CertificateStatus.Withdrawn: withdrawn++; break;
                case CertificateStatus.Revoked: revoked++; break;
                case CertificateStatus.Expired: expired++; break;
                default: valid++; break;
            }
        }
        return new StatusShare(valid, suspended, withdrawn, revoked, expired);
    }

    private static IssueTimes Times(List<Row> rows)
    {
        var days = rows.Where(r => r.AppliedOn is not null)
            .Select(r => (r.Scheme, Days: r.IssuedOn.DayNumber - r.AppliedOn!.Value.DayNumber)).ToList();
        var bins = DayBins.Select((b, i) => new HistogramBin(b.Label,
            days.Count(d => d.Days <= b.Max && (i == 0 || d.Days > DayBins[i - 1].Max)))).ToList();
        var below = days.Count(d => ShortIssueTime.MinimumDays.TryGetValue(d.Scheme, out var min) && d.Days < min);
        double? median = days.Count == 0 ? null : Median([.. days.Select(d => (double)d.Days)]);
        return new IssueTimes(days.Count, median, below, bins);
    }

    private static Fees FeesOf(List<Row> rows)
    {
        var fees = rows.Where(r => r.Fee > 0).ToList();
        var groups = fees.GroupBy(r => (r.Scheme, r.Category)).OrderByDescending(g => g.Count()).Select(g =>
        {
            var sorted = g.Select(r => r.Fee!.Value).Order().ToArray();
            return new FeeGroup(g.Key.Scheme, g.Key.Category, sorted.Length, sorted[0], Quantile(sorted, 0.1), Quantile(sorted, 0.5), Quantile(sorted, 0.9), sorted[^1]);
        }).ToList();
        var bins = FeeBins.Select((b, i) => new HistogramBin(b.Label,
            fees.Count(r => r.Fee < b.Max && (i == 0 || r.Fee >= FeeBins[i - 1].Max)))).ToList();
        return new Fees(fees.Count, groups, bins);
    }

    private async Task<List<BodyFinding>> FindingsAsync(string key, CancellationToken ct)
    {
        var marker = BodyDirectory.EvidenceMarker(key);
        var signals = await db.RiskSignals.AsNoTracking().Where(s => s.Source == FindingSignals.Source && s.Evidence.Contains(marker))
            .OrderByDescending(s => s.PeriodStart).ThenByDescending(s => s.Id).Take(MaxFindings).ToListAsync(ct);
        var refs = signals.ToDictionary(s => s.Id, s => RecordRef.ParseList(s.Evidence));
        var certificateIds = refs.Values.SelectMany(r => r).Where(r => r.Type == "certificate").Select(r => r.Id).Distinct().ToList();
        var numbers = new Dictionary<long, string>();
        foreach (var chunk in certificateIds.Chunk(1000))
        {
            foreach (var c in await db.Certificates.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.Number }).ToListAsync(ct))
                numbers[c.Id] = c.Number;
        }
        var records = await RecordLabelsAsync(refs.Values.SelectMany(r => r), ct);
        var productIds = refs.Values.SelectMany(r => r).Where(r => r.Type == "product").Select(r => r.Id).Distinct().ToList();
        foreach (var p in await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).Select(p => new { p.Id, p.Brand, p.Model }).ToListAsync(ct))
            records[new RecordRef("product", p.Id)] = $"{p.Brand} {p.Model}".Trim();
        var batchIds = refs.Values.SelectMany(r => r).Where(r => r.Type == "batch").Select(r => r.Id).Distinct().ToList();
        foreach (var b in await db.Batches.AsNoTracking().Where(b => batchIds.Contains(b.Id)).Select(b => new { b.Id, b.LotNumber }).ToListAsync(ct))
            records[new RecordRef("batch", b.Id)] = b.LotNumber;
        var listingIds = refs.Values.SelectMany(r => r).Where(r => r.Type == "credit-listing").Select(r => r.Id).Distinct().ToList();
        foreach (var l in await db.CreditListings.AsNoTracking().Where(l => listingIds.Contains(l.Id)).Select(l => new { l.Id, l.DecisionNumber }).ToListAsync(ct))
            records[new RecordRef("credit-listing", l.Id)] = l.DecisionNumber;
        var warningIds = signals.Select(s => s.WarningId).OfType<long>().Distinct().ToList();
        var warnings = await db.RiskWarnings.AsNoTracking().Where(w => warningIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Number, ct);
        return [.. signals.Select(s =>
        {
            var evidence = new List<FindingEvidence>();
            var hidden = 0;
            foreach (var r in refs[s.Id].Where(r => r.Type != "body"))
            {
                string? label = r.Type switch
                {
                    "certificate" => numbers.GetValueOrDefault(r.Id),
                    _ => records.GetValueOrDefault(r),
                };
                if (label is null)
                    hidden++;
                else
                    evidence.Add(new FindingEvidence(r.Type, r.Id, label.Length == 0 ? null : label));
            }
            return new BodyFinding(s.Id, s.PeriodStart, FindingRules.FromMethod(s.Method), s.Method, s.Observed, s.Expected, s.Threshold, s.Strength, s.Severity,
                s.RegionCode, s.ProductCategory, s.Note, s.WarningId, s.WarningId is { } w ? warnings.GetValueOrDefault(w) : null, evidence, hidden);
        })];
    }

    /// <summary>Source ids of the records named, through the region filters (a record the caller may not see has no label).</summary>
    private async Task<Dictionary<RecordRef, string>> RecordLabelsAsync(IEnumerable<RecordRef> refs, CancellationToken ct)
    {
        var labels = new Dictionary<RecordRef, string>();
        foreach (var type in refs.GroupBy(r => r.Type))
        {
            if (Risk.Sources.Import.SourceSchema.Find(type.Key) is not { } schema)
                continue;
            foreach (var chunk in type.Select(r => r.Id).Distinct().Chunk(1000))
            {
                foreach (var r in await schema.Query(db).AsNoTracking().Where(r => chunk.Contains(r.Id)).Select(r => new { r.Id, r.SourceId }).ToListAsync(ct))
                    labels[new RecordRef(type.Key, r.Id)] = r.SourceId;
            }
        }
        return labels;
    }

    private static double Median(double[] a)
    {
        Array.Sort(a);
        var n = a.Length;
        return n % 2 == 1 ? a[n / 2] : (a[(n / 2) - 1] + a[n / 2]) / 2;
    }

    private static decimal Quantile(decimal[] sorted, double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
}
