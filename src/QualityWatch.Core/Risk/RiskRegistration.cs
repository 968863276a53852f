using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Outbox;
using QualityWatch.Core.Risk.Sources.Feeds;
using QualityWatch.Core.Risk.Sources.Import;
using QualityWatch.Core.Risk.Warnings;

namespace QualityWatch.Core.Risk;

public static class RiskRegistration
{
    /// <summary>The risk-monitoring handlers, used by the web app, the scheduler and the CLI alike.</summary>
    public static IServiceCollection AddRisk(this IServiceCollection services)
    {
        services.AddOptions<RiskOptions>().BindConfiguration(RiskOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(DeliverOutbox.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(PullFeeds.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped<ImportSources>();
        services.AddScoped<PullFeeds>();
        services.AddScoped<StoreSignals>();
        services.AddScoped<RaiseWarnings>();
        services.AddScoped<ScanRisks>();
        services.AddScoped<WarningWorkflow>();
        services.AddScoped<Leads.ReviewLead>();
        services.AddScoped<DeliverOutbox>();
        return services;
    }
}
