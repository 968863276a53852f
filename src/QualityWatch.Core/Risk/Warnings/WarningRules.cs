using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Core.Risk.Warnings;

/// <summary>One line of a score's explanation.</summary>
public sealed record ScoreContribution(string Label, double Value, long? SignalId = null);

/// <summary>A fused risk score with the contributions that make it up.</summary>
public sealed record RiskScore(double Value, int Severity, IReadOnlyList<ScoreContribution> Contributions);

/// <summary>
/// The documented rules (docs/risk.md) that fuse signals into a score and a level. They are code, not
/// configuration, because a level is a legal statement and must be reproducible from the version that issued it.
/// </summary>
public static class WarningRules
{
    public const double CorroborationPerSource = 10;
    public const double ChildrenBoost = 1.3;
    public const double MedicalStaffBoost = 1.2;

    /// <summary>
    /// Score = (strongest signal + 10 per further source type) × severity factor × vulnerable-user boosts, capped at 100.
    /// Severity factor: 0.55 + 0.15 × severity (1 → 0.70, 4 → 1.15).
    /// </summary>
    public static RiskScore Score(IReadOnlyList<RiskSignal> signals)
    {
        if (signals.Count == 0)
            return new RiskScore(0, 1, []);
        var parts = new List<ScoreContribution>();
        var strongest = signals.MaxBy(s => s.Strength)!;
        parts.Add(new ScoreContribution($"最强信号 strongest signal: {ProblemSeverity.SourceNameZh(strongest.Source)} {strongest.Method}", strongest.Strength, strongest.Id));
        var value = strongest.Strength;
        var sources = signals.Select(s => s.Source).Distinct().ToList();
        if (sources.Count > 1)
        {
            var add = CorroborationPerSource * (sources.Count - 1);
            parts.Add(new ScoreContribution($"多源印证 corroboration: {string.Join("、", sources.Select(ProblemSeverity.SourceNameZh))}", add));
            value += add;
        }
        var severity = signals.Max(s => s.Severity);
        var factor = 0.55 + (0.15 * severity);
        parts.Add(new ScoreContribution($"严重程度 severity {severity} × {factor:0.00}", (value * factor) - value));
        value *= factor;
        var vulnerable = signals.Aggregate(VulnerableGroups.None, (v, s) => v | s.Vulnerable);
        if (vulnerable.HasFlag(VulnerableGroups.Children))
        {
            parts.Add(new ScoreContribution($"儿童用品 children × {ChildrenBoost}", (value * ChildrenBoost) - value));
            value *= ChildrenBoost;
        }
        if (vulnerable.HasFlag(VulnerableGroups.MedicalStaff))
        {
            parts.Add(new ScoreContribution($"医护人员用品 medical staff × {MedicalStaffBoost}", (value * MedicalStaffBoost) - value));
            value *= MedicalStaffBoost;
        }
        if (value > 100)
        {
            parts.Add(new ScoreContribution("上限 cap 100", 100 - value));
            value = 100;
        }
        return new RiskScore(Math.Round(value, 1), severity, parts);
    }

    /// <summary>
    /// Whether a group's signals justify a candidate warning: a safety or fraud problem (severity ≥ 3), or a score at
    /// yellow level. Lesser signals stay on the dashboard without asking an officer for a judgement; "other"
    /// (no recognised quality problem) never does.
    /// </summary>
    public static bool RaisesWarning(RiskScore score, string? problem) =>
        problem != "other" && (score.Severity >= 3 || score.Value >= 55);

    /// <summary>红 ≥ 85 and severity 4; 橙 ≥ 70 and severity ≥ 3; 黄 ≥ 55; otherwise 蓝.</summary>
    public static WarningLevel Level(double score, int severity) => score switch
    {
        >= 85 when severity >= 4 => WarningLevel.Red,
        >= 70 when severity >= 3 => WarningLevel.Orange,
        >= 55 => WarningLevel.Yellow,
        _ => WarningLevel.Blue,
    };

    /// <summary>States in which a warning still asks something of an officer (and collects new signals).</summary>
    public static readonly WarningState[] OpenStates = [WarningState.Detected, WarningState.Assessing, WarningState.Warned, WarningState.Disposing];

    public static bool IsOpen(WarningState state) => state is not (WarningState.Closed or WarningState.Dismissed);

    public static string NameZh(WarningLevel level) => level switch
    {
        WarningLevel.Red => "红色（Ⅰ级）",
        WarningLevel.Orange => "橙色（Ⅱ级）",
        WarningLevel.Yellow => "黄色（Ⅲ级）",
        _ => "蓝色（Ⅳ级）",
    };

    public static string StateZh(WarningState state) => state switch
    {
        WarningState.Detected => "发现",
        WarningState.Assessing => "研判",
        WarningState.Warned => "预警",
        WarningState.Disposing => "处置",
        WarningState.Closed => "办结",
        _ => "已排除",
    };

    /// <summary>Signals are grouped per enterprise (convergence) or per category × problem × province.</summary>
    public static string GroupKey(RiskSignal s) => s.EnterpriseId is { } e
        ? $"enterprise|{e}"
        : $"{s.ProductCategory ?? "*"}|{s.Problem ?? "*"}|{s.RegionCode[..2]}";
}
