using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Risk.Sources.Import;

namespace QualityWatch.Core.Risk;

public static class RiskRegistration
{
    /// <summary>The risk-monitoring handlers, used by the web app, the scheduler and the CLI alike.</summary>
    public static IServiceCollection AddRisk(this IServiceCollection services)
    {
        services.AddScoped<ImportSources>();
        return services;
    }
}
