using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityWatch.Core.Identity;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Users;

/// <summary>Users of the caller's region and a form to add one (<see cref="UserAdmin"/> enforces who may add whom).</summary>
[Authorize(Policy = Policies.UserAdmin)]
public sealed class IndexModel(UserAdmin admin) : PageModel
{
    [BindProperty]
    public UserForm Form { get; set; } = new();

    public List<UserDto> Users { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public UserDto? Added { get; private set; }
    public string? GeneratedPassword { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Users = await admin.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Form.Name)) errors["name"] = ["—"];
        if (string.IsNullOrWhiteSpace(Form.Role)) errors["role"] = ["—"];
        if (string.IsNullOrWhiteSpace(Form.RegionCode)) errors["region"] = ["—"];
        if (errors.Count == 0)
        {
            var result = await admin.AddAsync(new NewUser(Form.Name!.Trim(), Form.Role!, Form.RegionCode!.Trim(),
                string.IsNullOrEmpty(Form.Password) ? null : Form.Password, string.IsNullOrWhiteSpace(Form.DisplayName) ? null : Form.DisplayName.Trim(), Form.EnterpriseId), ct);
            if (result.User is not null)
            {
                Added = result.User;
                GeneratedPassword = result.GeneratedPassword;
                Form = new UserForm();
                ModelState.Clear();
            }
            errors = result.Errors;
        }
        Errors = errors;
        Users = await admin.ListAsync(ct);
        return Page();
    }

    public string? ErrorFor(string field) =>
        Errors.TryGetValue(field, out var m) && m.Length > 0 ? string.Join(" ", m) : null;

    public sealed class UserForm
    {
        public string? Name { get; set; }
        public string? DisplayName { get; set; }
        public string? Role { get; set; }
        public string? RegionCode { get; set; }
        public string? Password { get; set; }
        public long? EnterpriseId { get; set; }
    }
}
