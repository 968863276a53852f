using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Credit.Query;

public sealed record PublicSearchResult(string Query, IReadOnlyList<PublicListing> Items, bool Truncated);

/// <summary>
/// 公开查询: anyone may look up the list by name or credit code, like the GSXT query. Decided (unpublished) and withdrawn
/// listings never appear; the region filters are bypassed because publication is national. At most
/// <see cref="MaxResults"/> rows, like GSXT's fuzzy name search, so the list cannot be downloaded through it.
/// </summary>
public sealed class PublicListingQuery(QualityWatchDbContext db)
{
    public const int MaxResults = 50;
    public const int MinQueryLength = 2;

    public static string? Validate(string? q)
    {
        var t = q?.Trim() ?? "";
        if (t.Length < MinQueryLength)
            return $"请输入至少 {MinQueryLength} 个字的名称或统一社会信用代码 (enter at least {MinQueryLength} characters of a name or a credit code)";
        return t.Length > 100 ? "查询内容过长 (the query is longer than 100 characters)" : null;
    }

    public async Task<PublicSearchResult> SearchAsync(string q, CancellationToken ct)
    {
        var text = q.Trim();
        var code = CreditCode.Normalise(text);
        var rows = await db.CreditListings.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.State == ListingState.Published || l.State == ListingState.Objected || l.State == ListingState.Listed
                || l.State == ListingState.Restored || l.State == ListingState.Expired)
            .Where(l => l.CreditCode == code || l.EntityName.Contains(text))
            .OrderByDescending(l => l.PublishedOn).ThenByDescending(l => l.Id)
            .Take(MaxResults + 1).ToListAsync(ct);
        return new PublicSearchResult(text, [.. rows.Take(MaxResults).Select(PublicListing.From)], rows.Count > MaxResults);
    }
}
