using QualityWatch.Core.Certification.Findings;

namespace QualityWatch.Core.Certification.Oversight;

/// <summary>
/// Certificates issued implausibly soon after the application: type testing, a factory inspection or a technical
/// review cannot have happened in that time (or the application date was written after the fact). Thresholds are
/// calendar days per scheme (docs/certification-analytics.md explains each); schemes without a review (Class I
/// filings, EUA listings, test reports) have none.
/// </summary>
public static class ShortIssueTime
{
    public static readonly IReadOnlyDictionary<CertificateScheme, int> MinimumDays = new Dictionary<CertificateScheme, int>
    {
        // Type test plus initial factory inspection.
        [CertificateScheme.Ccc] = 14,
        // GB 2626 / GB 19083 / YY 0469 type testing alone takes about a week (conditioning, filtration, resistance), plus the factory inspection.
        [CertificateScheme.VoluntaryProduct] = 10,
        // Technical review: 60 working days (Class II) / 90 (Class III); even the 2020 emergency procedure took weeks.
        [CertificateScheme.NmpaRegistration] = 30,
        // EN 149 / EN 14683 testing takes one to two weeks.
        [CertificateScheme.EuTypeExamination] = 14,
        // Module C2/D needs a quality-system audit on site.
        [CertificateScheme.EuProductionQuality] = 14,
        // NIOSH testing and quality-assurance review take months.
        [CertificateScheme.NioshApproval] = 30,
        [CertificateScheme.LaMark] = 14,
    };

    public const int Severity = 2;

    public static List<Finding> Find(OversightData data)
    {
        var found = new List<Finding>();
        foreach (var c in data.Judged.Where(c => c.AppliedOn is not null).OrderBy(c => c.Id))
        {
            if (!MinimumDays.TryGetValue(c.Scheme, out var minimum))
                continue;
            var days = c.IssuedOn.DayNumber - c.AppliedOn!.Value.DayNumber;
            if (days >= minimum)
                continue;
            // 55 just under the threshold, 85 for same-day issue; issuing before the application is at least as bad.
            var strength = 55 + (30.0 * (minimum - Math.Max(days, 0)) / minimum);
            var (zh, en) = days < 0
                ? ($"{c.Number} 的发证日 {c.IssuedOn:yyyy-MM-dd} 早于申请日 {c.AppliedOn:yyyy-MM-dd}", $"{c.Number} was issued on {c.IssuedOn:yyyy-MM-dd}, before its application on {c.AppliedOn:yyyy-MM-dd}")
                : ($"{c.Number} 从申请（{c.AppliedOn:yyyy-MM-dd}）到发证（{c.IssuedOn:yyyy-MM-dd}）仅 {days} 天，低于{c.Scheme.Zh()}的 {minimum} 天下限",
                    $"{c.Number} took {days} days from application ({c.AppliedOn:yyyy-MM-dd}) to issue ({c.IssuedOn:yyyy-MM-dd}), under the {minimum}-day minimum for {c.Scheme.En()}");
            found.Add(data.BodyFinding(FindingRules.ShortIssueTime, c.IssuerKey, c.Category, c.IssuedOn, strength, Severity,
                $"{data.BodyNameZh(c.IssuerKey)}：{zh}", $"{data.BodyNameEn(c.IssuerKey)}: {en}", [FindingSignals.CertificateRef(c.Id)]));
        }
        return found;
    }
}
