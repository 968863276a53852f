using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Credit.Check;
using QualityWatch.Core.Credit.Decide;
using QualityWatch.Core.Credit.Expire;
using QualityWatch.Core.Credit.Import;
using QualityWatch.Core.Credit.Object;
using QualityWatch.Core.Credit.Publish;
using QualityWatch.Core.Credit.Query;
using QualityWatch.Core.Credit.Restore;

namespace QualityWatch.Core.Credit;

public static class CreditRegistration
{
    /// <summary>The credit-list handlers, used by the web app, the scheduler and the CLI alike; options validated at start-up.</summary>
    public static IServiceCollection AddCredit(this IServiceCollection services)
    {
        services.AddOptions<CreditOptions>().BindConfiguration(CreditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<DecideListing>();
        services.AddScoped<PublishListing>();
        services.AddScoped<LodgeObjection>();
        services.AddScoped<DecideObjection>();
        services.AddScoped<RequestRestoration>();
        services.AddScoped<DecideRestoration>();
        services.AddScoped<ExpireListings>();
        services.AddScoped<ImportListings>();
        services.AddScoped<ListingQuery>();
        services.AddScoped<PublicListingQuery>();
        services.AddScoped<CreditCheck>();
        return services;
    }
}
