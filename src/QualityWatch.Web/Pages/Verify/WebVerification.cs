using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Web.Pages.Verify;

/// <summary>One verified claim and whether the caller may see the full record behind it.</summary>
public sealed record VerifiedClaim(VerificationRequest Request, VerificationResult Result, CertificateRegistry Registry, bool Full)
{
    /// <summary>The result as JSON: <see cref="VerificationJson"/> for a full view, <see cref="PublicView"/> otherwise.</summary>
    public void Write(Utf8JsonWriter w)
    {
        if (Full)
            VerificationJson.Write(w, Result);
        else
            PublicView.Write(w, Result, Request, Registry);
    }

    public (string Zh, string En) Evidence(CheckResult check) =>
        Full ? (check.EvidenceZh, check.EvidenceEn) : PublicView.Evidence(check, Result, Request, Registry);
}

/// <summary>
/// Verification as the web answers it: the pure verifier against the in-memory registry, then one decision of what the
/// caller may see. The registry is national (verification is public), but the certificate's record is region-owned:
/// the full record goes to callers whose access scope finds it through the DbContext's query filters, the same rule
/// every list and detail follows; everyone else gets <see cref="PublicView"/>.
/// </summary>
public static class WebVerification
{
    public static async Task<VerifiedClaim> VerifyAsync(RegistrySnapshot snapshot, QualityWatchDbContext db, bool authenticated,
        VerificationRequest request, DateOnly asOf, CancellationToken ct)
    {
        var registry = await snapshot.GetAsync(ct);
        var result = CertificateVerifier.Verify(request, registry, asOf);
        var full = authenticated && (db.Scope.IsUnrestricted || (Id(result.Certificate) is { } id && await db.Certificates.AsNoTracking().AnyAsync(c => c.Id == id, ct)));
        return new VerifiedClaim(request, result, registry, full);
    }

    /// <summary>Many claims against one snapshot, with one visibility query for all the certificates found.</summary>
    public static async Task<IReadOnlyList<VerifiedClaim?>> VerifyManyAsync(RegistrySnapshot snapshot, QualityWatchDbContext db, bool authenticated,
        IReadOnlyList<(VerificationRequest Request, DateOnly AsOf)?> claims, CancellationToken ct)
    {
        var registry = await snapshot.GetAsync(ct);
        var results = claims.Select(c => c is { } x ? CertificateVerifier.Verify(x.Request, registry, x.AsOf) : null).ToList();
        var visible = authenticated && !db.Scope.IsUnrestricted
            ? await VisibleAsync(db, results.Select(r => Id(r?.Certificate)).OfType<long>(), ct)
            : [];
        return [.. results.Select((r, i) => r is null ? null : new VerifiedClaim(claims[i]!.Value.Request, r, registry,
            authenticated && (db.Scope.IsUnrestricted || (Id(r.Certificate) is { } id && visible.Contains(id)))))];
    }

    /// <summary>
    /// The batch spreadsheet's visibility rule for a staff caller, the same as <see cref="VerifyManyAsync"/>: null (full
    /// evidence on every row) for national staff, else the ids of the certificates the caller's region filter finds.
    /// </summary>
    public static Func<IReadOnlyCollection<Certificate>, CancellationToken, Task<IReadOnlySet<string>>>? SpreadsheetView(QualityWatchDbContext db) =>
        db.Scope.IsUnrestricted
            ? null
            : async (certificates, ct) =>
            {
                var visible = await VisibleAsync(db, certificates.Select(Id).OfType<long>(), ct);
                return visible.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
            };

    /// <summary>Which of the ids the caller's access scope finds through the DbContext's query filters.</summary>
    private static async Task<HashSet<long>> VisibleAsync(QualityWatchDbContext db, IEnumerable<long> ids, CancellationToken ct)
    {
        HashSet<long> visible = [];
        foreach (var chunk in ids.Distinct().Chunk(500))
            visible.UnionWith(await db.Certificates.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct));
        return visible;
    }

    private static long? Id(Certificate? c) =>
        c is not null && long.TryParse(c.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
