using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Lifecycle;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Risk.Sources;
using E = QualityWatch.Core.Certification.Import.EventColumns;

namespace QualityWatch.Core.Certification.Import;

/// <summary>
/// Imports lifecycle events and surveillance audits of certificates already in the registry. Each row is checked by
/// <see cref="LifecycleRules"/> against the certificate's history (so a withdrawn certificate cannot be resumed);
/// an event is keyed by certificate + date + kind and an audit by certificate + date, so a re-run writes nothing.
/// </summary>
public sealed class ImportCertificateEvents(QualityWatchDbContext db, RegistrySnapshot snapshot)
{
    public const int BatchSize = 1000;

    public Task<ImportResult> ImportFileAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        ImportFile.RunAsync(path, (file, name) => ImportAsync(file, name, progress, ct), ct);

    public Task<ImportResult> ImportAsync(Stream input, string fileName, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        ImportFile.SeekableAsync(input, async seekable =>
        {
            using var sheet = SheetReader.Open(seekable, fileName);
            var map = CertificationSheet.Map(sheet, E.All, E.Number, E.Kind);
            return await ImportRowsAsync(CertificationSheet.Rows(sheet, map, E.All.Count), map.Ignored, () => sheet.Fraction, progress, ct);
        }, ct);

    public async Task<ImportResult> ImportRowsAsync(IEnumerable<SheetRow> rows, IReadOnlyList<string> ignored,
        Func<double?>? fraction = null, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (db.Scope.EnterpriseId is not null)
            throw new ImportFileException("企业用户不能导入证书事件 (enterprise users cannot import certificate events)");
        var clock = Stopwatch.StartNew();
        var issuers = await IssuerLookup.LoadAsync(db, ct);
        var today = SourceRecord.ChinaDate(db.Clock.GetUtcNow());
        var tally = new ImportTally(E.All);
        var batch = new List<SheetRow>(BatchSize);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                await FlushAsync(batch, issuers, today, tally, ct);
                batch.Clear();
                progress?.Report(new ImportProgress(tally.Rows, fraction?.Invoke()));
            }
        }
        await FlushAsync(batch, issuers, today, tally, ct);
        progress?.Report(new ImportProgress(tally.Rows, 1));
        if (tally.Created + tally.Updated > 0)
            snapshot.Invalidate();
        return tally.Result(ignored, clock.Elapsed);
    }

    private sealed record EventRow(SheetRow Row, string[] Keys, CertificateScheme? Scheme, string? IssuerKey, LifecycleEventKind? Kind, bool? AuditPassed, DateOnly Date, string? Note);

    private async Task FlushAsync(List<SheetRow> batch, IssuerLookup issuers, DateOnly today, ImportTally tally, CancellationToken ct)
    {
        if (batch.Count == 0)
            return;
        tally.Rows += batch.Count;
        var parsed = new List<EventRow>(batch.Count);
        foreach (var row in batch)
        {
            var e = Parse(row, issuers, today);
            if (!tally.RejectIfInvalid(row) && e is not null)
                parsed.Add(e);
        }
        if (parsed.Count == 0)
            return;
        var keys = parsed.SelectMany(p => p.Keys).Distinct(StringComparer.Ordinal).ToList();
        var certificates = await db.Certificates.IgnoreQueryFilters().Include(c => c.Events).Include(c => c.Audits).AsSplitQuery()
            .Where(c => keys.Contains(c.NumberKey)).ToListAsync(ct);
        var byKey = certificates.ToLookup(c => c.NumberKey, StringComparer.Ordinal);
        var now = db.Clock.GetUtcNow();
        var created = 0;
        var updated = 0;
        foreach (var e in parsed)
        {
            var candidates = e.Keys.SelectMany(k => byKey[k]).Distinct()
                .Where(c => (e.Scheme is null || c.Scheme == e.Scheme) && (e.IssuerKey is null || c.IssuerKey == e.IssuerKey)).ToList();
            if (candidates.Count == 0)
            {
                tally.Reject(e.Row, E.Number, "登记库中没有该证书，请先导入证书 (no such certificate in the registry: import it first)");
                continue;
            }
            if (candidates.Count > 1)
            {
                tally.Reject(e.Row, e.Scheme is null ? E.Scheme : E.Issuer,
                    $"有 {candidates.Count} 张同号证书，请填写认证类型和认证机构 ({candidates.Count} certificates share the number: give the scheme and issuer)");
                continue;
            }
            var certificate = candidates[0];
            if (db.Scope.RegionPrefix is not null && (certificate.RegionCode is null || !db.Scope.Covers(certificate.RegionCode)))
            {
                tally.Reject(e.Row, E.Number, "该证书的持证人属于您管辖范围以外的地区 (the certificate's holder is outside your region)");
                continue;
            }
            var outcome = e.Kind is { } kind ? ApplyEvent(certificate, e, kind, today, now) : ApplyAudit(certificate, e);
            switch (outcome)
            {
                case Outcome.Created: created++; break;
                case Outcome.Updated: updated++; break;
                case Outcome.Unchanged: tally.Unchanged++; break;
                case Outcome.Rejected: tally.RejectIfInvalid(e.Row); break;
            }
        }
        if (created + updated > 0)
            await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        tally.Created += created;
        tally.Updated += updated;
    }

    private enum Outcome
    {
        Created,
        Updated,
        Unchanged,
        Rejected,
    }

    private static Outcome ApplyEvent(CertificateRecord certificate, EventRow e, LifecycleEventKind kind, DateOnly today, DateTimeOffset now)
    {
        if (certificate.Events.FirstOrDefault(x => x.Date == e.Date && x.Kind == kind) is { } same)
        {
            if (e.Note is null || e.Note == same.Note)
                return Outcome.Unchanged;
            same.Note = e.Note;
            certificate.UpdatedAt = now;
            return Outcome.Updated;
        }
        var history = certificate.ToSnapshot();
        var added = new LifecycleEvent(e.Date, kind, e.Note);
        if (LifecycleRules.Check(history, added, today) is { } violation)
        {
            e.Row.Error(violation.Field == "date" ? E.Date : E.Kind, violation.Message);
            return Outcome.Rejected;
        }
        certificate.Events.Add(new CertificateEventRecord { Date = e.Date, Kind = kind, Note = e.Note, RecordedAt = now });
        certificate.Status = LifecycleRules.StatusFromEvents(LifecycleRules.Insert(history.Events, added));
        certificate.UpdatedAt = now;
        return Outcome.Created;
    }

    private static Outcome ApplyAudit(CertificateRecord certificate, EventRow e)
    {
        if (e.Date < certificate.IssuedOn)
        {
            e.Row.Error(E.Date, $"审核日期早于颁证日期 {certificate.IssuedOn:yyyy-MM-dd} (the audit predates the certificate)");
            return Outcome.Rejected;
        }
        var passed = e.AuditPassed!.Value;
        if (certificate.Audits.FirstOrDefault(a => a.Date == e.Date) is { } same)
        {
            if (same.Passed == passed && (e.Note is null || e.Note == same.Note))
                return Outcome.Unchanged;
            same.Passed = passed;
            same.Note = e.Note ?? same.Note;
            return Outcome.Updated;
        }
        certificate.Audits.Add(new SurveillanceAuditRecord { Date = e.Date, Passed = passed, Note = e.Note });
        return Outcome.Created;
    }

    private static EventRow? Parse(SheetRow row, IssuerLookup issuers, DateOnly today)
    {
        var number = row.RequiredText(E.Number, 64);
        CertificateScheme? scheme = null;
        if (row[E.Scheme] is { } s)
        {
            if (SchemeWords.TryParseScheme(s, out var sc))
                scheme = sc;
            else
                row.Error(E.Scheme, $"未知的认证类型，应为 {SchemeWords.SchemeTokens} 或其中文名称 (unknown scheme)");
        }
        string? issuerKey = null;
        if (row.Text(E.Issuer, 256) is { } issuer)
        {
            issuerKey = issuers.Find(issuer)?.Id;
            if (issuerKey is null)
                row.Error(E.Issuer, "未知的认证机构 (unknown issuer)");
        }
        LifecycleEventKind? kind = null;
        bool? passed = null;
        var kindText = row.RequiredText(E.Kind, 32);
        if (IsAudit(kindText))
        {
            passed = row[E.AuditResult] switch
            {
                "通过" or "合格" or "符合" or "pass" or "passed" or "Pass" or "PASS" or "true" => true,
                "不通过" or "不合格" or "不符合" or "fail" or "failed" or "Fail" or "FAIL" or "false" => false,
                _ => null,
            };
            if (passed is null)
                row.Error(E.AuditResult, "监督审核须填写“通过”或“不通过” (a surveillance audit needs 通过 or 不通过)");
        }
        else if (LifecycleWords.TryParse(kindText, out var k))
            kind = k;
        else if (kindText.Length > 0)
            row.Error(E.Kind, "应为 暂停、恢复、注销、撤销、变更、过期、颁发 或 监督审核 (unknown event kind)");
        var date = row.Date(E.Date, required: true);
        if (date > today)
            row.Error(E.Date, $"日期晚于今天（{today:yyyy-MM-dd}）(the date is in the future)");
        var note = row.Text(E.Note, 512);
        if (row.Errors.Count > 0 || number.Length == 0)
            return null;
        var keys = new HashSet<string>(StringComparer.Ordinal) { CertificateNumber.Key(scheme ?? CertificateScheme.VoluntaryProduct, number) };
        // NIOSH numbers have their own key form; without a stated scheme try it too.
        if (scheme is null)
            keys.Add(CertificateNumber.Key(CertificateScheme.NioshApproval, number));
        return new EventRow(row, [.. keys], scheme, issuerKey, kind, passed, date!.Value, note);
    }

    private static bool IsAudit(string text) =>
        text is "监督审核" or "年度监督" or "监督检查" or "audit" or "surveillance audit" or "surveillance-audit" or "Audit";
}
