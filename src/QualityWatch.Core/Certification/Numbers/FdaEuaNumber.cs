using System.Text.RegularExpressions;

namespace QualityWatch.Core.Certification.Numbers;

/// <summary>
/// FDA EUA references. The respirator EUAs authorised models by listing them (Appendix A of the China EUA, Exhibit 1
/// of the imported-respirator EUA; identifiers.md §7), so a claim is recognised from an EUA number or from the words.
/// </summary>
internal static partial class FdaEuaNumber
{
    [GeneratedRegex(@"(?<![A-Z])EUA\s*-?\s*(?<n>\d{6})(?!\d)")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"EMERGENCY\s+USE\s+AUTHORI[SZ]ATION|紧急使用授权|(?<![A-Z])EUA(?![A-Z])")]
    private static partial Regex Words();

    public static void Scan(string text, List<NumberHit> hits)
    {
        var list = text.Contains("APPENDIX A", StringComparison.Ordinal) ? "Appendix A"
            : text.Contains("EXHIBIT 1", StringComparison.Ordinal) ? "Exhibit 1" : null;
        var any = false;
        foreach (Match m in Numbered().Matches(text))
        {
            any = true;
            var fields = new NumberFields { Serial = m.Groups["n"].Value, Authority = list };
            hits.Add(new(m.Index, m.Index + m.Length, new ParsedNumber(NumberKind.FdaEua, m.Value, "EUA" + m.Groups["n"].Value, fields, [])));
        }
        if (any || Words().Match(text) is not { Success: true } w)
            return;
        var listing = new ParsedNumber(NumberKind.FdaEua, w.Value, list is null ? "EUA" : "EUA " + list.ToUpperInvariant(), new NumberFields { Authority = list }, [
            Problem.Info("listing-only", "只提及紧急使用授权，未给出编号：须按授权清单（附录A/附件1）核对型号", "an EUA is named without a number: the model must be checked against the authorised list (Appendix A / Exhibit 1)"),
        ]);
        hits.Add(new(w.Index, w.Index + w.Length, listing));
    }
}
