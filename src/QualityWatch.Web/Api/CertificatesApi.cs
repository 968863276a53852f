using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.BatchVerify;
using QualityWatch.Core.Certification.Lifecycle;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Web.Hosting;
using QualityWatch.Web.Pages.Certificates;
using QualityWatch.Web.Pages.Verify;

namespace QualityWatch.Web.Api;

public sealed record VerificationEvidence(string Zh, string En);

public sealed record VerificationCheck(string Id, bool Passed, string Severity, VerificationEvidence Evidence);

/// <summary>
/// The verification JSON (<see cref="VerificationJson"/>). <c>certificate</c> is the full record for callers whose region
/// covers it, else the public fields only (scheme, number, status, issuer, holder name, products, dates).
/// </summary>
public sealed record VerificationDocument(string Verdict, IReadOnlyList<VerificationCheck> Checks, JsonElement? Certificate);

/// <summary>One item of a batch: its 1-based index, the item as posted, and either the result or the errors naming its fields.</summary>
public sealed record BatchVerificationItem(int Index, JsonElement Input, VerificationDocument? Result, IReadOnlyDictionary<string, string[]>? Errors);

public sealed record BatchVerificationDocument(int Count, int Rejected, IReadOnlyDictionary<string, int> Verdicts, IReadOnlyList<BatchVerificationItem> Items);

public sealed record CertificateIssuer(string Key, string? Number, string? NameZh, string? NameEn, string? Kind);

public sealed record CertificateEvent(long Id, DateOnly Date, string Kind, string? Note, DateTimeOffset RecordedAt);

/// <summary>A lifecycle event an officer records: action suspend | resume | withdraw | revoke | change, date yyyy-MM-dd (default today), note.</summary>
public sealed record CertificateEventBody(string? Action, string? Date, string? Note);

public sealed record CertificateSurveillanceAudit(DateOnly Date, bool Passed, string? Note);

