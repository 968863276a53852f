namespace QualityWatch.Core.Certification.Numbers;

/// <summary>An identifier found at [Start, End) of the folded input.</summary>
internal readonly record struct NumberHit(int Start, int End, ParsedNumber Number);

internal static class Problem
{
    public static NumberProblem Critical(string code, string zh, string en) => new(code, Severity.Critical, zh, en);

    public static NumberProblem Warning(string code, string zh, string en) => new(code, Severity.Warning, zh, en);

    public static NumberProblem Info(string code, string zh, string en) => new(code, Severity.Info, zh, en);
}
