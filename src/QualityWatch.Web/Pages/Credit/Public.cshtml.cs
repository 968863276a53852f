using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using QualityWatch.Core.Credit.Query;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Credit;

/// <summary>
/// 严重违法失信名单公开查询: anyone may search by name or credit code. Shows listings in force with their decision, and
/// removed ones (restored or expired) as 已移出 without the details; never decided-only or withdrawn listings. Limited
/// per client address like every anonymous endpoint.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimiting.Public)]
public sealed class PublicModel(PublicListingQuery query) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public PublicSearchResult? Result { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q))
            return;
        Error = PublicListingQuery.Validate(Q);
        if (Error is null)
            Result = await query.SearchAsync(Q, ct);
    }
}
