using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Certification.Store;

namespace QualityWatch.Core.Certification;

public static class CertificationRegistration
{
    /// <summary>The certification handlers, used by the web app, the scheduler and the CLI alike.</summary>
    public static IServiceCollection AddCertification(this IServiceCollection services)
    {
        services.AddSingleton<RegistrySnapshot>();
        return services;
    }
}
