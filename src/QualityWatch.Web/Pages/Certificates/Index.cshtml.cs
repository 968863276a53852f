using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Web.Hosting;
using QualityWatch.Web.Pages.Verify;

namespace QualityWatch.Web.Pages.Certificates;

/// <summary>
/// The certificates of holders in the officer's region (the query filter decides), with the API's filters, keyset pages
/// appended by htmx, and the same selection as a UTF-8 CSV with a BOM so Excel reads the Chinese.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(QualityWatchDbContext db, RegistrySnapshot snapshot, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    private static readonly string[] CsvHeaders = ["证书编号", "认证类别", "发证机构", "发证机构名称", "持证人", "统一社会信用代码", "地区代码", "产品类别", "颁证日期", "有效期至", "状态"];

    [BindProperty(SupportsGet = true)]
    public string? Number { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Holder { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Issuer { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Scheme { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<CertificateSummary> Results { get; private set; } = new([], null);
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public CertificateFilter Filter => new(Number, Holder, Issuer, Status, Scheme, Category, Region);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The next page's rows only, for htmx.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_Rows", this);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        Errors = CertificateList.Validate(Filter);
        if (Errors.Count > 0)
            return BadRequest();
        var registry = await snapshot.GetAsync(ct);
        var today = VerifyClaim.Today(clock);
        var rows = CertificateList.Apply(db.Certificates, Filter, registry, today).AsNoTracking().OrderBy(c => c.Id);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"certificates-{today:yyyyMMdd}.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', CsvHeaders));
        await foreach (var c in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var s = CertificateList.Summary(c, registry, today);
            await writer.WriteLineAsync(string.Join(',', new[]
            {
                s.Number, s.Scheme, s.IssuerKey, s.IssuerNameZh, s.HolderName, s.HolderCreditCode, s.RegionCode, s.ProductCategory,
                s.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Status,
            }.Select(Csv.Quote)));
        }
        return new EmptyResult();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Errors = CertificateList.Validate(Filter);
        if (Errors.Count > 0 || !Core.Paging.Cursor.TryDecode(Cursor, out var before))
            return;
        var registry = await snapshot.GetAsync(ct);
        var today = VerifyClaim.Today(clock);
        Results = await CertificateList.PageAsync(CertificateList.Apply(db.Certificates, Filter, registry, today), registry, today, PageSize, before, ct);
    }

    public string Query(string? cursor = null, string? handler = null)
    {
        var qs = new Dictionary<string, string?>
        {
            ["number"] = Number,
            ["holder"] = Holder,
            ["issuer"] = Issuer,
            ["status"] = Status,
            ["scheme"] = Scheme,
            ["category"] = Category,
            ["region"] = Region,
            ["cursor"] = cursor,
            ["handler"] = handler,
        };
        return QueryHelpers.AddQueryString("/certificates", qs.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)));
    }
}
