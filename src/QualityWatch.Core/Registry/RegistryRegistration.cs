using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Registry.Batches;
using QualityWatch.Core.Registry.Enterprises.Export;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Registry.Enterprises.Save;
using QualityWatch.Core.Registry.Enterprises.Search;
using QualityWatch.Core.Registry.Products;

namespace QualityWatch.Core.Registry;

public static class RegistryRegistration
{
    /// <summary>The registry's handlers, used by the web app and the CLI alike.</summary>
    public static IServiceCollection AddRegistry(this IServiceCollection services)
    {
        services.AddScoped<SaveEnterprise>();
        services.AddScoped<EnterpriseQuery>();
        services.AddScoped<ImportEnterprises>();
        services.AddScoped<ExportEnterprises>();
        services.AddScoped<ProductHandlers>();
        services.AddScoped<BatchHandlers>();
        services.AddScoped<UserAdmin>();
        services.AddScoped<ApiTokens>();
        services.AddSingleton<ApiTokenCache>();
        return services;
    }
}
