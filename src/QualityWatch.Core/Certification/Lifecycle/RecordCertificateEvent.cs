using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Core.Certification.Lifecycle;

/// <summary>What an officer records: an action (suspend, resume, withdraw, revoke, change; or 暂停 …), a date (default today, Beijing time) and a note.</summary>
public sealed record CertificateEventInput(string? Action, DateOnly? Date, string? Note);

public enum LifecycleOutcome
{
    /// <summary>The event was added and the certificate's status updated.</summary>
    Recorded,
    /// <summary>The same event (kind and date) is already in the history: nothing was written.</summary>
    Unchanged,
    /// <summary>See <see cref="LifecycleResult.Errors"/>, keyed by input field (action, date, note).</summary>
    Invalid,
    /// <summary>No such certificate in the caller's region (answer 404, never 403).</summary>
    NotFound,
    /// <summary>Enterprise users cannot change certificates, not even their own.</summary>
    Forbidden,
}

public sealed record LifecycleResult(
    LifecycleOutcome Outcome,
    CertificateRecord? Certificate,
    CertificateEventRecord? Event,
    IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// Records a suspension, resumption, withdrawal, revocation or change of one certificate: validated against its
/// history (<see cref="LifecycleRules"/>), saved with the new status in one audited SaveChanges, then the registry
/// snapshot is invalidated so verification sees it. The certificate is loaded through the region filters, so an
/// officer can only act on certificates of holders in their region.
/// </summary>
public sealed class RecordCertificateEvent(QualityWatchDbContext db, RegistrySnapshot snapshot)
{
    public const int MaxNoteLength = 512;

    public async Task<LifecycleResult> RunAsync(long certificateId, CertificateEventInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (db.Scope.EnterpriseId is not null)
            return new(LifecycleOutcome.Forbidden, null, null, Empty);
        var certificate = await db.Certificates.Include(c => c.Events).FirstOrDefaultAsync(c => c.Id == certificateId, ct);
        if (certificate is null)
            return new(LifecycleOutcome.NotFound, null, null, Empty);

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var today = SourceRecord.ChinaDate(db.Clock.GetUtcNow());
        var date = input.Date ?? today;
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (!LifecycleWords.TryParse(input.Action, out var kind) || kind is LifecycleEventKind.Issued or LifecycleEventKind.Expired)
            Add(errors, "action", $"应为 {string.Join("、", LifecycleWords.OfficerActions)} 之一 (must be one of {string.Join(", ", LifecycleWords.OfficerActions)})");
        if (note is { Length: > MaxNoteLength })
            Add(errors, "note", $"超过 {MaxNoteLength} 个字符 (longer than {MaxNoteLength} characters)");
        if (kind == LifecycleEventKind.Changed && note is null)
            Add(errors, "note", "变更须说明变更内容 (a change needs a note saying what changed)");
        if (errors.Count > 0)
            return Invalid(certificate, errors);

        if (certificate.Events.Any(e => e.Date == date && e.Kind == kind))
            return new(LifecycleOutcome.Unchanged, certificate, certificate.Events.First(e => e.Date == date && e.Kind == kind), Empty);
        var current = certificate.ToSnapshot();
        if (LifecycleRules.Check(current, new LifecycleEvent(date, kind, note), today) is { } violation)
        {
            Add(errors, violation.Field == "kind" ? "action" : violation.Field, violation.Message);
            return Invalid(certificate, errors);
        }

        var now = db.Clock.GetUtcNow();
        var added = new CertificateEventRecord { CertificateId = certificate.Id, Date = date, Kind = kind, Note = note, RecordedAt = now };
        certificate.Events.Add(added);
        certificate.Status = LifecycleRules.StatusFromEvents(LifecycleRules.Insert(current.Events, new LifecycleEvent(date, kind, note)));
        certificate.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another officer recorded the same event a moment earlier: the result they wanted is there.
            if (!await AlreadyRecordedAsync(certificate.Id, date, kind, ct))
                throw;
            db.ChangeTracker.Clear();
            return new(LifecycleOutcome.Unchanged, certificate, null, Empty);
        }
        snapshot.Invalidate();
        return new(LifecycleOutcome.Recorded, certificate, added, Empty);
    }

    private async Task<bool> AlreadyRecordedAsync(long id, DateOnly date, LifecycleEventKind kind, CancellationToken ct) =>
        await db.CertificateEvents.IgnoreQueryFilters().AsNoTracking().AnyAsync(e => e.CertificateId == id && e.Date == date && e.Kind == kind, ct);

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
            errors[field] = list = [];
        list.Add(message);
    }

    private static LifecycleResult Invalid(CertificateRecord certificate, Dictionary<string, List<string>> errors) =>
        new(LifecycleOutcome.Invalid, certificate, null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
