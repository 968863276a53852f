using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityWatch.Core.Identity;

namespace QualityWatch.Web.Pages.Account;

/// <summary>The signed-in user's personal API tokens: create (the secret is shown once) and revoke.</summary>
public sealed class TokensModel(ApiTokens tokens, UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    public List<ApiToken> Tokens { get; private set; } = [];
    public string? CreatedSecret { get; private set; }
    public bool Revoked { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(users.GetUserId(User)!, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var name = string.IsNullOrWhiteSpace(Name) ? "api" : Name.Trim();
        if (name.Length > 128)
            name = name[..128];
        var created = await tokens.CreateAsync(user, name, ct);
        // Rendered in this response only; never stored in plain text, never shown again.
        CreatedSecret = created.Token;
        Response.Headers.CacheControl = "no-store";
        Name = null;
        ModelState.Clear();
        Tokens = await tokens.ListAsync(user.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        var userId = users.GetUserId(User)!;
        Revoked = await tokens.RevokeAsync(userId, id, ct);
        Tokens = await tokens.ListAsync(userId, ct);
        return Page();
    }
}
