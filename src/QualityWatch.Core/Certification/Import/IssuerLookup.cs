using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Seed;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Certification.Import;

/// <summary>
/// Finds the body a sheet names, by key (cnca:CNCA-R-2002-001, nb:1282, mpa:44), CNCA or notified-body number, name
/// or alias, over the stored bodies plus the seed bodies: the same lookup the verifier uses.
/// </summary>
internal sealed class IssuerLookup(CertificateRegistry bodies)
{
    public static async Task<IssuerLookup> LoadAsync(QualityWatchDbContext db, CancellationToken ct)
    {
        // Scopes and statuses do not matter for finding a body, so they are not loaded.
        var stored = await db.CertificationBodies.AsNoTracking().ToListAsync(ct);
        return new IssuerLookup(KnownBodies.Registry(bodies: stored.Select(b => b.ToSnapshot())));
    }

    public CertificationBody? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var t = text.Trim();
        return bodies.BodyById(t) ?? bodies.FindBody(t);
    }
}
