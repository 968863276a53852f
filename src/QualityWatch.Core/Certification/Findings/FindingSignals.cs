using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Core.Certification.Findings;

/// <summary>
/// Turns findings into the risk module's signal drafts. Findings about one subject, category and region in one week
/// share a series key and period, so they become one signal listing every rule and record; the signal is what the
/// 发现→研判→预警→处置 workflow groups and scores, and <see cref="StoreSignals"/> updates it in place on a re-scan.
/// </summary>
public static class FindingSignals
{
    /// <summary><see cref="RiskSignal.Source"/> of every certification signal.</summary>
    public const string Source = "certification";

    /// <summary>The risk taxonomy's problem for forged, misused and irregularly issued certificates (假冒伪造).</summary>
    public const string Problem = "counterfeit";

    /// <summary>Frequency of findings about single certificates or records (not a count series).</summary>
    public const string EventFrequency = "event";

    public const string WeeklyFrequency = "weekly";

    public const string MethodPrefix = "cert:";

    /// <summary>Each further finding in the same signal adds this much strength (capped at 100).</summary>
    public const double StrengthPerExtraFinding = 5;

    private const int NoteLength = 512;

    /// <summary>The evidence entry naming a certification body, so a body's report can find its signals.</summary>
    public static RecordRef BodyRef(string bodyKey) => new("body", SubjectKeys.Body(bodyKey));

    public static RecordRef CertificateRef(long certificateId) => new("certificate", certificateId);

    public static SeriesId SeriesOf(Finding f) => new(Source, f.Category, f.RegionCode, Problem, f.Frequency, f.SubjectKey);

    public static DateOnly WeekStart(DateOnly day) => DateOnly.FromDayNumber(day.DayNumber / 7 * 7);

    public static List<SignalDraft> ToDrafts(IEnumerable<Finding> findings)
    {
        var drafts = new List<SignalDraft>();
        foreach (var g in findings.GroupBy(f => (SeriesOf(f).Key, WeekStart(f.Day))).OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Item2))
        {
            var all = g.OrderByDescending(f => f.Strength).ThenBy(f => f.Rule, StringComparer.Ordinal).ToList();
            var top = all[0];
            var series = SeriesOf(top);
            var week = g.Key.Item2.DayNumber;
            var rules = all.Select(f => f.Rule).Distinct().ToList();
            // A count-series alarm keeps its own numbers; findings count themselves.
            var statistical = all.Count == 1 && top.Observed is not null;
            var method = statistical && top.Method is { } m ? $"{MethodPrefix}{top.Rule}({m})" : MethodPrefix + string.Join('+', rules);
            var draft = new SignalDraft(series, SignalKind.External, g.Key.Item2, week, week + 6,
                Observed: statistical ? top.Observed!.Value : all.Count,
                Expected: statistical ? top.Expected : null,
                Threshold: statistical ? top.Threshold : null,
                Method: Truncate(method, 64),
                Strength: Math.Min(100, top.Strength + (StrengthPerExtraFinding * (all.Count - 1))),
                EnterpriseId: top.EnterpriseId ?? all.Select(f => f.EnterpriseId).FirstOrDefault(e => e is not null),
                Note: Note(all))
            {
                Severity = all.Max(f => f.Severity),
                Vulnerable = all.Aggregate(VulnerableGroups.None, (v, f) => v | f.Vulnerable),
            };
            // Records first (what an officer opens), then certificates, products and bodies; each once, in a stable order.
            draft.Evidence.AddRange(all.SelectMany(f => f.Evidence).Distinct()
                .OrderBy(r => TypeOrder(r.Type)).ThenBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Id)
                .Take(Evidence.MaxRecords));
            drafts.Add(draft);
        }
        return drafts;
    }

    private static int TypeOrder(string type) => type switch
    {
        "complaint" or "inspection" or "case" or "opinion" => 0,
        "product" or "batch" => 1,
        "certificate" => 2,
        "credit-listing" => 3,
        _ => 4,
    };

    /// <summary>Chinese first, then English, each finding once; cut to the column's length.</summary>
    private static string Note(List<Finding> all)
    {
        var zh = string.Join("；", all.Select(f => f.NoteZh).Distinct());
        var en = string.Join("; ", all.Select(f => f.NoteEn).Distinct());
        return Truncate($"{zh} ({en})", NoteLength);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : string.Concat(s.AsSpan(0, max - 1), "…");
}
