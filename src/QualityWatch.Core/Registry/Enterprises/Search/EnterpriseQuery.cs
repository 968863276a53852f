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
            q = Matching(q, f.Q.Trim());
        return q;
    }

    /// <summary>
    /// Credit-code prefixes use the unique index as a range; names use the bigram index and then confirm the
    /// substring on the normalised name, so 康洁医疗 finds 康潔醫療用品有限公司 as well.
    /// </summary>
    private IQueryable<Enterprise> Matching(IQueryable<Enterprise> q, string text)
    {
        var normalised = EnterpriseName.Normalise(text);
        if (normalised.Length == 0)
            normalised = text.ToUpperInvariant();
        var code = Identifiers.CreditCode.Normalise(text);
        var codeLike = code.Length >= 4 && code.Length <= 18 && code.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));
        var upper = code + "~"; // '~' sorts after every code character
        if (normalised.Length < 2)
        {
            return codeLike
                ? q.Where(e => (string.Compare(e.CreditCode, code) >= 0 && string.Compare(e.CreditCode, upper) < 0) || e.NormalizedName.Contains(normalised))
                : q.Where(e => e.NormalizedName.Contains(normalised));
        }
        // The first gram's postings drive the query; the others are point lookups in the (gram, id) key,
        // which stays cheap even when a gram is common. Four grams narrow enough; the substring test confirms.
        var grams = EnterpriseNameIndex.Grams(normalised).Take(4).ToArray();
        var g0 = grams[0];
        var byName = q.Where(e => db.EnterpriseNameGrams.Where(x => x.Gram == g0).Select(x => x.EnterpriseId).Contains(e.Id));
        foreach (var gram in grams.Skip(1))
        {
            var g = gram;
            byName = byName.Where(e => db.EnterpriseNameGrams.Any(x => x.Gram == g && x.EnterpriseId == e.Id));
        }
        byName = byName.Where(e => e.NormalizedName.Contains(normalised));
        if (!codeLike)
            return byName;
        return q.Where(e => string.Compare(e.CreditCode, code) >= 0 && string.Compare(e.CreditCode, upper) < 0).Union(byName);
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
