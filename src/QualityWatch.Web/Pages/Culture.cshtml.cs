using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityWatch.Web.Ui;

namespace QualityWatch.Web.Pages;

/// <summary>The language switch: stores the choice in the cookie the request-culture provider reads, then goes back.</summary>
[AllowAnonymous]
public sealed class CultureModel : PageModel
{
    public IActionResult OnGet(string? returnUrl) => LocalRedirect(Safe(returnUrl));

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = culture is UiCulture.English ? UiCulture.English : UiCulture.Chinese;
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
        return LocalRedirect(Safe(returnUrl));
    }

    private string Safe(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
