using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityWatch.Core.Credit.Decide;
using QualityWatch.Core.Credit.Import;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Credit;

public sealed class DecisionForm
{
    public string? CreditCode { get; set; }
    public string? EntityName { get; set; }
    public string? Category { get; set; }
    public string? LegalBasis { get; set; }
    public string? DecisionNumber { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? Authority { get; set; }
    public string? Reason { get; set; }
    public string? CaseNumber { get; set; }
    /// <summary>One measure per line (or separated by ；); blank for the configured defaults.</summary>
    public string? Measures { get; set; }
}

/// <summary>列入决定 entered by an officer; the same handler as the API and the import, so the same refusals.</summary>
[Authorize(Policy = Policies.RegistryEditor)]
public sealed class NewModel(DecideListing decide) : PageModel
{
    [BindProperty]
    public DecisionForm Form { get; set; } = new();

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public void OnGet(string? creditCode)
    {
        Form.CreditCode = creditCode;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await decide.DecideAsync(new DecisionInput(Form.CreditCode, Form.EntityName, Form.Category, Form.LegalBasis, Form.DecisionNumber,
            Form.DecidedOn, Form.Authority, Form.Reason, Form.CaseNumber, ListingColumns.SplitMeasures(Form.Measures)), ct);
        if (r.Succeeded)
            return Redirect($"/credit/listings/{r.Listing!.Id}");
        Errors = r.Errors;
        return Page();
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var m) ? string.Join(" ", m) : null;
}
