using System.Globalization;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Registry.Names;
using QualityWatch.Core.Risk.Detection;

namespace QualityWatch.Core.Certification.Findings;

/// <summary>
/// Resolves numbers in use against the registry snapshot with the verifier and turns its failed checks into
/// findings: a number the registry does not hold (forgery, only where the registry can be complete), a certificate
/// used by another enterprise than its holder (borrowed or traded), a product outside the certificate's scope, and a
/// certificate used after it was suspended, withdrawn, revoked or expired. Pure: no database; one instance per scan.
/// </summary>
public sealed class MisuseRules
{
    /// <summary>
    /// Schemes with a national register that lists every valid number, so a missing number means a forged one:
    /// CCC (CNCA), NMPA registrations (2014 format) and filings, NIOSH approvals. Voluntary certificates, EU
    /// certificates, test reports and LA marks have no complete register here, so a missing number proves nothing.
    /// </summary>
    public static readonly IReadOnlySet<CertificateScheme> ConclusiveSchemes = new HashSet<CertificateScheme>
    {
        CertificateScheme.Ccc, CertificateScheme.NmpaRegistration, CertificateScheme.NmpaFiling, CertificateScheme.NioshApproval,
    };

    private readonly CertificateRegistry registry;
    private readonly HashSet<string> covered;

