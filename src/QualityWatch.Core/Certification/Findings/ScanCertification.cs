using System.Diagnostics;
using QualityWatch.Core.Certification.Oversight;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Warnings;

namespace QualityWatch.Core.Certification.Findings;

public sealed record CertificationScanResult(
    DateOnly AsOf,
    DateOnly WeekStart,
    int Claims,
    int Certificates,
    int Findings,
    int Signals,
    int NewSignals,
    int UpdatedSignals,
    int WarningsCreated,
    int WarningsUpdated,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, int> FindingsByRule);

/// <summary>
/// The certification scan: resolves every number in use (source records of the last year, registered products)
/// against the registry for forgery and misuse, runs the body-oversight rules on the certificates, and stores the
/// findings as external signals through the risk module's <see cref="StoreSignals"/> (a re-scan updates, never
/// duplicates) and <see cref="RaiseWarnings"/> (the same grouping, score and levels as every other signal). The daily
/// job, `qw certs scan` and POST /api/v1/certification-bodies/scan all call <see cref="RunAsync"/>.
/// </summary>
public sealed class ScanCertification(QualityWatchDbContext db, RegistrySnapshot snapshot, StoreSignals store, RaiseWarnings raise)
{
    public async Task<CertificationScanResult> RunAsync(DateOnly? asOf, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var today = asOf ?? SourceRecord.ChinaDate(db.Clock.GetUtcNow());
        // The scan must see the latest imports and lifecycle changes; refreshing also serves them to verification.
        var registry = await snapshot.RefreshAsync(ct);

        var claims = await LoadClaims.FromRecordsAsync(db, today, ct);
        claims.AddRange(await LoadClaims.FromProductsAsync(db, today, ct));
        var misuse = new MisuseRules(registry);
        var findings = claims.SelectMany(misuse.Evaluate).ToList();

        var data = await OversightData.LoadAsync(db, registry, today, ct);
        findings.AddRange(IssuanceVolume.Find(data));
        findings.AddRange(UnapprovedScope.Find(data));
        findings.AddRange(ShortIssueTime.Find(data));
        findings.AddRange(RevocationRates.Find(data));
        findings.AddRange(FeeOutliers.Find(data));
        findings.AddRange(ListedHolders.Find(data));

        var drafts = FindingSignals.ToDrafts(findings);
        var stored = await store.SaveAsync(drafts, ct);
        var (created, updated) = await raise.RunAsync(stored.New, ct);
        return new CertificationScanResult(today, DateOnly.FromDayNumber(IssuanceVolume.EvaluatedWeek(today) * 7), claims.Count, data.Certificates.Count,
            findings.Count, drafts.Count, stored.New.Count, stored.Updated.Count, created, updated, clock.Elapsed,
            findings.GroupBy(f => f.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()));
    }
}
