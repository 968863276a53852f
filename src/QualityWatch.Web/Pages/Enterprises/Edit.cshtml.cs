using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Enterprises.Save;
using QualityWatch.Core.Registry.Enterprises.Search;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Enterprises;

/// <summary>Create (no id) or edit an enterprise through <see cref="SaveEnterprise"/>; its field errors are shown beside the fields.</summary>
[Authorize(Policy = Policies.RegistryEditor)]
public sealed class EditModel(EnterpriseQuery query, SaveEnterprise save) : PageModel
{
    [BindProperty]
    public EnterpriseForm Form { get; set; } = new();

    public long? Id { get; private set; }

    /// <summary>Errors keyed by the handler's camelCase field names (name, creditCode, regionCode …).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
            return Page();
        var e = await query.FindAsync(id.Value, ct);
        if (e is null)
            return NotFound();
        Form = EnterpriseForm.From(e);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        Id = id;
        var input = Form.ToInput();
        var result = id is null ? await save.CreateAsync(input, ct) : await save.UpdateAsync(id.Value, input, ct);
        switch (result.Outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Created or SaveOutcome.Updated or SaveOutcome.Unchanged:
                TempData["Saved"] = result.Outcome.ToString();
                if (result.Warnings.Count > 0)
                    TempData["Warnings"] = string.Join(" ", result.Warnings);
                return RedirectToPage("/Enterprises/Detail", new { id = result.Enterprise!.Id });
            default:
                Errors = result.Errors;
                return Page();
        }
    }

    public string? ErrorFor(string field) =>
        Errors.TryGetValue(field, out var messages) && messages.Length > 0 ? string.Join(" ", messages) : null;

    public sealed class EnterpriseForm
    {
        public string? Name { get; set; }
        public string? CreditCode { get; set; }
        public string? RegionCode { get; set; }
        public string? Address { get; set; }
        public string? LegalRepresentative { get; set; }
        public List<string> Types { get; set; } = [];
        public string? Status { get; set; }
        /// <summary>One per line.</summary>
        public string? ProductionLicences { get; set; }
        /// <summary>One per line.</summary>
        public string? Aliases { get; set; }

        public static EnterpriseForm From(Enterprise e) => new()
        {
            Name = e.Name,
            CreditCode = e.CreditCode,
            RegionCode = e.RegionCode,
            Address = e.Address,
            LegalRepresentative = e.LegalRepresentative,
            Types = [.. EnterpriseTypeNames.ToApi(e.Types)],
            Status = e.Status.ToString(),
            ProductionLicences = string.Join('\n', e.ProductionLicences),
            Aliases = string.Join('\n', e.Aliases),
        };

        // A form always posts every field, so blanks mean "clear", not "keep".
        public EnterpriseInput ToInput() => new()
        {
            Name = Name ?? "",
            CreditCode = CreditCode ?? "",
            RegionCode = RegionCode ?? "",
            Address = Address ?? "",
            LegalRepresentative = LegalRepresentative ?? "",
            Types = Types,
            Status = Status ?? nameof(EnterpriseStatus.Active),
            ProductionLicences = Lines(ProductionLicences),
            Aliases = Lines(Aliases),
        };

        private static string[] Lines(string? text) =>
            (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
