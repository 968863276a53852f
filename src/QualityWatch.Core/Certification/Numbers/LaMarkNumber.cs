using System.Text.RegularExpressions;

namespace QualityWatch.Core.Certification.Numbers;

/// <summary>LA mark number xx-xx-xxxxxx, the first group being the 2-digit year of authorisation (identifiers.md §3.3, secondary).</summary>
internal static partial class LaMarkNumber
{
    [GeneratedRegex(@"(?<![\d-])(?<a>\d{2})\s?-\s?(?<b>\d{2})\s?-\s?(?<c>\d{6})(?![\d-])")]
    private static partial Regex Pattern();

    public static void Scan(string text, List<NumberHit> hits)
    {
        foreach (Match m in Pattern().Matches(text))
        {
            var yy = int.Parse(m.Groups["a"].ValueSpan);
            var fields = new NumberFields { Year = yy < 80 ? 2000 + yy : 1900 + yy, ProductCode = m.Groups["b"].Value, Serial = m.Groups["c"].Value };
            var normalised = $"{m.Groups["a"].Value}-{m.Groups["b"].Value}-{m.Groups["c"].Value}";
            hits.Add(new(m.Index, m.Index + m.Length, new ParsedNumber(NumberKind.LaMark, m.Value, normalised, fields, [])));
        }
    }
}
