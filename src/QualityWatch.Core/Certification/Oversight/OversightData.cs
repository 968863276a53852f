using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Findings;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Detection;

namespace QualityWatch.Core.Certification.Oversight;

/// <summary>The fields of a stored certificate the oversight rules read (the snapshot lacks applied-on, fee and region).</summary>
public sealed record CertificateFacts(
    long Id,
    string Number,
    string IssuerKey,
    CertificateScheme Scheme,
    string? Category,
    string HolderName,
    string? HolderCreditCode,
    long? HolderEnterpriseId,
    string? RegionCode,
    DateOnly? AppliedOn,
    DateOnly IssuedOn,
    DateOnly? ExpiresOn,
    decimal? Fee)
{
    /// <summary>The first suspension, withdrawal or revocation on or before the scan date, if any.</summary>
    public DateOnly? LapsedOn { get; set; }

    /// <summary>Holders are told apart by credit code; without one, by normalised name.</summary>
    public string HolderKey => HolderCreditCode is { Length: > 0 } c ? c.Trim().ToUpperInvariant() : Registry.Names.EnterpriseName.Normalise(HolderName);
}

/// <summary>Everything one oversight pass reads, loaded once: certificates issued up to the scan date with their lapses, body locations, credit listings.</summary>
public sealed class OversightData
{
    public required DateOnly AsOf { get; init; }
    public required CertificateRegistry Registry { get; init; }
    public required IReadOnlyList<CertificateFacts> Certificates { get; init; }
    public required IReadOnlyDictionary<string, BodyLocation> Locations { get; init; }
    /// <summary>Serious-dishonesty listings by credit code, with the row id for evidence.</summary>
    public required ILookup<string, (long Id, CreditListing Period)> Listings { get; init; }

    /// <summary>
    /// The certificates per-certificate rules judge: issued within the look-back window, or still in force on the scan
    /// date (a certificate issued irregularly years ago is a risk for as long as it can be shown to a buyer).
    /// </summary>
    public IEnumerable<CertificateFacts> Judged => Certificates.Where(c => c.IssuedOn.DayNumber > AsOf.DayNumber - LoadClaims.LookbackDays
        || (c.LapsedOn is null && (c.ExpiresOn is null || c.ExpiresOn >= AsOf)));

    public BodyLocation LocationOf(string bodyKey) => BodyLocations.Of(Locations, bodyKey);

    public string BodyNameZh(string bodyKey) => Registry.BodyById(bodyKey)?.NameZh ?? bodyKey;

    public string BodyNameEn(string bodyKey) => Registry.BodyById(bodyKey)?.NameEn ?? bodyKey;

    /// <summary>A finding about a body: grouped under the body, located where the body is.</summary>
    public Finding BodyFinding(string rule, string bodyKey, string? category, DateOnly day, double strength, int severity, string zh, string en,
        IEnumerable<RecordRef> evidence)
    {
        var at = LocationOf(bodyKey);
        return new Finding(rule, category, at.RegionCode, SubjectKeys.Body(bodyKey), at.EnterpriseId, day, strength, severity, zh, en)
        {
            Evidence = [.. evidence, FindingSignals.BodyRef(bodyKey)],
        };
    }

    public static async Task<OversightData> LoadAsync(QualityWatchDbContext db, CertificateRegistry registry, DateOnly asOf, CancellationToken ct)
    {
        var certificates = await db.Certificates.IgnoreQueryFilters().AsNoTracking().Where(c => c.IssuedOn <= asOf)
            .Select(c => new CertificateFacts(c.Id, c.Number, c.IssuerKey, c.Scheme, c.ProductCategory, c.HolderName, c.HolderCreditCode,
                c.HolderEnterpriseId, c.RegionCode, c.AppliedOn, c.IssuedOn, c.ExpiresOn, c.Fee))
            .ToListAsync(ct);
        var lapses = await db.CertificateEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Date <= asOf && (e.Kind == LifecycleEventKind.Suspended || e.Kind == LifecycleEventKind.Withdrawn || e.Kind == LifecycleEventKind.Revoked))
            .GroupBy(e => e.CertificateId).Select(g => new { Id = g.Key, First = g.Min(e => e.Date) })
            .ToDictionaryAsync(e => e.Id, e => e.First, ct);
        foreach (var c in certificates)
        {
            if (lapses.TryGetValue(c.Id, out var on))
                c.LapsedOn = on;
        }
        var listings = (await db.CreditListings.IgnoreQueryFilters().AsNoTracking().Where(l => l.Kind == CreditListKind.SeriousDishonesty).ToListAsync(ct))
            .Select(l => (l.Id, Period: l.ToSnapshot())).Where(l => l.Period is not null)
            .ToLookup(l => l.Period!.CreditCode.Trim().ToUpperInvariant(), l => (l.Id, l.Period!), StringComparer.Ordinal);
        return new OversightData
        {
            AsOf = asOf,
            Registry = registry,
            Certificates = certificates,
            Locations = await BodyLocations.LoadAsync(db, registry.Bodies, ct),
            Listings = listings,
        };
    }
}
