using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Credit.Object;
using QualityWatch.Core.Credit.Publish;
using QualityWatch.Core.Credit.Query;
using QualityWatch.Core.Credit.Restore;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Credit;

/// <summary>
/// One listing: the decision, its dates, the history as a timeline, and the form for the next step (publish, objection,
/// objection decision, restoration request, restoration decision). Reading needs a staff role and the listing inside the
/// caller's region (404 otherwise); every step needs a registry editor's role and is checked on the server.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(ListingQuery query, PublishListing publish, LodgeObjection lodge, DecideObjection decideObjection,
    RequestRestoration request, DecideRestoration decideRestoration, IAuthorizationService authz, TimeProvider clock) : PageModel
{
    public ListingDetail Detail { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public bool CanAct { get; private set; }

    /// <summary>Errors of the last submitted form, keyed by form (publish, object, objection, restore, restoration) then field.</summary>
    public Dictionary<string, Dictionary<string, string[]>> Errors { get; } = [];

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public string? Statement { get; set; }

    [BindProperty]
    public string? Verdict { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public List<string> Conditions { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostPublishAsync(long id, CancellationToken ct) =>
        ActAsync(id, "publish", () => publish.PublishAsync(id, Date, ct), ct);

    public Task<IActionResult> OnPostObjectAsync(long id, CancellationToken ct) =>
        ActAsync(id, "object", () => lodge.LodgeAsync(id, new ObjectionInput(Statement, Date), ct), ct);

    public Task<IActionResult> OnPostObjectionAsync(long id, CancellationToken ct) =>
        ActAsync(id, "objection", () => decideObjection.DecideAsync(id, new ObjectionDecisionInput(
            Verdict switch { "upheld" => ObjectionVerdict.Upheld, "rejected" => ObjectionVerdict.Rejected, _ => null }, Reason), ct), ct);

    public Task<IActionResult> OnPostRestoreAsync(long id, CancellationToken ct) =>
        ActAsync(id, "restore", () => request.RequestAsync(id, new RestorationRequestInput(Statement, Date), ct), ct);

    public Task<IActionResult> OnPostRestorationAsync(long id, CancellationToken ct) =>
        ActAsync(id, "restoration", () => decideRestoration.DecideAsync(id, new RestorationDecisionInput(
            Verdict switch { "grant" => RestorationVerdict.Grant, "refuse" => RestorationVerdict.Refuse, _ => null }, Conditions, Reason, Date), ct), ct);

    /// <summary>Runs one step; refusals re-show the page with the handler's message next to the form.</summary>
    private async Task<IActionResult> ActAsync(long id, string form, Func<Task<ListingOutcome>> step, CancellationToken ct)
    {
        if (!(await authz.AuthorizeAsync(User, Policies.RegistryEditor)).Succeeded)
            return Forbid();
        var r = await step();
        if (r.NotFound)
            return NotFound();
        if (r.Succeeded)
        {
            Done = form;
            return RedirectToPage(new { id });
        }
        Errors[form] = r.Errors;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await query.FindAsync(id, ct) is not { } detail)
            return false;
        Detail = detail;
        Today = CreditCalendar.Today(clock);
        CanAct = (await authz.AuthorizeAsync(User, Policies.RegistryEditor)).Succeeded;
        return true;
    }
}