/// <summary>A stored certificate with its certification-activity trail (lifecycle events), surveillance audits and change audit entries.</summary>
public sealed record CertificateDetail(
    long Id, string Scheme, string Number, string NumberKey, CertificateIssuer Issuer,
    string HolderName, string? HolderCreditCode, long? HolderEnterpriseId, string? RegionCode,
    string? Manufacturer, string? Factory, IReadOnlyList<string> PrivateLabels,
    string? ProductCategory, IReadOnlyList<string> Products, IReadOnlyList<string> Models,
    string? Standard, string? Legislation, string? Module,
    DateOnly? AppliedOn, DateOnly IssuedOn, DateOnly? ExpiresOn, decimal? Fee, string Status,
    IReadOnlyList<CertificateEvent> Events, IReadOnlyList<CertificateSurveillanceAudit> SurveillanceAudits,
    IReadOnlyList<AuditEntry> AuditTrail, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// /api/v1/certificates: verification (single: anyone, anonymous callers under the shared <see cref="RateLimiting.Verify"/>
/// budget; batch and file: staff), and the staff registry reads and lifecycle events.
/// </summary>
public static class CertificatesApi
{
    /// <summary>Items one batch may carry; larger sets go through the spreadsheet upload.</summary>
    public const int MaxBatch = 1000;

    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    public static void MapCertificatesApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/certificates").WithTags("Certificates");
        group.MapPost("/verify", VerifyAsync)
            .WithName("VerifyCertificate").AllowAnonymous().RequireRateLimiting(RateLimiting.Verify)
            .WithDescription("One claim: number or text (pasted), optional product, model, holder (name or credit code), holderCreditCode, issuer, "
                + $"scheme ({VerifyClaim.SchemeTokens}), markings, asOf (yyyy-MM-dd, default today in China). Anyone may call it; anonymous and "
                + "non-staff callers share the per-address budget of the /verify page (429 when spent) and get the public view of the certificate.");
        group.MapPost("/verify/batch", BatchAsync)
            .WithName("VerifyCertificatesBatch").RequireAuthorization(Policies.Staff)
            .WithDescription($"A JSON array of at most {MaxBatch} claims (objects as for /verify, or plain number strings). One result per item, "
                + "in order, with the item echoed; an item with a bad field gets its errors and the others are still verified.");
        group.MapPost("/verify/file", FileAsync)
            .WithName("VerifyCertificatesFile").RequireAuthorization(Policies.Staff)
            // Bearer-token scripts cannot fetch an antiforgery token; the auth cookie is SameSite=Lax (see EnterpriseFilesApi).
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .Produces(StatusCodes.Status200OK, contentType: VerifySpreadsheet.ContentType(SpreadsheetFormat.Xlsx), additionalContentTypes: VerifySpreadsheet.ContentType(SpreadsheetFormat.Csv))
            .WithDescription("A .xlsx, .xls or .csv file (UTF-8 or GB18030) in the multipart field 'file', optional field asOf (yyyy-MM-dd). Answers the same sheet "
                + "with verdict, failed checks, status, holder and issuer columns added (CSV in → CSV with BOM out, xlsx/xls in → xlsx out); "
                + "the failed-check evidence follows the rule of /verify: public facts only for certificates outside the caller's region; "
                + $"the counts are in the headers {RowsHeader}, {CountHeaderPrefix}authentic|suspicious|invalid|unknown|blank.");
        group.MapGet("/", ListAsync).WithName("ListCertificates").RequireAuthorization(Policies.Staff)
            .WithDescription("Newest first. number (any typed form), holder (name fragment or credit code), issuer (body key, number or name), "
                + $"status ({string.Join(", ", CertificateList.Statuses)}), scheme, category (product-category code), region (2, 4 or 6 digit prefix). "
                + "Only certificates whose holder is in the caller's region are listed.");
        group.MapGet("/{id:long}", GetAsync).WithName("GetCertificate").RequireAuthorization(Policies.Staff)
            .WithDescription("The certificate with its lifecycle events (the certification-activity trail), surveillance audits and audit entries. 404 outside the caller's region.");
        group.MapPost("/{id:long}/events", RecordEventAsync).WithName("RecordCertificateEvent").RequireAuthorization(Policies.RegistryEditor)
            .WithDescription($"{{\"action\": {string.Join(" | ", LifecycleWords.OfficerActions)} (or 暂停/恢复/注销/撤销/变更), \"date\": yyyy-MM-dd (default today), \"note\"}}. "
                + "201 with the certificate when recorded, 200 when the same event is already there, 400 naming the field when the history does not allow it "
                + "(withdrawn and revoked are final), 404 outside the caller's region. Audited; verification sees it at once.");
    }

    private static async Task<Results<VerificationJsonResult, ValidationProblem>> VerifyAsync(
        HttpContext http, RegistrySnapshot snapshot, QualityWatchDbContext db, TimeProvider clock, [FromBody] VerifyClaim claim, CancellationToken ct)
    {
        if (!claim.TryBuild(VerifyClaim.Today(clock), out var request, out var asOf, out var errors))
            return ApiProblems.Invalid(errors);
        var verified = await WebVerification.VerifyAsync(snapshot, db, http.User.Identity?.IsAuthenticated == true, request, asOf, ct);
        return new VerificationJsonResult(verified);
    }

    private static async Task<Results<BatchVerificationResult, ValidationProblem>> BatchAsync(
        HttpContext http, RegistrySnapshot snapshot, QualityWatchDbContext db, TimeProvider clock, [FromBody] JsonElement body, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Array)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["body"] = ["请求体应为 JSON 数组 (the body must be a JSON array of claims)"] });
        var count = body.GetArrayLength();
        if (count > MaxBatch)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["body"] = [$"每批最多 {MaxBatch} 条，本批 {count} 条 (at most {MaxBatch} items per batch; this one has {count})"] });
        var today = VerifyClaim.Today(clock);
        var inputs = body.EnumerateArray().Select(e => e.Clone()).ToList();
        var claims = new List<(VerificationRequest, DateOnly)?>(count);
        var errors = new Dictionary<string, string[]>?[count];
        for (var i = 0; i < count; i++)
        {
            if (!ReadClaim(inputs[i], out var claim, out var readError))
            {
                claims.Add(null);
                errors[i] = readError;
                continue;
            }
            if (claim.TryBuild(today, out var request, out var asOf, out var itemErrors))
            {
                claims.Add((request, asOf));
                continue;
            }
            claims.Add(null);
            errors[i] = itemErrors;
        }
        var results = await WebVerification.VerifyManyAsync(snapshot, db, http.User.Identity?.IsAuthenticated == true, claims, ct);
        return new BatchVerificationResult(inputs, results, errors);
    }

    public const string RowsHeader = "X-Verify-Rows";
    public const string CountHeaderPrefix = "X-Verify-";
    public const string FileNameHeader = "X-Verify-File-Name";
    private static readonly string[] SheetExtensions = [".xlsx", ".xls", ".csv"];

    private static async Task<Results<FileStreamHttpResult, ValidationProblem>> FileAsync(
        HttpContext http, RegistrySnapshot snapshot, QualityWatchDbContext db, TimeProvider clock, IFormFile? file, [FromForm] string? asOf, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (file is null || file.Length == 0)
            errors["file"] = ["上传一个 .xlsx、.xls 或 .csv 文件 (multipart field 'file' is required)"];
        else if (!SheetExtensions.Contains(Path.GetExtension(file.FileName), StringComparer.OrdinalIgnoreCase))
            errors["file"] = [$"{file.FileName}：只接受 .xlsx、.xls 或 .csv 文件 (only .xlsx, .xls and .csv files are accepted)"];
        var date = VerifyClaim.Today(clock);
        if (VerifyClaim.Clean(asOf) is { } d && !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            errors["asOf"] = [$"查询日期应为 yyyy-MM-dd (asOf must be a date yyyy-MM-dd, got '{d}')"];
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        var name = Path.GetFileName(file!.FileName);
        var format = VerifySpreadsheet.OutputFormatFor(name);
        var registry = await snapshot.GetAsync(ct);
        // Written to a temporary file first: the counts go in the headers, which must leave before the body.
        var output = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            BatchVerifyResult result;
            await using (var input = file.OpenReadStream())
                result = await VerifySpreadsheet.RunAsync(input, name, output, format, date, registry, WebVerification.SpreadsheetView(db), ct);
            output.Position = 0;
            var downloadName = VerifySpreadsheet.OutputFileName(name, result.Format);
            var headers = http.Response.Headers;
            headers[RowsHeader] = result.Rows.ToString(CultureInfo.InvariantCulture);
            headers[CountHeaderPrefix + "Authentic"] = result.Authentic.ToString(CultureInfo.InvariantCulture);
            headers[CountHeaderPrefix + "Suspicious"] = result.Suspicious.ToString(CultureInfo.InvariantCulture);
            headers[CountHeaderPrefix + "Invalid"] = result.Invalid.ToString(CultureInfo.InvariantCulture);
            headers[CountHeaderPrefix + "Unknown"] = result.Unknown.ToString(CultureInfo.InvariantCulture);
            headers[CountHeaderPrefix + "Blank"] = result.Blank.ToString(CultureInfo.InvariantCulture);
            headers[FileNameHeader] = Uri.EscapeDataString(downloadName);
            return TypedResults.File(output, VerifySpreadsheet.ContentType(result.Format), downloadName);
        }
        catch (ImportFileException e)
        {
            await output.DisposeAsync();
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["file"] = [e.Message] });
        }
        catch
        {
            await output.DisposeAsync();
            throw;
        }
    }

    /// <summary>An item as a claim: an object with the /verify fields, or a bare string taken as the number.</summary>
    private static bool ReadClaim(JsonElement item, out VerifyClaim claim, out Dictionary<string, string[]>? errors)
    {
        errors = null;
        claim = new VerifyClaim();
        if (item.ValueKind == JsonValueKind.String)
        {
            claim = new VerifyClaim(Number: item.GetString());
            return true;
        }
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors = new() { ["item"] = ["该项应为 JSON 对象或编号字符串 (the item must be a JSON object or a number string)"] };
            return false;
        }
        foreach (var p in item.EnumerateObject())
        {
            if (p.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                (errors ??= [])[p.Name] = ["应为文本 (must be a string)"];
        }
        if (errors is not null)
            return false;
        claim = item.Deserialize<VerifyClaim>(ReadOptions) ?? claim;
        return true;
    }

    private static async Task<Results<Ok<ListResponse<CertificateSummary>>, ValidationProblem>> ListAsync(
        RegistrySnapshot snapshot, QualityWatchDbContext db, TimeProvider clock,
        string? number, string? holder, string? issuer, string? status, string? scheme, string? category, string? region,
        int? limit, string? cursor, CancellationToken ct)
    {
        var filter = new CertificateFilter(number, holder, issuer, status, scheme, category, region);
        var errors = CertificateList.Validate(filter);
        if (Cursor.Validate(limit, cursor, out var take, out var before) is { } paging)
        {
            foreach (var (k, v) in paging)
                errors[k] = v;
        }
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        var registry = await snapshot.GetAsync(ct);
        var today = VerifyClaim.Today(clock);
        var page = await CertificateList.PageAsync(CertificateList.Apply(db.Certificates, filter, registry, today), registry, today, take, before, ct);
        return TypedResults.Ok(ListResponse<CertificateSummary>.From(page));
    }

    private static async Task<Results<Ok<CertificateDetail>, NotFound>> GetAsync(
        RegistrySnapshot snapshot, QualityWatchDbContext db, TimeProvider clock, long id, CancellationToken ct) =>
        await LoadDetailAsync(snapshot, db, VerifyClaim.Today(clock), id, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    private static async Task<Results<Created<CertificateDetail>, Ok<CertificateDetail>, ValidationProblem, NotFound, ForbidHttpResult>> RecordEventAsync(
        [FromServices] RecordCertificateEvent record, RegistrySnapshot snapshot, QualityWatchDbContext db, TimeProvider clock, long id,
        [FromBody] CertificateEventBody body, CancellationToken ct)
    {
        DateOnly? date = null;
        if (VerifyClaim.Clean(body.Date) is { } d)
        {
            if (!DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return ApiProblems.Invalid(new Dictionary<string, string[]> { ["date"] = [$"日期应为 yyyy-MM-dd (date must be yyyy-MM-dd, got '{d}')"] });
            date = parsed;
        }
        var result = await record.RunAsync(id, new CertificateEventInput(body.Action, date, body.Note), ct);
        switch (result.Outcome)
        {
            case LifecycleOutcome.NotFound:
                return TypedResults.NotFound();
            case LifecycleOutcome.Forbidden:
                return TypedResults.Forbid();
            case LifecycleOutcome.Invalid:
                return ApiProblems.Invalid(result.Errors.ToDictionary(e => e.Key, e => e.Value));
        }
        var detail = await LoadDetailAsync(snapshot, db, VerifyClaim.Today(clock), id, ct);
        if (detail is null)
            return TypedResults.NotFound();
        return result.Outcome == LifecycleOutcome.Recorded
            ? TypedResults.Created($"/api/v1/certificates/{id}", detail)
            : TypedResults.Ok(detail);
    }

    /// <summary>The detail as the API answers it; null when the certificate does not exist or is outside the caller's region.</summary>
    internal static async Task<CertificateDetail?> LoadDetailAsync(RegistrySnapshot snapshot, QualityWatchDbContext db, DateOnly today, long id, CancellationToken ct)
    {
        var c = await db.Certificates.AsNoTracking().Include(x => x.Events).Include(x => x.Audits).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
            return null;
        var registry = await snapshot.GetAsync(ct);
        var body = registry.BodyById(c.IssuerKey);
        var key = c.Id.ToString(CultureInfo.InvariantCulture);
        // The certificate's own entries and those of its lifecycle events and surveillance audits (audited under their ids).
        var eventKeys = c.Events.Select(e => e.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var auditKeys = c.Audits.Select(a => a.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var trail = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == nameof(CertificateRecord) && a.EntityId == key)
                || (a.EntityType == nameof(CertificateEventRecord) && eventKeys.Contains(a.EntityId))
                || (a.EntityType == nameof(SurveillanceAuditRecord) && auditKeys.Contains(a.EntityId)))
            .OrderBy(a => a.Id).Take(1000).ToListAsync(ct);
        return new CertificateDetail(
            c.Id, c.Scheme.Token(), c.Number, c.NumberKey,
            new CertificateIssuer(c.IssuerKey, body?.Number, body?.NameZh, body?.NameEn, body?.Kind.ToString()),
            c.HolderName, c.HolderCreditCode, c.HolderEnterpriseId, c.RegionCode, c.Manufacturer, c.Factory, c.PrivateLabels,
            c.ProductCategory, c.Products, c.Models, c.Standard, c.Legislation, c.Module,
            c.AppliedOn, c.IssuedOn, c.ExpiresOn, c.Fee, CertificateList.StatusToken(c, today),
            [.. c.Events.OrderBy(e => e.Date).ThenBy(e => e.Id).Select(e => new CertificateEvent(e.Id, e.Date, e.Kind.ToString().ToLowerInvariant(), e.Note, e.RecordedAt))],
            [.. c.Audits.OrderBy(a => a.Date).Select(a => new CertificateSurveillanceAudit(a.Date, a.Passed, a.Note))],
            trail, c.CreatedAt, c.UpdatedAt);
    }
}

/// <summary>Writes a verification with <see cref="VerificationJson"/> (or its public form) straight into the response.</summary>
public sealed class VerificationJsonResult(VerifiedClaim verified) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using (var w = new Utf8JsonWriter(httpContext.Response.BodyWriter, CertificatesApi.WriterOptions))
            verified.Write(w);
        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(VerificationDocument), ["application/json"]));
    }
}

