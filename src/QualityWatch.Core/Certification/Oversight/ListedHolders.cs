using QualityWatch.Core.Certification.Findings;
using QualityWatch.Core.Risk.Detection;

namespace QualityWatch.Core.Certification.Oversight;

/// <summary>
/// Certificates issued to a holder while it was on the serious-dishonesty list (严重违法失信名单): joint punishment
/// restricts certification for listed entities, so the body should have refused or at least flagged the application.
/// </summary>
public static class ListedHolders
{
    public const double Strength = 70;
    public const int Severity = 3;

    public static List<Finding> Find(OversightData data)
    {
        var found = new List<Finding>();
        foreach (var c in data.Judged.Where(c => c.HolderCreditCode is { Length: > 0 }).OrderBy(c => c.Id))
        {
            var listing = data.Listings[c.HolderCreditCode!.Trim().ToUpperInvariant()].FirstOrDefault(l => l.Period.ActiveOn(c.IssuedOn));
            if (listing.Period is null)
                continue;
            var by = listing.Period.Authority is { Length: > 0 } a ? $"（{a}）" : "";
            var byEn = listing.Period.Authority is { Length: > 0 } b ? $" ({b})" : "";
            found.Add(data.BodyFinding(FindingRules.ListedHolder, c.IssuerKey, c.Category, c.IssuedOn, Strength, Severity,
                $"{data.BodyNameZh(c.IssuerKey)} 于 {c.IssuedOn:yyyy-MM-dd} 向严重违法失信名单主体 {c.HolderName}（{c.HolderCreditCode}，{listing.Period.ListedOn:yyyy-MM-dd} 列入{by}）颁发 {c.Number}",
                $"{data.BodyNameEn(c.IssuerKey)} issued {c.Number} on {c.IssuedOn:yyyy-MM-dd} to {c.HolderName} ({c.HolderCreditCode}), on the serious-dishonesty list since {listing.Period.ListedOn:yyyy-MM-dd}{byEn}",
                [FindingSignals.CertificateRef(c.Id), new RecordRef("credit-listing", listing.Id)]));
        }
        return found;
    }
}
