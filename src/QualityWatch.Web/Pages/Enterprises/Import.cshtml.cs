using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Enterprises;

/// <summary>Upload a spreadsheet of enterprises; good rows are kept, each bad row is listed with its field and reason.</summary>
[Authorize(Policy = Policies.RegistryEditor)]
[RequestSizeLimit(MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes)]
public sealed class ImportModel(ImportEnterprises import, IStringLocalizer<SharedResource> t) : PageModel
{
    public const long MaxBytes = 64L * 1024 * 1024;
    private static readonly string[] Extensions = [".xlsx", ".xls", ".csv"];

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public ImportResult? Result { get; private set; }
    public string? Error { get; private set; }
    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Error = t["Import.NoFile"];
            return Page();
        }
        FileName = Path.GetFileName(Upload.FileName);
        if (!Extensions.Contains(Path.GetExtension(FileName), StringComparer.OrdinalIgnoreCase))
        {
            Error = t["Import.BadExtension"];
            return Page();
        }
        try
        {
            await using var stream = Upload.OpenReadStream();
            Result = await import.ImportAsync(stream, FileName, progress: null, ct);
        }
        catch (ImportFileException ex)
        {
            // The message names what is wrong with the file (no header, no credit-code column …).
            Error = ex.Message;
        }
        return Page();
    }
}