/// <summary>Writes a batch's results item by item, flushing as it goes so 1,000 results are not held twice in memory.</summary>
public sealed class BatchVerificationResult(
    IReadOnlyList<JsonElement> inputs, IReadOnlyList<VerifiedClaim?> results, IReadOnlyList<Dictionary<string, string[]>?> errors)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var verdicts = Enum.GetValues<Verdict>().ToDictionary(v => v.Token(), v => results.Count(r => r?.Result.Verdict == v));
        await using var w = new Utf8JsonWriter(response.BodyWriter, CertificatesApi.WriterOptions);
        w.WriteStartObject();
        w.WriteNumber("count", inputs.Count);
        w.WriteNumber("rejected", errors.Count(e => e is not null));
        w.WriteStartObject("verdicts");
        foreach (var (k, n) in verdicts)
            w.WriteNumber(k, n);
        w.WriteEndObject();
        w.WriteStartArray("items");
        for (var i = 0; i < inputs.Count; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("index", i + 1);
            w.WritePropertyName("input");
            inputs[i].WriteTo(w);
            w.WritePropertyName("result");
            if (results[i] is { } r)
                r.Write(w);
            else
                w.WriteNullValue();
            w.WritePropertyName("errors");
            if (errors[i] is { } e)
                JsonSerializer.Serialize(w, e);
            else
                w.WriteNullValue();
            w.WriteEndObject();
            if (i % 50 == 49)
            {
                await w.FlushAsync(httpContext.RequestAborted);
                await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(httpContext.RequestAborted);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(BatchVerificationDocument), ["application/json"]));
    }
}
