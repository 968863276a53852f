using System.Text.RegularExpressions;

namespace QualityWatch.Core.Certification.Verification;

/// <summary>EU legislation references are written many ways ("(EU) 2016/425", "Regulation 2016/425", "EU 2016/425"); the number decides.</summary>
internal static partial class Legislation
{
    [GeneratedRegex(@"\d{2,4}/\d{1,4}")]
    private static partial Regex Core();

    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && Core().Match(a) is { Success: true } x && Core().Match(b) is { Success: true } y && x.Value == y.Value;

    public static bool IsPpe(string? l) => Same(l, PpeFacts.PpeRegulation) || Same(l, PpeFacts.PpeDirective);
}