    public MisuseRules(CertificateRegistry registry)
    {
        this.registry = registry;
        // A register counts as imported for an authority and year once one of its numbers is in the registry: a
        // Zhejiang filing number is not "forged" because only Guangdong's filings were imported.
        covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in registry.Certificates)
        {
            if (ConclusiveSchemes.Contains(c.Scheme) && Coverage(c.Scheme, CertificateNumber.Key(c.Scheme, c.Number)) is { } k)
                covered.Add(k);
        }
    }

    /// <summary>
    /// Which part of a register a number belongs to: issuing authority and year. CCC: year of first issue and body code
    /// (digits 1–4 and 5–6); NMPA: the authority before 械 (国, 粤, 粤深 …) and the year; NIOSH: the schedule. A register
    /// imported for some authorities or years says nothing about the others (an export of the registrations still in
    /// force lists no 2015 numbers). Null for numbers no register here can settle (pre-2014 NMPA format).
    /// </summary>
    public static string? Coverage(CertificateScheme scheme, string key)
    {
        switch (scheme)
        {
            case CertificateScheme.Ccc when key.Length == 16 && key.All(char.IsAsciiDigit):
                return $"ccc:{key[..4]}:{key[4..6]}";
            case CertificateScheme.NmpaRegistration when key.Contains("械注", StringComparison.Ordinal):
            case CertificateScheme.NmpaFiling when key.Contains("械备", StringComparison.Ordinal):
                var at = key.IndexOf('械', StringComparison.Ordinal);
                var digits = key.AsSpan(at).IndexOfAnyInRange('0', '9') is var d and >= 0 ? at + d : -1;
                return at > 0 && digits > 0 && digits + 4 <= key.Length && key.AsSpan(digits, 4).IndexOfAnyExceptInRange('0', '9') < 0
                    ? $"{scheme.Token()}:{key[..at]}:{key.Substring(digits, 4)}"
                    : null;
            case CertificateScheme.NioshApproval when key.StartsWith("TC-", StringComparison.Ordinal) && key.Split('-') is { Length: 3 } parts:
                return "niosh:" + parts[1];
            default:
                return null;
        }
    }

    public List<Finding> Evaluate(CertificateClaim claim)
    {
        var found = new List<Finding>();
        var parse = CertificateNumber.Parse(claim.Number, claim.Scheme);
        var primary = parse.Found.FirstOrDefault(f => f.Scheme == claim.Scheme && !f.Kind.IsBodyIdentifier());
        var key = primary?.Normalised ?? CertificateNumber.Key(claim.Scheme, claim.Number);
        var candidates = registry.FindByKey(key).Where(c => c.Scheme == claim.Scheme).ToList();
        var (whereZh, whereEn) = Where(claim);
        if (candidates.Count == 0)
        {
            if (ConclusiveSchemes.Contains(claim.Scheme) && Coverage(claim.Scheme, key) is { } k && covered.Contains(k))
            {
                var format = primary is { IsWellFormed: false } ? "，且编号格式不合规" : "";
                var formatEn = primary is { IsWellFormed: false } ? ", and the number is malformed" : "";
                found.Add(Make(claim, FindingRules.ForgedNumber, null, claim.SeenOn, 80, 3,
                    $"{whereZh}所用{claim.Scheme.Zh()}编号 {key} 不在登记库中{format}",
                    $"{whereEn} uses {claim.Scheme.En()} number {key}, which is not in the register{formatEn}"));
            }
            return found;
        }

        var request = new VerificationRequest
        {
            Number = key,
            ClaimedScheme = claim.Scheme,
            ClaimedProduct = claim.Category,
            Model = claim.Model,
            // A trader sells under its supplier's certificate; only a producer's own use can be borrowing.
            ClaimedHolderCreditCode = claim.User is { TraderOnly: false } u ? u.CreditCode : null,
        };
        var result = CertificateVerifier.Verify(request, registry, claim.UsedOn);
        if (result.Certificate is not { } cert)
            return found;
        foreach (var check in result.Checks.Where(c => !c.Passed))
        {
            switch (check.Id)
            {
                case CheckIds.StatusOnDate when check.Severity == Severity.Critical:
                    var status = cert.StatusOn(claim.UsedOn, out var cause);
                    // A product carries its current number; batches made before it was issued were made under an earlier one.
                    if (status == CertificateStatus.NotYetIssued && claim.Source.Type == "product")
                        break;
                    // Expiry by date has no event of its own: the cause is then an earlier one (issued, resumed).
                    var since = status == CertificateStatus.Expired && cause?.Kind != LifecycleEventKind.Expired && cert.ExpiresOn is { } expired
                        ? expired
                        : cause?.Date ?? cert.IssuedOn;
                    var (strength, severity) = status switch
                    {
                        CertificateStatus.Revoked or CertificateStatus.Withdrawn => (80, 3),
                        CertificateStatus.Suspended => (75, 3),
                        CertificateStatus.NotYetIssued => (60, 3),
                        _ => (55, 2),
                    };
                    // A product is in use through its batches: date the finding to the first one made after the lapse
                    // (stable while later batches follow), else to when the claim was recorded.
                    var firstUse = claim.Uses.Where(u => u.Date > since).OrderBy(u => u.Date).ThenBy(u => u.Ref.Id).FirstOrDefault();
                    var day = firstUse.Ref is null ? Min(Max(claim.SeenOn, since), claim.UsedOn) : firstUse.Date;
                    var misuse = Make(claim, FindingRules.StatusMisuse, cert, day, strength, severity,
                        $"{whereZh}（{claim.UsedOn:yyyy-MM-dd}）仍在使用 {cert.Number}：{check.EvidenceZh}",
                        $"{whereEn} ({claim.UsedOn:yyyy-MM-dd}) still uses {cert.Number}: {check.EvidenceEn}");
                    if (firstUse.Ref is { } batch)
                        misuse.Evidence.Add(batch);
                    found.Add(misuse);
                    break;
                case CheckIds.HolderMatches when check.Severity == Severity.Critical && claim.User is { } user && !NameMatches(user.Name, cert):
                    found.Add(Make(claim, FindingRules.HolderMismatch, cert, claim.SeenOn, 75, 3,
                        $"{whereZh}：{user.Name}（{user.CreditCode}）使用 {cert.Number}；{check.EvidenceZh}",
                        $"{whereEn}: {user.Name} ({user.CreditCode}) uses {cert.Number}; {check.EvidenceEn}"));
                    break;
                case CheckIds.ProductInScope:
                case CheckIds.SchemeFitsProduct when check.Severity == Severity.Critical:
                    var critical = check.Severity == Severity.Critical;
                    found.Add(Make(claim, FindingRules.OutOfScope, cert, claim.SeenOn, critical ? 70 : 55, critical ? 3 : 2,
                        $"{whereZh}使用 {cert.Number}：{check.EvidenceZh}",
                        $"{whereEn} uses {cert.Number}: {check.EvidenceEn}"));
                    break;
            }
        }
        // The product-scope and scheme-fit checks can both fail for one claim; one out-of-scope finding is enough.
        return [.. found.DistinctBy(f => f.Rule)];
    }

    private Finding Make(CertificateClaim claim, string rule, Certificate? cert, DateOnly day, double strength, int severity, string zh, string en)
    {
        var evidence = new List<RecordRef> { claim.Source };
        if (cert is not null)
        {
            if (long.TryParse(cert.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                evidence.Add(FindingSignals.CertificateRef(id));
            if (registry.BodyById(cert.IssuerBodyId) is not null)
                evidence.Add(FindingSignals.BodyRef(cert.IssuerBodyId));
        }
        return new Finding(rule, claim.Category ?? cert?.ProductCategory, claim.User?.RegionCode ?? claim.RegionCode, claim.User?.Id, claim.User?.Id, day,
            strength, severity, zh, en)
        {
            Evidence = evidence,
            Vulnerable = claim.Vulnerable,
        };
    }

    private static (string Zh, string En) Where(CertificateClaim claim)
    {
        var label = claim.Label is { Length: > 0 } l ? " " + l : "";
        return claim.Source.Type switch
        {
            "product" => ($"登记产品{label}", $"registered product{label}"),
            "opinion" => ($"舆情{label}", $"news item{label}"),
            var t => ($"{ProblemSeverity.SourceNameZh(t)}{label}", $"{t}{label}"),
        };
    }

    /// <summary>OEM production is legitimate: the user may be the certificate's manufacturer, factory or a private label.</summary>
    public static bool NameMatches(string name, Certificate cert)
    {
        var n = EnterpriseName.Normalise(name);
        if (n.Length == 0)
            return false;
        foreach (var candidate in cert.PrivateLabels.Append(cert.HolderName).Append(cert.Manufacturer).Append(cert.Factory))
        {
            var m = EnterpriseName.Normalise(candidate);
            if (m.Length > 0 && (m == n || (n.Length >= 4 && m.Contains(n, StringComparison.Ordinal)) || (m.Length >= 4 && n.Contains(m, StringComparison.Ordinal))))
                return true;
        }
        return false;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
