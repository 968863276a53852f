using System.Threading.RateLimiting;
using QualityWatch.Core.Identity;

namespace QualityWatch.Web.Hosting;

public static class RateLimiting
{
    /// <summary>Anonymous endpoints (sign-in, public queries) are limited per client address.</summary>
    public const string Public = "public";

    /// <summary>
    /// Certificate verification (the /verify page and POST /api/v1/certificates/verify): one budget per client address
    /// shared by page and API, so the API is no way around the page's limit; staff (cookie or API token) are not limited.
    /// </summary>
    public const string Verify = "verify";

    private static readonly string[] StaffRoles = Roles.Staff.Split(',');

    public static IServiceCollection AddQualityWatchRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimiting:PublicPermitsPerMinute", 60);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Public, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            var verifyPermits = configuration.GetValue("RateLimiting:VerifyPermitsPerMinute", permits);
            // Authentication runs before the limiter, so the role is known here; enterprise users count as public.
            o.AddPolicy(Verify, context => StaffRoles.Any(context.User.IsInRole)
                ? RateLimitPartition.GetNoLimiter("staff")
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = verifyPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }
}
