using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Identity;

public sealed record NewUser(string Name, string Role, string RegionCode, string? Password, string? DisplayName = null, long? EnterpriseId = null);

public sealed record UserDto(string Id, string Name, string? DisplayName, string RegionCode, string[] Roles, long? EnterpriseId, bool Locked);

public sealed record UserResult(UserDto? User, Dictionary<string, string[]> Errors, string? GeneratedPassword = null);

/// <summary>Adding and listing users; a regional administrator manages only users inside their region.</summary>
public sealed class UserAdmin(QualityWatchDbContext db, UserManager<AppUser> users)
{
    public async Task<UserResult> AddAsync(NewUser input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var role = Roles.Find(input.Role);
        if (role is null)
            errors["role"] = [$"unknown role '{input.Role}'; one of {string.Join(", ", Roles.All)}"];
        var region = RegionCodes.Normalise(input.RegionCode);
        if (region != RegionCodes.National && !await db.Regions.AnyAsync(r => r.Code == region, ct))
            errors["region"] = [$"'{input.RegionCode}' is not a GB/T 2260 region code"];
        else if (!db.Scope.IsUnrestricted && (db.Scope.RegionPrefix is null || !region.StartsWith(db.Scope.RegionPrefix, StringComparison.Ordinal)))
            errors["region"] = ["you can only add users inside your own region"];
        if (role == Roles.NationalAdmin && (region != RegionCodes.National || !db.Scope.IsUnrestricted))
            errors["role"] = ["a NationalAdmin must have the national region and can only be added by a national user"];
        if (role == Roles.EnterpriseUser)
        {
            if (input.EnterpriseId is null || !await db.Enterprises.AnyAsync(e => e.Id == input.EnterpriseId, ct))
                errors["enterpriseId"] = ["an EnterpriseUser needs an enterprise visible to you"];
        }
        if (errors.Count > 0)
            return new UserResult(null, errors);

        var generated = input.Password is null ? GeneratePassword() : null;
        var user = new AppUser
        {
            UserName = input.Name,
            DisplayName = input.DisplayName ?? input.Name,
            RegionCode = region,
            EnterpriseId = role == Roles.EnterpriseUser ? input.EnterpriseId : null,
            CreatedAt = db.Clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, input.Password ?? generated!);
        if (!created.Succeeded)
            return new UserResult(null, new Dictionary<string, string[]> { [created.Errors.Any(e => e.Code.Contains("Password", StringComparison.Ordinal)) ? "password" : "name"] = created.Errors.Select(e => e.Description).ToArray() });
        await users.AddToRoleAsync(user, role!);
        return new UserResult(new UserDto(user.Id, user.UserName!, user.DisplayName, user.RegionCode, [role!], user.EnterpriseId, false), errors, generated);
    }

    /// <summary>All users in the caller's region, by name.</summary>
    public Task<List<UserDto>> ListAsync(CancellationToken ct = default) => ListPageAsync(int.MaxValue, null, ct);

    /// <summary>A page of users in the caller's region, by name; <paramref name="afterName"/> continues after a page.</summary>
    public async Task<List<UserDto>> ListPageAsync(int take, string? afterName, CancellationToken ct = default)
    {
        var q = db.Users.AsNoTracking();
        if (db.Scope.EnterpriseId is not null)
            return [];
        if (db.Scope.RegionPrefix is { } prefix)
            q = q.Where(u => u.RegionCode.StartsWith(prefix));
        if (!string.IsNullOrEmpty(afterName))
            q = q.Where(u => string.Compare(u.UserName, afterName) > 0);
        var rows = await q.OrderBy(u => u.UserName).Take(take).ToListAsync(ct);
        var ids = rows.Select(u => u.Id).ToList();
        var roleRows = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        var byUser = roleRows.ToLookup(x => x.UserId, x => x.Name!);
        var now = db.Clock.GetUtcNow();
        return rows.Select(u => new UserDto(u.Id, u.UserName!, u.DisplayName, u.RegionCode, byUser[u.Id].ToArray(), u.EnterpriseId, u.LockoutEnd > now)).ToList();
    }

    private static string GeneratePassword() =>
        "Qw-" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
}
