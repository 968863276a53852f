using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using QualityWatch.Core.Identity;

namespace QualityWatch.Web.Security;

/// <summary>Authenticates <c>Authorization: Bearer qwt_…</c> personal tokens against their stored hashes.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokens tokens,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        var holder = await tokens.ResolveHolderAsync(secret, Context.RequestAborted);
        if (holder is null || (holder.LockoutEnd is { } end && end > clock.GetUtcNow()))
            return AuthenticateResult.Fail("invalid or revoked token");
        // The same claims QualityWatchClaimsFactory gives a cookie sign-in, built without further queries.
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, holder.UserId));
        identity.AddClaim(new Claim(ClaimTypes.Name, holder.UserName));
        identity.AddClaim(new Claim(QualityWatchClaims.Region, holder.RegionCode));
        identity.AddClaim(new Claim(QualityWatchClaims.DisplayName, holder.DisplayName ?? holder.UserName));
        if (holder.EnterpriseId is { } enterprise)
            identity.AddClaim(new Claim(QualityWatchClaims.Enterprise, enterprise.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var role in holder.Roles)
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
