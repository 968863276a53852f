using QualityWatch.Core.Certification;
using QualityWatch.Core.Registry;
using QualityWatch.Core.Risk;

namespace QualityWatch.Web.Api;

public static class ModuleRegistration
{
    /// <summary>Handlers are plain classes; one line per module.</summary>
    public static IServiceCollection AddQualityWatchModules(this IServiceCollection services)
    {
        services.AddRegistry();
        services.AddRisk();
        services.AddCertification();
        return services;
    }

    public static void MapQualityWatchApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/api/v1");
        v1.MapRegionsApi();
        v1.MapEnterprisesApi();
        v1.MapEnterpriseFilesApi();
        v1.MapProductsApi();
        v1.MapBatchesApi();
        v1.MapAuditApi();
        v1.MapUsersApi();
        v1.MapRiskSourcesApi();
        v1.MapRiskSignalsApi();
        v1.MapRiskWarningsApi();
        v1.MapCreditApi();
        v1.MapCertificatesApi();
        v1.MapCertificationBodiesApi();
        v1.MapCertificationImportApi();
    }
}
