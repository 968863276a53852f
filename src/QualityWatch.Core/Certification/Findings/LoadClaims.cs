using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Products;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Sources.Import;

namespace QualityWatch.Core.Certification.Findings;

/// <summary>
/// Collects the numbers in use: certificate identifiers the text analysis stored on each source record of the
/// look-back window (its Analysis JSON), and the registration numbers of registered products. The scan is national,
/// so region filters do not apply.
/// </summary>
public static class LoadClaims
{
    /// <summary>Records older than this are history: their numbers were judged when they were current.</summary>
    public const int LookbackDays = 365;

    /// <summary>
    /// Link methods trusted to name the enterprise that used a number. A fuzzy name match is a lead, not proof: a
    /// borrowed-certificate finding against the wrong company would be worse than none.
    /// </summary>
    public static readonly IReadOnlySet<string> ReliableLinks = new HashSet<string>(StringComparer.Ordinal) { "credit-code", "credit-code-corrected", "name", "alias" };

    private const EnterpriseTypes Traders = EnterpriseTypes.Distributor | EnterpriseTypes.Retailer | EnterpriseTypes.OnlineSeller | EnterpriseTypes.ImporterExporter;

    private sealed record RecordRow(long Id, string SourceId, int Day, string RegionCode, long? EnterpriseId, string? LinkMethod, string? ProductCategory,
        VulnerableGroups Vulnerable, string? Analysis);

