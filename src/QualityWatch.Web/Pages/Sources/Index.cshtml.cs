using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Sources.Import;
using QualityWatch.Web.Hosting;
using QualityWatch.Web.Pages.Risk;

namespace QualityWatch.Web.Pages.Sources;

/// <summary>
/// One source type (complaint, inspection, case, opinion): its recent records (keyset pages appended by htmx), the
/// columns a spreadsheet may carry, a template, and an upload that imports with <see cref="ImportSources"/> and lists
/// each rejected row with its column, value and reason. Reading needs a staff role; uploading a registry editor's.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[RequestSizeLimit(MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes)]
public sealed class IndexModel(QualityWatchDbContext db, ImportSources import, IAuthorizationService authz, IStringLocalizer<SharedResource> t) : PageModel
{
    public const long MaxBytes = 64L * 1024 * 1024;
    public const int PageSize = 50;
    private static readonly string[] Extensions = [".xlsx", ".xls", ".csv"];

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public SourceSchema Schema { get; private set; } = null!;
    public List<RecordView> Records { get; private set; } = [];
    public Dictionary<long, string> Extra { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public bool CanUpload { get; private set; }
    public ImportResult? Result { get; private set; }
    public string? Error { get; private set; }
    public string? FileName { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken ct)
    {
        if (SourceSchema.Find(kind) is not { } schema)
            return NotFound();
        Schema = schema;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetRowsAsync(string kind, CancellationToken ct)
    {
        if (SourceSchema.Find(kind) is not { } schema)
            return NotFound();
        Schema = schema;
        await LoadAsync(ct);
        return Partial("_SourceRows", this);
    }

    /// <summary>An empty sheet with the Chinese template headers, as UTF-8 CSV with a BOM so Excel reads the Chinese.</summary>
    public IActionResult OnGetTemplate(string kind)
    {
        if (SourceSchema.Find(kind) is not { } schema)
            return NotFound();
        var header = string.Join(',', schema.Columns.Select(c => Csv(c.ChineseHeader))) + "\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(header)).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"{schema.Kind}-template.csv");
    }

    public async Task<IActionResult> OnPostAsync(string kind, CancellationToken ct)
    {
        if (SourceSchema.Find(kind) is not { } schema)
            return NotFound();
        if (!(await authz.AuthorizeAsync(User, Policies.RegistryEditor)).Succeeded)
            return Forbid();
        Schema = schema;
        if (Upload is null || Upload.Length == 0)
        {
            Error = t["Import.NoFile"];
        }
        else
        {
            FileName = Path.GetFileName(Upload.FileName);
            if (!Extensions.Contains(Path.GetExtension(FileName), StringComparer.OrdinalIgnoreCase))
            {
                Error = t["Import.BadExtension"];
            }
            else
            {
                try
                {
                    await using var stream = Upload.OpenReadStream();
                    Result = await import.ImportAsync(schema, stream, FileName, progress: null, ct);
                }
                catch (ImportFileException ex)
                {
                    // The message names what is wrong with the file (no header, no id column …).
                    Error = ex.Message;
                }
            }
        }
        Cursor = null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanUpload = (await authz.AuthorizeAsync(User, Policies.RegistryEditor)).Succeeded;
        if (!Core.Paging.Cursor.TryDecode(Cursor, out var before))
            return;
        var q = Schema.Query(db).AsNoTracking();
        if (before > 0)
            q = q.Where(r => r.Id < before);
        var rows = await q.OrderByDescending(r => r.Id).Take(PageSize + 1).ToListAsync(ct);
        var page = Core.Paging.Cursor.ToPage(rows, PageSize, r => r.Id);
        NextCursor = page.NextCursor;
        Records = page.Items.Select(r => RiskUi.View(Schema.Kind, r)).ToList();
        Extra = page.Items.ToDictionary(r => r.Id, r => r switch
        {
            Complaint c => c.Channel ?? "",
            InspectionResult i => t[i.Verdict == InspectionVerdict.Fail ? "Sources.Fail" : "Sources.Pass"].Value,
            EnforcementCase c => c.ViolationType ?? "",
            OpinionItem o => o.SourceSite ?? "",
            _ => "",
        });
    }

    public string NextQuery(string cursor, bool rowsOnly)
    {
        var qs = new Dictionary<string, string?> { ["cursor"] = cursor, ["handler"] = rowsOnly ? "Rows" : null };
        return QueryHelpers.AddQueryString("/sources/" + Schema.Kind, qs.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
