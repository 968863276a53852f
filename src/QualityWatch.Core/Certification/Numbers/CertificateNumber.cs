namespace QualityWatch.Core.Certification.Numbers;

/// <summary>
/// Recognises certificate and body numbers in a number field or in pasted free text ("CE 2163",
/// "粤械注准20202140123", "NIOSH TC-84A-9372 N95"), and screens each against its scheme's format. A format check
/// only screens: the register lookup in the verifier is what decides.
/// </summary>
public static class CertificateNumber
{
    // Scanners run in priority order; a later hit overlapping an earlier one is dropped (the digits of an NMPA
    // number must not also be read as a CCC or LA number). Each has a cheap keyword test so a typical input runs
    // one or two regexes, not ten: verification throughput is dominated by this parse.
    private static readonly (Func<string, bool> Applies, Action<string, List<NumberHit>> Scan)[] Scanners =
    [
        (t => t.Contains('械') && t.Contains('注'), NmpaRegistrationNumber.Scan),
        (t => t.Contains('药'), NmpaPre2014Number.Scan),
        (t => t.Contains('械') && t.Contains('备'), NmpaFilingNumber.Scan),
        (t => t.Contains("TC", StringComparison.Ordinal), NioshNumber.Scan),
        (t => t.Contains("CNCA", StringComparison.Ordinal), CncaBodyNumber.Scan),
        (t => t.Contains("EUA", StringComparison.Ordinal) || t.Contains("EMERGENCY", StringComparison.Ordinal) || t.Contains("紧急", StringComparison.Ordinal), FdaEuaNumber.Scan),
        (t => t.Contains("EXAMINATION", StringComparison.Ordinal) || t.Contains("型式检验", StringComparison.Ordinal) || t.Contains("MODULE", StringComparison.Ordinal), FreeFormatNumber.ScanTypeExamination),
        (t => t.Contains("CE", StringComparison.Ordinal) || t.Contains("NB", StringComparison.Ordinal) || t.Contains("NOTIFIED", StringComparison.Ordinal) || t.Contains("公告机构", StringComparison.Ordinal), NotifiedBodyNumber.Scan),
        (t => t.Contains("CCC", StringComparison.Ordinal) || DigitRun(t) >= 16, CccNumber.Scan),
        (t => t.Contains('-'), LaMarkNumber.Scan),
    ];

    public static NumberParse Parse(string? raw, CertificateScheme? claimed = null)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new NumberParse(raw ?? string.Empty, [], [Problem.Critical("empty", "未提供证书编号", "no certificate number was given")]);
        }
        var folded = TextFolding.Fold(raw).Trim();
        var hits = new List<NumberHit>();
        foreach (var (applies, scan) in Scanners)
        {
            if (!applies(folded))
                continue;
            var before = hits.Count;
            scan(folded, hits);
            for (var i = hits.Count - 1; i >= before; i--)
            {
                if (Overlaps(hits, before, hits[i]))
                    hits.RemoveAt(i);
            }
        }

        var found = hits.OrderBy(h => h.Start).Select(h => h.Number).ToList();
        var singleToken = !folded.Contains(' ', StringComparison.Ordinal);
        if (claimed is { } c && IsFreeFormat(c) && singleToken && !found.Any(f => f.Scheme == c) && found.All(f => IsDigitShape(f.Kind)))
        {
            // A voluntary certificate or test report can happen to be all digits; the caller's scheme wins then.
            var kind = c == CertificateScheme.EuTypeExamination ? NumberKind.EuTypeExamination : NumberKind.FreeFormat;
            found = [FreeFormatNumber.Build(kind, folded, c)];
        }
        else if (found.Count == 0 && TextFolding.Compact(raw) is { Length: > 0 } compact && compact.All(char.IsAsciiDigit))
        {
            found.Add(compact.Length == 4 && claimed is null or CertificateScheme.EuTypeExamination or CertificateScheme.EuProductionQuality
                ? NotifiedBodyNumber.Build(compact, compact)
                : CccNumber.Build(compact, compact));
        }

        if (claimed is { } wanted)
        {
            // Stable sort: the claimed scheme's numbers first, otherwise input order.
            found = [.. found.OrderBy(f => f.Scheme == wanted ? 0 : 1)];
        }
        return new NumberParse(raw, found, TopLevelProblems(found, claimed));
    }

    /// <summary>
    /// The registry key of a certificate number: equal to <see cref="ParsedNumber.Normalised"/> of a well-formed number of
    /// that scheme, but computed without the free-text scanners so a million-certificate registry builds quickly.
    /// </summary>
    public static string Key(CertificateScheme scheme, string number) => scheme switch
    {
        CertificateScheme.NioshApproval => Parse(number, scheme).Found.FirstOrDefault(f => f.Kind == NumberKind.NioshApproval)?.Normalised
            ?? FreeFormatNumber.Key(number),
        _ => FreeFormatNumber.Key(number),
    };

    /// <summary>Schemes whose numbers have no national format, so any token can be one.</summary>
    public static bool IsFreeFormat(CertificateScheme s) =>
        s is CertificateScheme.VoluntaryProduct or CertificateScheme.TestReport or CertificateScheme.EuTypeExamination or CertificateScheme.EuProductionQuality;

    private static int DigitRun(string t)
    {
        int best = 0, run = 0;
        foreach (var ch in t)
        {
            run = char.IsAsciiDigit(ch) ? run + 1 : 0;
            best = Math.Max(best, run);
        }
        return best;
    }

    private static bool IsDigitShape(NumberKind k) => k is NumberKind.CccCertificate or NumberKind.LaMark or NumberKind.NotifiedBody;

    private static bool Overlaps(List<NumberHit> hits, int end, NumberHit h)
    {
        for (var i = 0; i < end; i++)
        {
            if (h.Start < hits[i].End && hits[i].Start < h.End)
                return true;
        }
        return false;
    }

    private static List<NumberProblem> TopLevelProblems(List<ParsedNumber> found, CertificateScheme? claimed)
    {
        var problems = new List<NumberProblem>();
        if (found.Count == 0)
        {
            problems.Add(Problem.Critical("unrecognised", "未识别出任何已知格式的证书或机构编号",
                "no certificate or body number of a known format was recognised"));
            return problems;
        }
        var primary = found.FirstOrDefault(f => !f.Kind.IsBodyIdentifier());
        if (claimed is { } c && primary?.Scheme is { } detected && detected != c)
        {
            problems.Add(Problem.Critical("scheme-mismatch", $"声称为{c.Zh()}，但编号格式属于{detected.Zh()}",
                $"claimed: {c.En()}; but the number has the format of: {detected.En()}"));
        }
        return problems;
    }
}
