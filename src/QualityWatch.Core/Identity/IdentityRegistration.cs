using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Identity;

public static class IdentityRegistration
{
    /// <summary>User and role stores shared by the web app and the CLI (which adds users without a web host).</summary>
    public static IdentityBuilder AddQualityWatchIdentityCore(this IServiceCollection services) =>
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<QualityWatchDbContext>();
}
