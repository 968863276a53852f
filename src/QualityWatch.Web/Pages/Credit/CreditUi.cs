using System.Globalization;
using QualityWatch.Core.Credit;

namespace QualityWatch.Web.Pages.Credit;

/// <summary>Shared parts of the credit pages: how states and dates look.</summary>
public static class CreditUi
{
    public static string StateClass(ListingState state) => "credit-state credit-" + ListingRules.Api(state);

    public static string Date(DateOnly? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    public static string DateValue(DateOnly? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
}
