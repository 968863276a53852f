using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QualityWatch.Core.Credit.Import;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Credit;

/// <summary>Upload a spreadsheet of listing decisions; good rows are kept, each bad field is listed with its row and reason.</summary>
[Authorize(Policy = Policies.RegistryEditor)]
[RequestSizeLimit(MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes)]
public sealed class ImportModel(ImportListings import, IStringLocalizer<SharedResource> t) : PageModel
{
    public const long MaxBytes = 16L * 1024 * 1024;
    private static readonly string[] Extensions = [".xlsx", ".xls", ".csv"];

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public ImportResult? Result { get; private set; }
    public string? Error { get; private set; }
    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>The template: the Chinese headers as UTF-8 CSV with BOM, so Excel on a Chinese Windows opens it cleanly.</summary>
    public IActionResult OnGetTemplate()
    {
        var header = string.Join(',', ListingColumns.All.Select(c => Csv.Quote(c.ChineseHeader))) + "\r\n";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(header)).ToArray(), "text/csv; charset=utf-8", "credit-listings-template.csv");
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
            Error = ex.Message;
        }
        return Page();
    }
}