    public static async Task<List<CertificateClaim>> FromRecordsAsync(QualityWatchDbContext db, DateOnly asOf, CancellationToken ct)
    {
        var to = asOf.DayNumber;
        var from = to - LookbackDays;
        var rows = new List<(string Kind, RecordRow Row)>();
        foreach (var schema in SourceSchema.All)
        {
            // The stored analysis names each identifier's kind; only records quoting a certificate-type number are read.
            var found = await schema.Query(db).IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.Day >= from && r.Day <= to && r.Analysis != null
                    && (r.Analysis.Contains("CccCertificate") || r.Analysis.Contains("MedicalDevice") || r.Analysis.Contains("NioshApproval") || r.Analysis.Contains("LaMark")))
                .Select(r => new RecordRow(r.Id, r.SourceId, r.Day, r.RegionCode, r.EnterpriseId, r.LinkMethod, r.ProductCategory, r.Vulnerable, r.Analysis))
                .ToListAsync(ct);
            rows.AddRange(found.Select(r => (schema.Kind, r)));
        }
        var users = await UsersAsync(db, rows.Where(r => r.Row.LinkMethod is { } m && ReliableLinks.Contains(m)).Select(r => r.Row.EnterpriseId), ct);
        var claims = new List<CertificateClaim>();
        foreach (var (kind, r) in rows)
        {
            var user = r.EnterpriseId is { } e && r.LinkMethod is { } m && ReliableLinks.Contains(m) ? users.GetValueOrDefault(e) : null;
            var day = DateOnly.FromDayNumber(r.Day);
            foreach (var (scheme, number) in Identifiers(r.Analysis))
            {
                claims.Add(new CertificateClaim(new RecordRef(kind, r.Id), number, scheme, day, day, r.RegionCode, r.ProductCategory, null, user, r.Vulnerable)
                {
                    Label = r.SourceId,
                });
            }
        }
        return claims;
    }

    /// <summary>
    /// Every product carrying a number of a recognised scheme. The product row claims the number from its registration
    /// on; its batches show it still being made under it, so a batch produced after the certificate lapsed is the use.
    /// </summary>
    public static async Task<List<CertificateClaim>> FromProductsAsync(QualityWatchDbContext db, DateOnly asOf, CancellationToken ct)
    {
        var products = await db.Products.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.RegistrationNumber != null && p.RegistrationNumber != "")
            .Select(p => new { p.Id, p.RegistrationNumber, p.ManufacturerId, p.RegionCode, p.Category, p.Model, p.Brand, p.IntendedUsers, p.CreatedAt })
            .ToListAsync(ct);
        var users = await UsersAsync(db, products.Select(p => (long?)p.ManufacturerId), ct);
        var batches = (await db.Batches.IgnoreQueryFilters().AsNoTracking()
                .Where(b => b.ProductionDate != null && b.ProductionDate <= asOf && b.Product!.RegistrationNumber != null)
                .Select(b => new { b.ProductId, b.Id, Date = b.ProductionDate!.Value }).ToListAsync(ct))
            .ToLookup(b => b.ProductId);
        var claims = new List<CertificateClaim>();
        foreach (var p in products)
        {
            if (CertificateNumber.Parse(p.RegistrationNumber).Primary is not { Scheme: { } scheme } number || number.Kind.IsBodyIdentifier())
                continue;
            var registered = SourceRecord.ChinaDate(p.CreatedAt);
            var seen = registered > asOf ? asOf : registered;
            var uses = batches[p.Id].OrderBy(b => b.Date).ThenBy(b => b.Id).Select(b => (b.Date, new RecordRef("batch", b.Id))).ToList();
            var vulnerable = (p.IntendedUsers.HasFlag(IntendedUsers.Children) ? VulnerableGroups.Children : VulnerableGroups.None)
                | (p.IntendedUsers.HasFlag(IntendedUsers.MedicalStaff) ? VulnerableGroups.MedicalStaff : VulnerableGroups.None);
            // The maker of a registered product is its producer whatever else it is registered as.
            var user = users.GetValueOrDefault(p.ManufacturerId) is { } u ? u with { TraderOnly = false } : null;
            claims.Add(new CertificateClaim(new RecordRef("product", p.Id), number.Normalised, scheme, uses.Count > 0 ? uses[^1].Date : seen, seen,
                p.RegionCode, p.Category, p.Model, user, vulnerable)
            {
                Label = $"{p.Brand} {p.Model}".Trim(),
                Uses = uses,
            });
        }
        return claims;
    }

    /// <summary>The certificate-type identifiers of a record's stored analysis, with the scheme each belongs to.</summary>
    public static IEnumerable<(CertificateScheme Scheme, string Number)> Identifiers(string? analysis)
    {
        if (string.IsNullOrWhiteSpace(analysis))
            return [];
        var found = new List<(CertificateScheme, string)>();
        try
        {
            using var doc = JsonDocument.Parse(analysis);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("identifiers", out var ids) || ids.ValueKind != JsonValueKind.Array)
                return [];
            foreach (var id in ids.EnumerateArray())
            {
                if (id.ValueKind != JsonValueKind.Object
                    || !id.TryGetProperty("kind", out var k) || k.ValueKind != JsonValueKind.String
                    || !id.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: > 0 } value)
                    continue;
                CertificateScheme? scheme = k.GetString() switch
                {
                    "CccCertificate" => CertificateScheme.Ccc,
                    "MedicalDeviceRegistration" => CertificateScheme.NmpaRegistration,
                    "MedicalDeviceFiling" => CertificateScheme.NmpaFiling,
                    "NioshApproval" => CertificateScheme.NioshApproval,
                    "LaMark" => CertificateScheme.LaMark,
                    _ => null,
                };
                if (scheme is { } s && !found.Contains((s, value)))
                    found.Add((s, value));
            }
        }
        catch (JsonException)
        {
            // An unreadable analysis quotes nothing; the record is analysed again on its next import.
        }
        return found;
    }

    private static async Task<Dictionary<long, ClaimUser>> UsersAsync(QualityWatchDbContext db, IEnumerable<long?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<long>().Distinct().ToList();
        var users = new Dictionary<long, ClaimUser>();
        foreach (var chunk in wanted.Chunk(1000))
        {
            var rows = await db.Enterprises.IgnoreQueryFilters().AsNoTracking().Where(e => chunk.Contains(e.Id))
                .Select(e => new { e.Id, e.Name, e.CreditCode, e.RegionCode, e.Types }).ToListAsync(ct);
            foreach (var e in rows)
            {
                var trader = (e.Types & Traders) != 0 && !e.Types.HasFlag(EnterpriseTypes.Producer);
                users[e.Id] = new ClaimUser(e.Id, e.Name, e.CreditCode, e.RegionCode, trader);
            }
        }
        return users;
    }
}
