using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Warnings;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Risk;

/// <summary>The disposal tasks of the caller's region, overdue first, then by due date; status can be updated in place.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class TasksModel(QualityWatchDbContext db, WarningWorkflow workflow, IAuthorizationService authz) : PageModel
{
    public const int Limit = 500;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    public List<DisposalTask> Tasks { get; private set; } = [];
    public Dictionary<long, RiskWarning> Warnings { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public bool CanAct { get; private set; }
    public bool RegionInvalid { get; private set; }
    public long? FailedTaskId { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostUpdateAsync(long taskId, string? newStatus, string? result, CancellationToken ct)
    {
        if (!(await authz.AuthorizeAsync(User, Policies.RegistryEditor)).Succeeded)
            return Forbid();
        DisposalStatus? status = Enum.TryParse<DisposalStatus>(newStatus, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        var (found, errors, _) = await workflow.UpdateTaskAsync(taskId, new TaskUpdate(status, string.IsNullOrWhiteSpace(result) ? null : result.Trim()), ct);
        if (!found)
            return NotFound();
        if (errors.Count == 0)
        {
            Done = "update";
            return Redirect(Request.Path + Request.QueryString);
        }
        FailedTaskId = taskId;
        Errors = errors;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = db.Clock.GetUtcNow();
        CanAct = (await authz.AuthorizeAsync(User, Policies.RegistryEditor)).Succeeded;
        var q = db.DisposalTasks.AsNoTracking();
        if (Enum.TryParse<DisposalStatus>(Status, ignoreCase: true, out var status) && Enum.IsDefined(status))
            q = q.Where(t => t.Status == status);
        else if (Status != "all")
            q = q.Where(t => t.Status == DisposalStatus.Open || t.Status == DisposalStatus.InProgress);
        if (!string.IsNullOrWhiteSpace(Region))
        {
            RegionInvalid = !RegionCodes.IsWellFormed(Region.Trim());
            if (RegionInvalid)
                return;
            if (RegionCodes.ToPrefix(Region) is { } prefix)
                q = q.Where(t => t.RegionCode.StartsWith(prefix));
        }
        var now = Now;
        // Overdue (still open and past due) first, then by due date.
        Tasks = await q.OrderBy(t => (t.Status == DisposalStatus.Open || t.Status == DisposalStatus.InProgress) && t.DueAt < now ? 0 : 1)
            .ThenBy(t => t.DueAt).ThenBy(t => t.Id).Take(Limit).ToListAsync(ct);
        var ids = Tasks.Select(t => t.WarningId).Distinct().ToList();
        Warnings = await db.RiskWarnings.AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
    }
}
