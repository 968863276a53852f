using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Names;

namespace QualityWatch.Core.Registry.Enterprises.Search;

/// <summary>Filters shared by list, count, search and export (all go through the DbContext's scope filters).</summary>
public sealed record EnterpriseFilter(string? Q = null, string? RegionCode = null, EnterpriseTypes? Type = null, EnterpriseStatus? Status = null);

public sealed record EnterpriseSummary(long Id, string Name, string CreditCode, string RegionCode, string[] Types, string Status, bool CreditCodeNeedsVerification);

public sealed class EnterpriseQuery(QualityWatchDbContext db)
{
    public IQueryable<Enterprise> Filtered(EnterpriseFilter f)
    {
        IQueryable<Enterprise> q = db.Enterprises.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.RegionCode))
        {
            var prefix = RegionCodes.ToPrefix(f.RegionCode);
            if (prefix is not null)
                q = q.Where(e => e.RegionCode.StartsWith(prefix));
        }
        if (f.Type is { } type and not EnterpriseTypes.None)
            q = q.Where(e => (e.Types & type) == type);
        if (f.Status is { } status)
            q = q.Where(e => e.Status == status);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim();
            var code = text.ToUpperInvariant();
            var normalised = EnterpriseName.Normalise(text);
            if (normalised.Length == 0)
                normalised = text;
            q = q.Where(e => e.CreditCode.StartsWith(code) || e.NormalizedName.Contains(normalised) || e.Name.Contains(text));
        }
        return q;
    }

    public async Task<Page<EnterpriseSummary>> ListAsync(EnterpriseFilter filter, int take, long after, CancellationToken ct = default)
    {
        var rows = await Filtered(filter).Where(e => e.Id > after).OrderBy(e => e.Id).Take(take + 1)
            .Select(e => new { e.Id, e.Name, e.CreditCode, e.RegionCode, e.Types, e.Status, e.CreditCodeStatus })
            .ToListAsync(ct);
        var items = rows.Select(e => new EnterpriseSummary(e.Id, e.Name, e.CreditCode, e.RegionCode,
            EnterpriseTypeNames.ToApi(e.Types), e.Status.ToString(), e.CreditCodeStatus != Identifiers.CreditCodeStatus.Valid)).ToList();
        return Cursor.ToPage(items, take, e => e.Id);
    }

    public Task<int> CountAsync(EnterpriseFilter filter, CancellationToken ct = default) => Filtered(filter).CountAsync(ct);

    public Task<Enterprise?> FindAsync(long id, CancellationToken ct = default) =>
        db.Enterprises.AsNoTracking().Include(e => e.Region).FirstOrDefaultAsync(e => e.Id == id, ct);
}
