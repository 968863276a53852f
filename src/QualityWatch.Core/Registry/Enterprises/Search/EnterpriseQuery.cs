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
    public async Task<IQueryable<Enterprise>> FilteredAsync(EnterpriseFilter f, CancellationToken ct = default)
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
            q = await MatchingAsync(q, f.Q.Trim(), ct);
        return q;
    }

    /// <summary>
    /// Credit-code prefixes use the unique index as a range; names use the bigram index and then confirm the
    /// substring on the normalised name, so 康洁医疗 finds 康潔醫療用品有限公司 as well.
    /// </summary>
    private async Task<IQueryable<Enterprise>> MatchingAsync(IQueryable<Enterprise> q, string text, CancellationToken ct)
    {
        var normalised = EnterpriseName.Normalise(text);
        if (normalised.Length == 0)
            normalised = text.ToUpperInvariant();
        var code = Identifiers.CreditCode.Normalise(text);
        var codeLike = code.Length >= 4 && code.Length <= 18 && code.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));
        var upper = code + "~"; // '~' sorts after every code character
        // Six or more code characters with a digit are a credit code being typed, not a name: searching names for
        // them would only walk the huge postings of digit pairs.
        if (codeLike && code.Length >= 6 && code.Any(char.IsAsciiDigit))
            return q.Where(e => string.Compare(e.CreditCode, code) >= 0 && string.Compare(e.CreditCode, upper) < 0);
        if (normalised.Length < 2)
        {
            return codeLike
                ? q.Where(e => (string.Compare(e.CreditCode, code) >= 0 && string.Compare(e.CreditCode, upper) < 0) || e.NormalizedName.Contains(normalised))
                : q.Where(e => e.NormalizedName.Contains(normalised));
        }
        // The rarest gram's postings drive the query; the others are point lookups in the (gram, id) key.
        // Postings are counted only up to a cap: finding a rare gram (康洁) is what matters, and counting a
        // common one (用品, in every tenth name) in full would cost more than the search. Four grams narrow
        // enough; the substring test confirms.
        const int cap = 500;
        var candidates = EnterpriseNameIndex.Grams(normalised).Take(12).ToArray();
        IQueryable<string>? capped = null;
        foreach (var gram in candidates)
        {
            var g = gram;
            var part = db.EnterpriseNameGrams.Where(x => x.Gram == g).Take(cap).Select(x => x.Gram);
            capped = capped is null ? part : capped.Concat(part);
        }
        // One round trip for all counts; a gram with no postings is absent and counts 0, so nothing matches.
        var counts = await capped!.GroupBy(x => x).Select(x => new { x.Key, Count = x.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var grams = candidates.OrderBy(g => counts.GetValueOrDefault(g)).Take(4).ToArray();
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
        var rows = await (await FilteredAsync(filter, ct)).Where(e => e.Id > after).OrderBy(e => e.Id).Take(take + 1)
            .Select(e => new { e.Id, e.Name, e.CreditCode, e.RegionCode, e.Types, e.Status, e.CreditCodeStatus })
            .ToListAsync(ct);
        var items = rows.Select(e => new EnterpriseSummary(e.Id, e.Name, e.CreditCode, e.RegionCode,
            EnterpriseTypeNames.ToApi(e.Types), e.Status.ToString(), e.CreditCodeStatus != Identifiers.CreditCodeStatus.Valid)).ToList();
        return Cursor.ToPage(items, take, e => e.Id);
    }

    public async Task<int> CountAsync(EnterpriseFilter filter, CancellationToken ct = default) => await (await FilteredAsync(filter, ct)).CountAsync(ct);

    public Task<Enterprise?> FindAsync(long id, CancellationToken ct = default) =>
        db.Enterprises.AsNoTracking().Include(e => e.Region).FirstOrDefaultAsync(e => e.Id == id, ct);
}
