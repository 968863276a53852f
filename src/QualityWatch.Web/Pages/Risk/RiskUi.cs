using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Sources.Import;
using QualityWatch.Core.Risk.Warnings;
using QualityWatch.Web.Ui;

namespace QualityWatch.Web.Pages.Risk;

/// <summary>One source record as the risk pages show it: where, when, who, what, and its text with the matched terms.</summary>
public sealed record RecordView(
    string Type,
    long Id,
    string SourceId,
    DateTimeOffset OccurredAt,
    string RegionCode,
    string? EnterpriseName,
    long? EnterpriseId,
    string? LinkMethod,
    string? ProductText,
    string? ProductCategory,
    string Problem,
    string Text,
    string? Analysis);

/// <summary>The points of one series' chart: counts per step, and the stored signals' expected, threshold and alarm.</summary>
public sealed record SeriesChart(string SeriesKey, string Frequency, IReadOnlyList<string> Labels, IReadOnlyList<double> Observed,
    IReadOnlyList<double?> Expected, IReadOnlyList<double?> Threshold, IReadOnlyList<double?> Alarms);

/// <summary>Shared parts of the risk pages: open states, overdue rules, record loading, highlighting and series charts.</summary>
public static class RiskUi
{
    public static readonly WarningState[] OpenStates = WarningRules.OpenStates;
    public static readonly string[] SourceKinds = ["complaint", "inspection", "case", "opinion"];

    /// <summary>Weeks shown by the series charts (about two years).</summary>
    public const int ChartWeeks = 104;

    /// <summary>Days shown for daily series (opinion items scanned by EARS).</summary>
    public const int ChartDays = 182;

    public static bool IsOpen(WarningState s) => WarningRules.IsOpen(s);

    public static bool IsOverdue(RiskWarning w, DateTimeOffset now) => IsOpen(w.State) && w.DueAt is { } due && due < now;

    public static bool IsOverdue(DisposalTask t, DateTimeOffset now) => t.Status is DisposalStatus.Open or DisposalStatus.InProgress && t.DueAt < now;

    public static string LevelClass(WarningLevel level) => "level-" + level.ToString().ToLowerInvariant();

