using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QualityWatch.Core.Certification.Import;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Risk.Sources.Import;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Certificates;

/// <summary>
/// Upload of the certification registry: certificates, their lifecycle events and audits, or certification bodies,
/// through the handlers behind `qw import …` and POST /api/v1/…/import. Good rows are kept; each bad field is listed
/// with its row; a re-run of the same file changes nothing.
/// </summary>
[Authorize(Policy = Policies.RegistryEditor)]
[RequestSizeLimit(MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes)]
public sealed class ImportModel(ImportCertificates certificates, ImportCertificateEvents events, ImportBodies bodies, IStringLocalizer<SharedResource> t) : PageModel
{
    public const long MaxBytes = 64L * 1024 * 1024;
    private static readonly string[] Extensions = [".xlsx", ".xls", ".csv"];

    /// <summary>The three sheets, in the order an office loads them: bodies first, then certificates, then their events.</summary>
    public static readonly string[] Kinds = ["certificates", "events", "bodies"];

    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "certificates";

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public ImportResult? Result { get; private set; }
    public string? Error { get; private set; }
    public string? FileName { get; private set; }

    public IReadOnlyList<SourceColumn> Columns => Kind switch
    {
        "events" => EventColumns.All,
        "bodies" => BodyColumns.All,
        _ => CertificateColumns.All,
    };

    public IActionResult OnGet() => Kinds.Contains(Kind) ? Page() : NotFound();

    /// <summary>The template: the Chinese headers as UTF-8 CSV with BOM, so Excel on a Chinese Windows opens it cleanly.</summary>
    public IActionResult OnGetTemplate()
    {
        if (!Kinds.Contains(Kind))
            return NotFound();
        var header = string.Join(',', Columns.Select(c => Csv.Quote(c.Headers[0]))) + "\r\n";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(header)).ToArray(), "text/csv; charset=utf-8", $"{Kind}-template.csv");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Kinds.Contains(Kind))
            return NotFound();
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
            Result = Kind switch
            {
                "events" => await events.ImportAsync(stream, FileName, progress: null, ct),
                "bodies" => await bodies.ImportAsync(stream, FileName, progress: null, ct),
                _ => await certificates.ImportAsync(stream, FileName, progress: null, ct),
            };
        }
        catch (ImportFileException ex)
        {
            Error = ex.Message;
        }
        return Page();
    }
}
