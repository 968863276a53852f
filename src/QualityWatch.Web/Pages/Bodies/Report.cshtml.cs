using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Oversight;
using QualityWatch.Web.Hosting;
using QualityWatch.Web.Ui;

namespace QualityWatch.Web.Pages.Bodies;

/// <summary>
/// One body's oversight report: register entry, status history and scopes, weekly issuance per scope with the volume
/// signals, lapsed share, application-to-issue times, fees and the findings naming it.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ReportModel(BodyReport report, AccessScope scope, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    public BodyReportData Report { get; private set; } = null!;

    public bool Regional => scope.RegionPrefix is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Id) || await report.RunAsync(Id.Trim(), ct) is not { } data)
            return NotFound();
        Report = data;
        return Page();
    }

    public string Name => UiCulture.IsChinese ? Report.Body.NameZh : Report.Body.NameEn;

    public static string SchemeName(CertificateScheme s) => UiCulture.IsChinese ? s.Zh() : s.En();

    public static string RuleName(string rule) => UiCulture.IsChinese ? Core.Certification.Findings.FindingRules.NameZh(rule) : Core.Certification.Findings.FindingRules.NameEn(rule);

    /// <summary>An issuance series in the JSON wwwroot/js/risk.js draws (bars, expected, threshold, alarm points).</summary>
    public string SeriesJson(IssuanceSeries s) => JsonSerializer.Serialize(new
    {
        title = $"{SchemeName(s.Scheme)} · {(s.Category is null ? "—" : UiCulture.CategoryName(s.Category))}",
        labels = s.Weeks,
        observed = s.Observed,
        expected = s.Expected,
        threshold = s.Threshold,
        alarms = s.Alarms,
        names = new
        {
            observed = t["Bodies.Chart.Issued"].Value,
            expected = t["Risk.Chart.Expected"].Value,
            threshold = t["Risk.Chart.Threshold"].Value,
            alarm = t["Risk.Chart.Alarm"].Value,
        },
    }).Replace("</", "<\\/", StringComparison.Ordinal);

    /// <summary>A histogram for the bar charts drawn by the page's own script.</summary>
    public static string BinsJson(string name, IEnumerable<HistogramBin> bins, string? highlight = null) => JsonSerializer.Serialize(new
    {
        name,
        labels = bins.Select(b => b.Label),
        counts = bins.Select(b => b.Count),
        highlight,
    }).Replace("</", "<\\/", StringComparison.Ordinal);

    public IEnumerable<HistogramBin> StatusBins =>
    [
        new(t["Bodies.Valid"].Value, Report.Statuses.Valid),
        new(t["Bodies.Suspended"].Value, Report.Statuses.Suspended),
        new(t["Bodies.Withdrawn"].Value, Report.Statuses.Withdrawn),
        new(t["Bodies.Revoked"].Value, Report.Statuses.Revoked),
        new(t["Bodies.Expired"].Value, Report.Statuses.Expired),
    ];
}
