using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Certification.Store;

namespace QualityWatch.Core.Certification;

public static class CertificationRegistration
{
    /// <summary>The certification handlers, used by the web app, the scheduler and the CLI alike.</summary>
    public static IServiceCollection AddCertification(this IServiceCollection services)
    {
        services.AddSingleton<RegistrySnapshot>();
        // Import of bodies, certificates and lifecycle events; officers' lifecycle changes (helper A).
        services.AddScoped<Import.ImportBodies>();
        services.AddScoped<Import.ImportCertificates>();
        services.AddScoped<Import.ImportCertificateEvents>();
        services.AddScoped<Lifecycle.RecordCertificateEvent>();
        // Credit listings feed the snapshot's holder-credit-list check (joint punishment), so they come with certification.
        Credit.CreditRegistration.AddCredit(services);
        // Forgery and misuse findings, body oversight and the body report.
        services.AddScoped<Findings.ScanCertification>();
        services.AddScoped<Oversight.BodyDirectory>();
        services.AddScoped<Oversight.BodyReport>();
        return services;
    }
}
