using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Verification.Checks;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Certification.Verification;

/// <summary>
/// Verifies a certificate claim against a registry snapshot: recognises the number, resolves the certificate and
/// issuer, runs every applicable check and derives the verdict (<see cref="VerdictRules"/>). Pure and thread-safe.
/// </summary>
public static class CertificateVerifier
{
    /// <summary>The checks in the order they run and appear in the result.</summary>
    public static IReadOnlyList<IVerificationCheck> Checks { get; } =
    [
        new FormatCheck(),
        new CheckDigitCheck(),
        new InRegistryCheck(),
        new IssuerExistsCheck(),
        new IssuerScopeCheck(),
        new MarkedBodyScopeCheck(),
        new StatusOnDateCheck(),
        new EuaInForceCheck(),
        new HolderMatchesCheck(),
        new ProductInScopeCheck(),
        new SchemeFitsProductCheck(),
        new NioshMarkingCheck(),
        new DocumentTitleCheck(),
        new MisleadingIssuerCheck(),
        new HolderCreditListCheck(),
    ];

    public static VerificationResult Verify(VerificationRequest req, CertificateRegistry reg, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(reg);
        var c = Resolve(req, reg, asOf);
        foreach (var check in Checks)
            check.Run(c);
        return new VerificationResult
        {
            Verdict = VerdictRules.Decide(c.Results, c.Certificate),
            Checks = c.Results,
            Certificate = c.Certificate,
            CertificateStatus = c.Certificate?.StatusOn(asOf),
            Issuer = c.Issuer,
            Parse = c.Parse,
            AsOf = asOf,
        };
    }

    private static VerificationContext Resolve(VerificationRequest req, CertificateRegistry reg, DateOnly asOf)
    {
        var parse = CertificateNumber.Parse(req.Number ?? req.FreeText, req.ClaimedScheme);
        var number = parse.Primary is { } p && !p.Kind.IsBodyIdentifier() ? p : null;
        // The CE number may sit in the pasted text or on the label while the certificate number is typed separately.
        var marked = parse.Body
            ?? (req.Number is not null && req.FreeText is not null ? CertificateNumber.Parse(req.FreeText).Body : null)
            ?? (req.Markings is not null ? CertificateNumber.Parse(req.Markings).Body : null);
        var scheme = req.ClaimedScheme ?? number?.Scheme ?? (marked?.Kind == NumberKind.NotifiedBody ? CertificateScheme.EuTypeExamination : null);

        var claimedCode = req.ClaimedHolderCreditCode is { } cc ? CreditCode.Normalise(cc) : null;
        var candidates = Candidates(reg, number, marked, scheme, claimedCode, req.ClaimedIssuer);
        var chosen = Choose(candidates, claimedCode, asOf);

        CertificationBody? issuer = null;
        string? source = null;
        if (chosen is not null)
            (issuer, source) = (reg.BodyById(chosen.IssuerBodyId), "certificate");
        else if (reg.FindBody(req.ClaimedIssuer) is { } claimedBody)
            (issuer, source) = (claimedBody, "claimed");
        else if (marked is not null && reg.BodyByNumber(marked.Normalised) is { } markedBody)
            (issuer, source) = (markedBody, "marked");

        var claimed = ClaimedProduct.Resolve(req.ClaimedProduct, Join(req.FreeText, req.Markings));
        var product = claimed ?? ClaimedProduct.FromCategory(chosen?.ProductCategory);
        return new VerificationContext(req, reg, asOf)
        {
            Parse = parse,
            Number = number,
            Scheme = scheme,
            Certificate = chosen,
            OtherCandidates = [.. candidates.Where(x => !ReferenceEquals(x, chosen))],
            Issuer = issuer,
            IssuerSource = source,
            MarkedBodyNumber = marked,
            MarkedBody = marked is null ? null : reg.BodyByNumber(marked.Normalised),
            Product = product,
            ProductClaimed = claimed is not null,
            ClaimText = TextFolding.Fold(Join(req.Number, req.FreeText, req.Markings, req.ClaimedProduct, req.ClaimedIssuer, req.Model)),
        };
    }

    private static IReadOnlyList<Certificate> Candidates(CertificateRegistry reg, ParsedNumber? number, ParsedNumber? marked, CertificateScheme? scheme, string? holder, string? claimedIssuer)
    {
        if (number is not null)
        {
            var found = reg.FindByKey(number.Normalised);
            return found.Count == 0 || scheme is null ? found : [.. found.Where(x => x.Scheme == scheme || (x.Scheme.IsEu() && scheme.Value.IsEu()))];
        }
        // Only a body number (e.g. "CE 2163") and a holder: the holder's certificates from that body are the candidates.
        var body = marked is not null ? reg.BodyByNumber(marked.Normalised) : reg.FindBody(claimedIssuer);
        if (body is null || holder is null)
            return [];
        return [.. reg.ByHolderCreditCode(holder).Where(x => x.IssuerBodyId == body.Id && (scheme is null || x.Scheme == scheme || (x.Scheme.IsEu() && scheme.Value.IsEu())))];
    }

    /// <summary>Several records share a number after renewals: prefer the claimed holder's, then one valid on the date, then the newest.</summary>
    private static Certificate? Choose(IReadOnlyList<Certificate> candidates, string? holder, DateOnly asOf)
    {
        if (candidates.Count <= 1)
            return candidates.Count == 1 ? candidates[0] : null;
        return candidates
            .OrderBy(x => holder is not null && x.HolderCreditCode is not null && CreditCode.Normalise(x.HolderCreditCode) == holder ? 0 : 1)
            .ThenBy(x => x.StatusOn(asOf) == CertificateStatus.Valid ? 0 : 1)
            .ThenByDescending(x => x.IssuedOn)
            .First();
    }

    private static string Join(params ReadOnlySpan<string?> parts)
    {
        var list = new List<string>(parts.Length);
        foreach (var s in parts)
        {
            if (!string.IsNullOrWhiteSpace(s))
                list.Add(s);
        }
        return string.Join(" ", list);
    }
}
