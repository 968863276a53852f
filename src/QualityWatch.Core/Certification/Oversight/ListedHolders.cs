using QualityWatch.Core.Certification.Findings;
using QualityWatch.Core.Risk.Detection;

namespace QualityWatch.Core.Certification.Oversight;

/// <summary>
/// Certificates issued to a holder while it was on the serious-dishonesty list (严重违法失信名单): joint punishment
/// restricts certification for listed entities, so the body should have refused or at least flagged the application.
/// An application made while listed counts too (where the body reports the application date), even when the
/// certificate was issued after the listing ended: that is the application joint punishment asks bodies to flag.
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
            var listings = data.Listings[c.HolderCreditCode!.Trim().ToUpperInvariant()];
            var listing = listings.FirstOrDefault(l => l.Period.ActiveOn(c.IssuedOn));
            var atApplication = false;
            if (listing.Period is null && c.AppliedOn is { } applied)
            {
                listing = listings.FirstOrDefault(l => l.Period.ActiveOn(applied));
                atApplication = true;
            }
            if (listing.Period is null)
                continue;
            var by = listing.Period.Authority is { Length: > 0 } a ? $"（{a}）" : "";
            var byEn = listing.Period.Authority is { Length: > 0 } b ? $" ({b})" : "";
            var (zh, en) = atApplication
                ? ($"{data.BodyNameZh(c.IssuerKey)} 受理严重违法失信名单主体 {c.HolderName}（{c.HolderCreditCode}，{listing.Period.ListedOn:yyyy-MM-dd} 列入{by}）于 {c.AppliedOn:yyyy-MM-dd} 在名单期间提出的申请，并于 {c.IssuedOn:yyyy-MM-dd} 颁发 {c.Number}",
                   $"{data.BodyNameEn(c.IssuerKey)} accepted the application of {c.HolderName} ({c.HolderCreditCode}) made on {c.AppliedOn:yyyy-MM-dd} while on the serious-dishonesty list (since {listing.Period.ListedOn:yyyy-MM-dd}{byEn}) and issued {c.Number} on {c.IssuedOn:yyyy-MM-dd}")
                : ($"{data.BodyNameZh(c.IssuerKey)} 于 {c.IssuedOn:yyyy-MM-dd} 向严重违法失信名单主体 {c.HolderName}（{c.HolderCreditCode}，{listing.Period.ListedOn:yyyy-MM-dd} 列入{by}）颁发 {c.Number}",
                   $"{data.BodyNameEn(c.IssuerKey)} issued {c.Number} on {c.IssuedOn:yyyy-MM-dd} to {c.HolderName} ({c.HolderCreditCode}), on the serious-dishonesty list since {listing.Period.ListedOn:yyyy-MM-dd}{byEn}");
            found.Add(data.BodyFinding(FindingRules.ListedHolder, c.IssuerKey, c.Category, c.IssuedOn, Strength, Severity, zh, en,
                [FindingSignals.CertificateRef(c.Id), new RecordRef("credit-listing", listing.Id)]));
        }
        return found;
    }
}
