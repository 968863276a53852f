using System.Text.RegularExpressions;

namespace QualityWatch.Core.Certification.Numbers;

/// <summary>
/// Numbers with no national format (EU type-examination certificates, voluntary certificates, test reports): the
/// number is taken as written and only its issuer prefix is read, because that is what ties it to a body.
/// </summary>
internal static partial class FreeFormatNumber
{
    [GeneratedRegex(@"(?:TYPE[\s-]*EXAMINATION|型式检验|MODULE\s*B)")]
    private static partial Regex TypeExaminationKeyword();

    [GeneratedRegex(@"(?:CERTIFICATE|证书)\s*(?:NO\.?|NUMBER|N°|编号|号)\s*[:：#]?\s*(?<n>[A-Z0-9][A-Z0-9./\-]{3,39})")]
    private static partial Regex CertificateNumberLabel();

    [GeneratedRegex(@"^(?:(?<nb>\d{4})(?=$|[^0-9])|(?<p>[A-Z]{2,10})(?=$|[^A-Z]))")]
    private static partial Regex Prefix();

    public static void ScanTypeExamination(string text, List<NumberHit> hits)
    {
        if (!TypeExaminationKeyword().IsMatch(text))
            return;
        foreach (Match m in CertificateNumberLabel().Matches(text))
        {
            var g = m.Groups["n"];
            hits.Add(new(g.Index, g.Index + g.Length, Build(NumberKind.EuTypeExamination, g.Value, CertificateScheme.EuTypeExamination)));
        }
    }

    /// <summary>Spaces dropped and trailing punctuation trimmed: the registry key of a number without a national format.</summary>
    public static string Key(string token) => TextFolding.Compact(token).TrimEnd('.', ',', ';', ':', '。', '，');

    public static ParsedNumber Build(NumberKind kind, string token, CertificateScheme scheme)
    {
        var normalised = Key(token);
        var problems = new List<NumberProblem>();
        var m = Prefix().Match(normalised);
        var fields = new NumberFields
        {
            NotifiedBody = m.Groups["nb"].Success ? m.Groups["nb"].Value : null,
            IssuerPrefix = m.Success ? m.Value : null,
        };
        if (!m.Success && kind == NumberKind.EuTypeExamination)
        {
            problems.Add(Problem.Info("no-issuer-prefix", "编号没有可识别的发证机构前缀，只能按登记库核对",
                "the number carries no recognisable issuer prefix; only the register can tie it to a body"));
        }
        return new ParsedNumber(kind, token, normalised, fields, problems) { Scheme = scheme };
    }
}
