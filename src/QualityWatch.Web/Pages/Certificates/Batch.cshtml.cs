using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityWatch.Core.Certification.BatchVerify;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Certificates;

/// <summary>
/// Batch verification of a spreadsheet (what a customs officer does with 500 certificate numbers). The page posts the
/// file to POST /api/v1/certificates/verify/file from the browser and offers the answer for download, with the counts
/// per verdict the API returns in its headers: no result is kept on the server, so any instance can serve it.
/// Without JavaScript the form posts to the same endpoint and the browser saves the file.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class BatchModel : PageModel
{
    public IReadOnlyList<string> AddedColumns => VerifySpreadsheet.AddedHeaders;

    public void OnGet()
    {
    }
}
