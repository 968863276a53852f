using System.Threading.RateLimiting;

namespace QualityWatch.Web.Hosting;

public static class RateLimiting
{
    /// <summary>Anonymous endpoints (sign-in, public queries) are limited per client address.</summary>
    public const string Public = "public";

    public static IServiceCollection AddQualityWatchRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimiting:PublicPermitsPerMinute", 60);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Public, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }
}
