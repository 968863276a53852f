using Microsoft.AspNetCore.Mvc;
using QualityWatch.Core.Credit.Query;

namespace QualityWatch.Web.Pages.Credit;

/// <summary>
/// Joint punishment on the enterprise page: a clearly marked banner while the enterprise is on the serious-dishonesty
/// list, with the decision and a link (staff: the listing; others: the public query). Nothing when it is not listed.
/// </summary>
public sealed class CreditFlagViewComponent(ListingQuery query) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long enterpriseId, string creditCode) =>
        View("/Pages/Credit/_CreditFlag.cshtml", await query.InForceForEnterpriseAsync(enterpriseId, creditCode, HttpContext.RequestAborted));
}
