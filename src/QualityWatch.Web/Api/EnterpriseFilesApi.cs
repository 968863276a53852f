using Microsoft.AspNetCore.Http.HttpResults;
using QualityWatch.Core.Registry.Enterprises.Export;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Api;

/// <summary>What an import answers: the counts, and every rejected field (capped, the count says how many there were).</summary>
public sealed record EnterpriseImportResponse(
    int Rows, int Created, int Updated, int Unchanged, int RejectedRows,
    IReadOnlyList<ImportReject> Rejects, bool RejectsTruncated,
    IReadOnlyList<ImportWarning> Warnings, IReadOnlyList<string> IgnoredColumns,
    double Seconds, double RowsPerSecond)
{
    /// <summary>More than this many reject lines are left to the reject file a client can build from a re-run.</summary>
    public const int MaxListed = 1000;

    public static EnterpriseImportResponse From(ImportResult r) => new(
        r.Rows, r.Created, r.Updated, r.Unchanged, r.RejectedRows,
        r.Rejects.Take(MaxListed).ToList(), r.Rejects.Count > MaxListed,
        r.Warnings.Take(MaxListed).ToList(), r.IgnoredColumns,
        Math.Round(r.Elapsed.TotalSeconds, 3), Math.Round(r.RowsPerSecond));
}

/// <summary>Spreadsheet import and export of enterprises (the upload page calls <see cref="ImportEnterprises"/> directly).</summary>
public static class EnterpriseFilesApi
{
    public static void MapEnterpriseFilesApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/enterprises").WithTags("Enterprises");
        group.MapPost("/import", ImportAsync).WithName("ImportEnterprises")
            .RequireAuthorization(Policies.RegistryEditor)
            // Bearer-token scripts cannot fetch an antiforgery token. Cookie callers are not exposed: the auth
            // cookie is SameSite=Lax, so a cross-site form post arrives without it and is refused.
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data");
        group.MapGet("/export", Export).WithName("ExportEnterprises")
            .Produces(StatusCodes.Status200OK, contentType: ExportEnterprises.ContentType(ExportFormat.Csv), additionalContentTypes: ExportEnterprises.ContentType(ExportFormat.Xlsx));
    }

    private static async Task<Results<Ok<EnterpriseImportResponse>, ValidationProblem>> ImportAsync(
        ImportEnterprises import, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["file"] = ["上传一个 .xlsx、.xls 或 .csv 文件 (multipart field 'file' is required)"] });
        try
        {
            await using var stream = file.OpenReadStream();
            var result = await import.ImportAsync(stream, file.FileName, progress: null, ct);
            return TypedResults.Ok(EnterpriseImportResponse.From(result));
        }
        catch (ImportFileException e)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["file"] = [e.Message] });
        }
    }

    private static Results<PushStreamHttpResult, ValidationProblem> Export(HttpContext http, ExportEnterprises export, string? format, string? regionCode)
    {
        var errors = EnterprisesApi.ParseFilter(null, regionCode, null, null, out var filter);
        if (!ExportEnterprises.TryParseFormat(format ?? "csv", out var f))
            errors["format"] = ["format must be csv or xlsx"];
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        return TypedResults.Stream(
            async stream => await export.WriteAsync(stream, f, filter, http.RequestAborted),
            ExportEnterprises.ContentType(f),
            ExportEnterprises.FileName(f, regionCode));
    }
}
