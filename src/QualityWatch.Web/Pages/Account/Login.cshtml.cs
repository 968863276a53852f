using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using QualityWatch.Core.Identity;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimiting.Public)]
public sealed class LoginModel(SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.UserName) || string.IsNullOrEmpty(Input.Password))
        {
            Error = t["Login.Required"];
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        Error = result.IsLockedOut ? t["Login.LockedOut"] : t["Login.Failed"];
        return Page();
    }

    public sealed class LoginInput
    {
        [MaxLength(256)]
        public string? UserName { get; set; }

        [MaxLength(256)]
        public string? Password { get; set; }
    }
}
