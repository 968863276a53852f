using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Leads;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Risk;

/// <summary>Possible unlicensed producers: names in complaints, cases and news that match no registered enterprise.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class LeadsModel(QualityWatchDbContext db, IAuthorizationService authz, ReviewLead review) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<ProducerLead> Results { get; private set; } = new([], null);
    public bool RegionInvalid { get; private set; }
    public bool CanReview { get; private set; }

    /// <summary>The review just refused, with why, shown on the lead's row.</summary>
    public (long Id, string Message)? ReviewError { get; private set; }

    [TempData]
    public string? Reviewed { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanReview = (await authz.AuthorizeAsync(User, Policies.RegistryEditor)).Succeeded;
        var q = db.ProducerLeads.AsNoTracking();
        if (Enum.TryParse<LeadStatus>(Status, ignoreCase: true, out var status) && Enum.IsDefined(status))
            q = q.Where(l => l.Status == status);
        if (!string.IsNullOrWhiteSpace(Region))
        {
            RegionInvalid = !RegionCodes.IsWellFormed(Region.Trim());
            if (!RegionInvalid && RegionCodes.ToPrefix(Region) is { } prefix)
                q = q.Where(l => l.RegionCode.StartsWith(prefix));
        }
        if (RegionInvalid || !Core.Paging.Cursor.TryDecode(Cursor, out var before))
            return;
        if (before > 0)
            q = q.Where(l => l.Id < before);
        // Newest first keeps the keyset stable; the mentions column shows which leads are strongest.
        var rows = await q.OrderByDescending(l => l.Id).Take(PageSize + 1).ToListAsync(ct);
        Results = Core.Paging.Cursor.ToPage(rows, PageSize, l => l.Id);
    }

    public async Task<IActionResult> OnPostReviewAsync(long id, string? decision, string? note, CancellationToken ct)
    {
        if (!(await authz.AuthorizeAsync(User, Policies.RegistryEditor)).Succeeded)
            return Forbid();
        if (!Enum.TryParse<LeadStatus>(decision, ignoreCase: true, out var d) || !Enum.IsDefined(d))
            return BadRequest();
        var r = await review.RunAsync(id, d, note, ct);
        if (r.NotFound)
            return NotFound();
        if (r.Errors.Count > 0)
        {
            ReviewError = (id, string.Join(" ", r.Errors.Values.SelectMany(v => v)));
            await OnGetAsync(ct);
            return Page();
        }
        Reviewed = r.WarningId is { } w ? $"{r.Lead!.Name}|{w}" : r.Lead!.Name;
        return Redirect(NextQuery(Cursor ?? ""));
    }

    public string NextQuery(string cursor) =>
        QueryHelpers.AddQueryString("/risk/leads", new Dictionary<string, string?> { ["status"] = Status, ["region"] = Region, ["cursor"] = cursor }
            .Where(kv => !string.IsNullOrEmpty(kv.Value)));
}