    public static string FormatDate(DateTimeOffset at) => at.ToOffset(SourceRecord.ChinaOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string FormatNumber(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.CurrentCulture) : "—";

    /// <summary>Today's Beijing day number, the calendar the records count on.</summary>
    public static int Today(DateTimeOffset now) => SourceRecord.DayOf(now);

    /// <summary>The {type, id} list a signal stores as its evidence.</summary>
    public static List<RecordRef> ParseEvidence(string? json) => RecordRef.ParseList(json);

    private static JsonElement? Property(JsonElement e, string name)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                return p.Value;
        }
        return null;
    }

    /// <summary>Loads the given records through the region filters (a record outside the caller's region is left out).</summary>
    public static async Task<List<RecordView>> LoadRecordsAsync(QualityWatchDbContext db, IEnumerable<RecordRef> refs, CancellationToken ct)
    {
        var result = new List<RecordView>();
        foreach (var group in refs.GroupBy(r => r.Type))
        {
            if (SourceSchema.Find(group.Key) is not { } schema)
                continue;
            var ids = group.Select(r => r.Id).Distinct().ToList();
            var records = await schema.Query(db).AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
            result.AddRange(records.Select(r => View(group.Key, r)));
        }
        return result;
    }

    /// <summary>The latest records of every source type linked to one enterprise.</summary>
    public static async Task<List<RecordView>> LatestForEnterpriseAsync(QualityWatchDbContext db, long enterpriseId, int take, CancellationToken ct)
    {
        var result = new List<RecordView>();
        foreach (var schema in SourceSchema.All)
        {
            var latest = await schema.Query(db).AsNoTracking().Where(r => r.EnterpriseId == enterpriseId)
                .OrderByDescending(r => r.Day).ThenByDescending(r => r.Id).Take(take).ToListAsync(ct);
            result.AddRange(latest.Select(r => View(schema.Kind, r)));
        }
        return result.OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id).Take(take).ToList();
    }

    public static RecordView View(string type, SourceRecord r) => new(type, r.Id, r.SourceId, r.OccurredAt, r.RegionCode, r.EnterpriseName, r.EnterpriseId,
        r.LinkMethod, r.ProductText, r.ProductCategory, r.Problem, r.AnalysedText, r.Analysis);

    private readonly record struct Span(int Start, int Length, string Kind);

    /// <summary>
    /// The record's text, HTML-encoded, with the analysis' matched terms in &lt;mark&gt;. Offsets come from the record's
    /// Analysis JSON (any array of objects with start and length, in the analysed text); a span whose offsets do not fit
    /// the text, or an analysis without offsets, falls back to marking every occurrence of the matched term.
    /// </summary>
    public static IHtmlContent Highlight(string text, string? analysis)
    {
        var spans = new List<Span>();
        var fallbackTerms = new List<(string Term, string Kind)>();
        if (!string.IsNullOrWhiteSpace(analysis))
        {
            try
            {
                using var doc = JsonDocument.Parse(analysis);
                Collect(doc.RootElement, doc.RootElement.ValueKind == JsonValueKind.Array ? "terms" : "", text, spans, fallbackTerms, depth: 0);
            }
            catch (JsonException)
            {
                // Not JSON: nothing to mark.
            }
        }
        foreach (var (term, kind) in fallbackTerms.Where(f => f.Term.Length > 0).DistinctBy(f => f.Term))
        {
            for (var i = text.IndexOf(term, StringComparison.Ordinal); i >= 0; i = text.IndexOf(term, i + term.Length, StringComparison.Ordinal))
                spans.Add(new Span(i, term.Length, kind));
        }
        var sb = new StringBuilder(text.Length + 64);
        var enc = HtmlEncoder.Default;
        var pos = 0;
        foreach (var s in spans.OrderBy(s => s.Start).ThenByDescending(s => s.Length))
        {
            if (s.Start < pos)
                continue; // overlaps one already marked
            sb.Append(enc.Encode(text[pos..s.Start]));
            sb.Append("<mark class=\"hl-").Append(enc.Encode(s.Kind)).Append("\">").Append(enc.Encode(text.Substring(s.Start, s.Length))).Append("</mark>");
            pos = s.Start + s.Length;
        }
        sb.Append(enc.Encode(text[pos..]));
        return new HtmlString(sb.ToString());
    }

    private static void Collect(JsonElement e, string kind, string text, List<Span> spans, List<(string, string)> fallback, int depth)
    {
        if (depth > 4)
            return;
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var term = StringOf(e, "term") ?? StringOf(e, "text") ?? StringOf(e, "name") ?? StringOf(e, "value");
                var start = IntOf(e, "start") ?? IntOf(e, "offset");
                var length = IntOf(e, "length") ?? (IntOf(e, "end") is { } end && start is { } st ? end - st : null);
                if (kind.Length > 0 && start is { } s && length is { } l && l > 0 && s >= 0 && s + l <= text.Length
                    && (term is null || string.CompareOrdinal(text, s, term, 0, l) == 0 || term.Length != l))
                {
                    spans.Add(new Span(s, l, kind));
                    return;
                }
                if (kind.Length > 0 && term is not null)
                {
                    fallback.Add((term, kind));
                    return;
                }
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
                        Collect(p.Value, KindOf(p.Name, kind), text, spans, fallback, depth + 1);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && kind == "terms" && item.GetString() is { } t)
                        fallback.Add((t, kind));
                    else
                        Collect(item, kind, text, spans, fallback, depth + 1);
                }
                break;
        }
    }

    private static string KindOf(string property, string parent) => property.ToLowerInvariant() switch
    {
        var p when p.Contains("term", StringComparison.Ordinal) => "terms",
        var p when p.Contains("ident", StringComparison.Ordinal) => "identifiers",
        var p when p.Contains("enterprise", StringComparison.Ordinal) || p.Contains("mention", StringComparison.Ordinal) => "enterprises",
        _ => parent,
    };

    private static string? StringOf(JsonElement e, string name) =>
        Property(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static int? IntOf(JsonElement e, string name) =>
        Property(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var i) ? i : null;

    /// <summary>
    /// Counts of the series named by <paramref name="seriesKey"/> (source|category|region|problem|frequency[|eID]) per week
    /// for the last two years (or per day for daily series), grouped in the database, with the stored signals of that
    /// series as expected, threshold and alarm points.
    /// </summary>
    public static async Task<SeriesChart?> ChartAsync(QualityWatchDbContext db, string? seriesKey, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(seriesKey))
            return null;
        var parts = seriesKey.Split('|');
        if (parts.Length < 5)
            return null;
        var (source, category, region, problem, frequency) = (parts[0], parts[1] == "*" ? null : parts[1], parts[2], parts[3], parts[4]);
        long? enterpriseId = parts.Length > 5 && parts[5].StartsWith('e') && long.TryParse(parts[5].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : null;
        var daily = frequency == "daily";
        var today = Today(now);
        int steps, firstStep, fromDay, toDay;
        if (daily)
        {
            steps = ChartDays;
            firstStep = today - steps + 1;
            fromDay = firstStep;
            toDay = today;
        }
        else
        {
            steps = ChartWeeks;
            firstStep = (today / 7) - steps + 1;
            fromDay = firstStep * 7;
            toDay = ((firstStep + steps) * 7) - 1;
        }
        var prefix = RegionCodes.ToPrefix(region);
        var counts = new double[steps];
        var sources = source == "convergence" ? SourceKinds : [source];
        foreach (var s in sources)
        {
            List<(int Step, int Count)> cells = s switch
            {
                "complaint" => await CountAsync(db.Complaints, fromDay, toDay, daily, prefix, category, problem, enterpriseId, ct),
                "inspection" => await CountAsync(db.InspectionResults.Where(i => i.Verdict == InspectionVerdict.Fail), fromDay, toDay, daily, prefix, category,
                    problem == "failure-rate" ? null : problem, enterpriseId, ct),
                "case" => await CountAsync(db.EnforcementCases, fromDay, toDay, daily, prefix, category, problem, enterpriseId, ct),
                "opinion" => await CountAsync(db.OpinionItems, fromDay, toDay, daily, prefix, category, problem, enterpriseId, ct),
                _ => [],
            };
            foreach (var (step, count) in cells)
            {
                var i = step - firstStep;
                if (i >= 0 && i < steps)
                    counts[i] += count;
            }
        }
        var expected = new double?[steps];
        var threshold = new double?[steps];
        var alarms = new double?[steps];
        var fromDate = DateOnly.FromDayNumber(fromDay);
        var signals = await db.RiskSignals.AsNoTracking().Where(x => x.SeriesKey == seriesKey && x.PeriodStart >= fromDate)
            .Select(x => new { x.PeriodStart, x.Observed, x.Expected, x.Threshold }).ToListAsync(ct);
        foreach (var x in signals)
        {
            var i = (daily ? x.PeriodStart.DayNumber : x.PeriodStart.DayNumber / 7) - firstStep;
            if (i < 0 || i >= steps)
                continue;
            expected[i] = x.Expected;
            threshold[i] = x.Threshold;
            alarms[i] = Math.Max(x.Observed, counts[i]);
        }
        var labels = Enumerable.Range(firstStep, steps)
            .Select(step => DateOnly.FromDayNumber(daily ? step : step * 7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        return new SeriesChart(seriesKey, daily ? "daily" : "weekly", labels, counts, expected, threshold, alarms);
    }

    private static async Task<List<(int Step, int Count)>> CountAsync<T>(IQueryable<T> set, int fromDay, int toDay, bool daily, string? prefix, string? category,
        string? problem, long? enterpriseId, CancellationToken ct) where T : SourceRecord
    {
        var q = set.AsNoTracking().Where(r => r.Day >= fromDay && r.Day <= toDay);
        if (enterpriseId is { } id)
        {
            q = q.Where(r => r.EnterpriseId == id);
        }
        else
        {
            if (prefix is not null)
                q = q.Where(r => r.RegionCode.StartsWith(prefix));
            q = category is null ? q.Where(r => r.ProductCategory == null) : q.Where(r => r.ProductCategory == category);
            if (problem is not null)
                q = q.Where(r => r.Problem == problem);
        }
        var rows = daily
            ? await q.GroupBy(r => r.Day).Select(g => new { Step = g.Key, Count = g.Count() }).ToListAsync(ct)
            : await q.GroupBy(r => r.Day / 7).Select(g => new { Step = g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => (r.Step, r.Count)).ToList();
    }

    /// <summary>The chart as the JSON read by wwwroot/js/risk.js.</summary>
    public static string ChartJson(SeriesChart chart, Microsoft.Extensions.Localization.IStringLocalizer t, string title) =>
        JsonSerializer.Serialize(new
        {
            title,
            labels = chart.Labels,
            observed = chart.Observed,
            expected = chart.Expected,
            threshold = chart.Threshold,
            alarms = chart.Alarms,
            names = new
            {
                observed = t["Risk.Chart.Observed"].Value,
                expected = t["Risk.Chart.Expected"].Value,
                threshold = t["Risk.Chart.Threshold"].Value,
                alarm = t["Risk.Chart.Alarm"].Value,
            },
        }).Replace("</", "<\\/", StringComparison.Ordinal);

    /// <summary>Readable name of a series key: source · category · region · problem.</summary>
    public static string SeriesTitle(string seriesKey, Microsoft.Extensions.Localization.IStringLocalizer t)
    {
        var p = seriesKey.Split('|');
        if (p.Length < 5)
            return seriesKey;
        var parts = new List<string> { t.Label("Source", p[0]) };
        if (p[1] != "*")
            parts.Add(UiCulture.CategoryName(p[1]));
        parts.Add(p[2]);
        parts.Add(t.Label("Problem", p[3]));
        if (p.Length > 5)
            parts.Add(p[5]);
        return string.Join(" · ", parts);
    }
}
