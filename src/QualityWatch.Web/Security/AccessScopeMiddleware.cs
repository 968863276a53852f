using System.Globalization;
using System.Security.Claims;
using QualityWatch.Core.Access;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Identity;

namespace QualityWatch.Web.Security;

/// <summary>
/// Turns the authenticated principal into the request's <see cref="AccessScope"/> and audit context.
/// This is the only place a request's visibility is decided; the DbContext's filters enforce it.
/// </summary>
public sealed class AccessScopeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, AccessScope scope, AuditContext audit)
    {
        audit.RequestId = context.TraceIdentifier;
        audit.ClientAddress = context.Connection.RemoteIpAddress?.ToString();
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            scope.AsAnonymous();
        }
        else
        {
            var name = user.Identity.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
            var region = user.FindFirstValue(QualityWatchClaims.Region) ?? "~";
            long? enterprise = null;
            if (user.IsInRole(Roles.EnterpriseUser))
            {
                // An enterprise user without an enterprise sees nothing rather than everything.
                enterprise = long.TryParse(user.FindFirstValue(QualityWatchClaims.Enterprise), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
            }
            scope.AsUser(name, region, enterprise);
        }
        return next(context);
    }
}
