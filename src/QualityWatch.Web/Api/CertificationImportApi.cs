using Microsoft.AspNetCore.Http.HttpResults;
using QualityWatch.Core.Certification.Import;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Api;

/// <summary>
/// Spreadsheet imports of the certification registry over HTTP, the same handlers as `qw import bodies|certificates|
/// certificate-events` with the same guarantees (validated per field, idempotent re-runs, audited): what the issue
/// calls import "from CSV/XLSX, API and pages". Answers the counts and rejects like the enterprise import.
/// </summary>
public static class CertificationImportApi
{
    public static void MapCertificationImportApi(this RouteGroupBuilder v1)
    {
        // Bearer-token scripts cannot fetch an antiforgery token; the auth cookie is SameSite=Lax (see EnterpriseFilesApi).
        v1.MapPost("/certificates/import", (ImportCertificates import, IFormFile? file, CancellationToken ct) =>
                RunAsync(file, (s, name) => import.ImportAsync(s, name, progress: null, ct)))
            .WithName("ImportCertificates").WithTags("Certificates").RequireAuthorization(Policies.RegistryEditor)
            .DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .WithDescription("A .xlsx, .xls or .csv file (CNCA-export-like Chinese headers, see docs/certification.md § Import) in the multipart field 'file'. "
                + "Certificates are keyed by scheme, number and issuer; a re-run changes nothing. Holders outside the caller's region are rejected by row.");
        v1.MapPost("/certificates/events/import", (ImportCertificateEvents import, IFormFile? file, CancellationToken ct) =>
                RunAsync(file, (s, name) => import.ImportAsync(s, name, progress: null, ct)))
            .WithName("ImportCertificateEvents").WithTags("Certificates").RequireAuthorization(Policies.RegistryEditor)
            .DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .WithDescription("Lifecycle events and surveillance audits of stored certificates, one per row, checked against each certificate's history.");
        v1.MapPost("/certification-bodies/import", (ImportBodies import, IFormFile? file, CancellationToken ct) =>
                RunAsync(file, (s, name) => import.ImportAsync(s, name, progress: null, ct)))
            .WithName("ImportCertificationBodies").WithTags("CertificationBodies").RequireAuthorization(Policies.RegistryEditor)
            .DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .WithDescription("Certification bodies with scopes and status history. National records: only national staff import them (400 naming the file otherwise).");
    }

    private static async Task<Results<Ok<EnterpriseImportResponse>, ValidationProblem>> RunAsync(IFormFile? file, Func<Stream, string, Task<ImportResult>> import)
    {
        if (file is null || file.Length == 0)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["file"] = ["上传一个 .xlsx、.xls 或 .csv 文件 (multipart field 'file' is required)"] });
        try
        {
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(EnterpriseImportResponse.From(await import(stream, Path.GetFileName(file.FileName))));
        }
        catch (ImportFileException e)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["file"] = [e.Message] });
        }
    }
}
