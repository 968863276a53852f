using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Warnings;

namespace QualityWatch.Core.Risk.Leads;

public sealed record LeadReviewResult(ProducerLead? Lead, Dictionary<string, string[]> Errors, bool NotFound = false, long? WarningId = null);

/// <summary>
/// An officer's verdict on a possible unlicensed producer. Confirming it (the workshop exists and has no licence)
/// raises an "unlicensed production" signal with the lead's records as evidence, so it joins the 研判 → 预警 → 处置
/// workflow like any other signal; dismissing it needs a reason; a dismissed lead may be reopened. Every step is
/// audited by SaveChanges and goes through the region filters.
/// </summary>
public sealed class ReviewLead(QualityWatchDbContext db, RaiseWarnings raiseWarnings)
{
    public async Task<LeadReviewResult> RunAsync(long id, LeadStatus decision, string? note, CancellationToken ct)
    {
        var lead = await db.ProducerLeads.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
            return new LeadReviewResult(null, [], NotFound: true);
        var allowed = (lead.Status, decision) is (LeadStatus.New, LeadStatus.Confirmed) or (LeadStatus.New, LeadStatus.Dismissed) or (LeadStatus.Dismissed, LeadStatus.New);
        if (!allowed)
            return Refused("status", $"线索状态不能从 {lead.Status} 改为 {decision} (a {lead.Status} lead cannot become {decision})");
        if (decision == LeadStatus.Dismissed && string.IsNullOrWhiteSpace(note))
            return Refused("note", "排除线索须说明理由 (a dismissal needs a reason)");
        var now = db.Clock.GetUtcNow();
        lead.Status = decision;
        lead.ReviewedBy = db.Scope.Actor;
        lead.ReviewedAt = now;
        lead.ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (decision != LeadStatus.Confirmed || lead.SignalId is not null)
        {
            await db.SaveChangesAsync(ct);
            return new LeadReviewResult(lead, []);
        }

        var signal = new RiskSignal
        {
            SeriesKey = $"lead|{lead.Id}",
            Kind = SignalKind.External,
            Source = "lead",
            Problem = "unlicensed",
            RegionCode = lead.RegionCode,
            Frequency = "event",
            PeriodStart = SourceRecord.ChinaDate(now),
            Observed = lead.Mentions,
            Method = "officer-confirmed",
            // A confirmed workshop is a fact, not a statistical alarm: at least the strength of a signal at its
            // threshold, more when many records named it.
            Strength = Math.Min(100, 60 + (5 * lead.Mentions)),
            Severity = ProblemSeverity.Of("unlicensed"),
            Evidence = RecordRef.ToJson(lead.Records.Select(Parse).OfType<RecordRef>()),
            Note = $"核实确认的无证生产线索：{lead.Name}（{lead.Mentions} 条记录）。{lead.ReviewNote}",
            DetectedAt = now,
        };
        db.RiskSignals.Add(signal);
        await db.SaveChangesAsync(ct);
        lead.SignalId = signal.Id;
        await db.SaveChangesAsync(ct);
        await raiseWarnings.RunAsync([signal], ct);
        return new LeadReviewResult(lead, [], WarningId: signal.WarningId);
    }

    private static RecordRef? Parse(string record)
    {
        var colon = record.IndexOf(':');
        return colon > 0 && long.TryParse(record.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? new RecordRef(record[..colon], id)
            : null;
    }

    private static LeadReviewResult Refused(string field, string message) => new(null, new() { [field] = [message] });
}
