using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Web.Pages.Verify;

namespace QualityWatch.Web.Pages.Certificates;

/// <summary>The filters of the staff certificate list, as typed (page) or passed (API query string).</summary>
public sealed record CertificateFilter(
    string? Number = null, string? Holder = null, string? Issuer = null, string? Status = null,
    string? Scheme = null, string? Category = null, string? Region = null);

/// <summary>One row of the list and of the CSV export.</summary>
public sealed record CertificateSummary(
    long Id, string Scheme, string Number, string IssuerKey, string? IssuerNameZh, string? IssuerNameEn,
    string HolderName, string? HolderCreditCode, string? RegionCode, string? ProductCategory,
    DateOnly IssuedOn, DateOnly? ExpiresOn, string Status);

/// <summary>
/// The staff certificate list behind GET /api/v1/certificates, /certificates and its CSV export. Region scoping is not
/// done here: the DbContext's query filter on <see cref="CertificateRecord"/> already limits every query to the
/// caller's region (foreign holders: national staff only).
/// </summary>
public static class CertificateList
{
    public static readonly string[] Statuses = ["valid", "suspended", "withdrawn", "revoked", "expired"];

    /// <summary>Errors keyed by filter name; empty when every filter is usable.</summary>
    public static Dictionary<string, string[]> Validate(CertificateFilter f)
    {
        var errors = new Dictionary<string, string[]>();
        if (VerifyClaim.Clean(f.Status) is { } s && !Statuses.Contains(s.ToLowerInvariant()))
            errors["status"] = [$"未知的状态 “{s}” (status must be one of {string.Join(", ", Statuses)})"];
        if (VerifyClaim.Clean(f.Scheme) is { } scheme && VerifyClaim.ParseScheme(scheme) is null)
            errors["scheme"] = [$"未知的认证类别 “{scheme}” (scheme must be one of {VerifyClaim.SchemeTokens})"];
        if (VerifyClaim.Clean(f.Region) is { } r && !RegionCodes.IsWellFormed(r))
            errors["region"] = ["地区代码应为 2、4 或 6 位 GB/T 2260 代码 (region must be a 2, 4 or 6 digit GB/T 2260 code)"];
        return errors;
    }

    /// <summary>Applies the (validated) filters; <paramref name="today"/> decides which valid certificates have expired.</summary>
    public static IQueryable<CertificateRecord> Apply(IQueryable<CertificateRecord> q, CertificateFilter f, CertificateRegistry registry, DateOnly today)
    {
        if (VerifyClaim.Clean(f.Number) is { } number)
        {
            // The key a number is stored under depends on its scheme; the parsed form covers typed variants (全角, spaces).
            var keys = new HashSet<string>(StringComparer.Ordinal)
            {
                CertificateNumber.Key(CertificateScheme.Ccc, number),
                CertificateNumber.Key(CertificateScheme.NioshApproval, number),
            };
            if (CertificateNumber.Parse(number).Primary is { } parsed)
                keys.Add(parsed.Normalised);
            var list = keys.ToList();
            q = q.Where(c => list.Contains(c.NumberKey) || c.Number == number);
        }
        if (VerifyClaim.Clean(f.Holder) is { } holder)
        {
            if (CreditCode.Check(holder).Status == CreditCodeStatus.Valid)
            {
                var code = CreditCode.Normalise(holder);
                q = q.Where(c => c.HolderCreditCode == code);
            }
            else
            {
                q = q.Where(c => c.HolderName.Contains(holder));
            }
        }
        if (VerifyClaim.Clean(f.Issuer) is { } issuer)
        {
            var key = registry.FindBody(issuer)?.Id ?? issuer;
            q = q.Where(c => c.IssuerKey == key);
        }
        if (VerifyClaim.ParseScheme(f.Scheme) is { } scheme)
            q = q.Where(c => c.Scheme == scheme);
        if (VerifyClaim.Clean(f.Category) is { } category)
            q = q.Where(c => c.ProductCategory == category);
        if (VerifyClaim.Clean(f.Region) is { } region && RegionCodes.ToPrefix(region) is { } prefix)
            q = q.Where(c => c.RegionCode != null && c.RegionCode.StartsWith(prefix));
        // Status on the record comes from lifecycle events; expiry is applied here, as it is on read.
        q = VerifyClaim.Clean(f.Status)?.ToLowerInvariant() switch
        {
            "valid" => q.Where(c => c.Status == CertificateStatus.Valid && (c.ExpiresOn == null || c.ExpiresOn >= today)),
            "expired" => q.Where(c => c.Status == CertificateStatus.Expired || (c.Status == CertificateStatus.Valid && c.ExpiresOn != null && c.ExpiresOn < today)),
            "suspended" => q.Where(c => c.Status == CertificateStatus.Suspended),
            "withdrawn" => q.Where(c => c.Status == CertificateStatus.Withdrawn),
            "revoked" => q.Where(c => c.Status == CertificateStatus.Revoked),
            _ => q,
        };
        return q;
    }

    /// <summary>A keyset page, newest first.</summary>
    public static async Task<Page<CertificateSummary>> PageAsync(IQueryable<CertificateRecord> filtered, CertificateRegistry registry, DateOnly today,
        int take, long before, CancellationToken ct)
    {
        if (before > 0)
            filtered = filtered.Where(c => c.Id < before);
        var rows = await filtered.AsNoTracking().OrderByDescending(c => c.Id).Take(take + 1).ToListAsync(ct);
        var page = Cursor.ToPage(rows, take, c => c.Id);
        return new Page<CertificateSummary>([.. page.Items.Select(c => Summary(c, registry, today))], page.NextCursor);
    }

    public static CertificateSummary Summary(CertificateRecord c, CertificateRegistry registry, DateOnly today)
    {
        var body = registry.BodyById(c.IssuerKey);
        return new CertificateSummary(c.Id, c.Scheme.Token(), c.Number, c.IssuerKey, body?.NameZh, body?.NameEn,
            c.HolderName, c.HolderCreditCode, c.RegionCode, c.ProductCategory, c.IssuedOn, c.ExpiresOn, StatusToken(c, today));
    }

    /// <summary>The record's status on <paramref name="today"/>: its lifecycle status, expired past the expiry date.</summary>
    public static string StatusToken(CertificateRecord c, DateOnly today) =>
        PublicView.StatusToken(c.Status == CertificateStatus.Valid && c.ExpiresOn is { } e && e < today ? CertificateStatus.Expired
            : c.Status == CertificateStatus.Valid && c.IssuedOn > today ? CertificateStatus.NotYetIssued
            : c.Status);
}
