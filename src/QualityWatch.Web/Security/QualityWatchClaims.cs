using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QualityWatch.Core.Identity;

namespace QualityWatch.Web.Security;

public static class QualityWatchClaims
{
    public const string Region = "qw:region";
    public const string Enterprise = "qw:enterprise";
    public const string DisplayName = "qw:name";
}

/// <summary>Puts the user's region and enterprise into the principal so every request can build its access scope.</summary>
public sealed class QualityWatchClaimsFactory(UserManager<AppUser> users, RoleManager<Microsoft.AspNetCore.Identity.IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, Microsoft.AspNetCore.Identity.IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(QualityWatchClaims.Region, user.RegionCode));
        identity.AddClaim(new Claim(QualityWatchClaims.DisplayName, user.DisplayName ?? user.UserName ?? ""));
        if (user.EnterpriseId is { } id)
            identity.AddClaim(new Claim(QualityWatchClaims.Enterprise, id.ToString(CultureInfo.InvariantCulture)));
        return identity;
    }
}
