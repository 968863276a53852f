using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Sources.Import;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Api;

/// <summary>A source record in lists and as a signal's evidence: enough to recognise it and open it.</summary>
public sealed record SourceRecordSummary(
    string Type, long Id, string SourceId, DateTimeOffset OccurredAt, string RegionCode,
    long? EnterpriseId, string? EnterpriseName, string? ProductCategory, string Problem, string Excerpt);

/// <summary>
/// A stored source record: the common fields, the type's own fields under <c>fields</c> (keyed by the same names a
/// client posts), and the text analysis (matched terms, identifiers, enterprise mentions) as stored.
/// </summary>
public sealed record SourceRecordDto(
    string Type, long Id, string SourceId, DateTimeOffset OccurredAt, string RegionCode,
    string? EnterpriseName, string? CreditCode, long? EnterpriseId, string? LinkMethod, double? LinkConfidence,
    string? Product, string? ProductCategory, string Problem, double ClassificationConfidence, VulnerableGroups Vulnerable,
    IReadOnlyDictionary<string, object?> Fields, JsonElement? Analysis, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static SourceRecordDto From(string type, SourceRecord r) => new(
        type, r.Id, r.SourceId, r.OccurredAt, r.RegionCode, r.EnterpriseName, r.EnterpriseCreditCode, r.EnterpriseId, r.LinkMethod, r.LinkConfidence,
        r.ProductText, r.ProductCategory, r.Problem, r.ClassificationConfidence, r.Vulnerable, RiskSourcesApi.OwnFields(r), ParseAnalysis(r.Analysis),
        r.CreatedAt, r.UpdatedAt);

    private static JsonElement? ParseAnalysis(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}

/// <summary>What a single post answers: created, updated or unchanged, and the record as stored.</summary>
public sealed record SavedSourceRecord(string Outcome, SourceRecordDto Record);

/// <summary>One rejected field of one item (batch: 1-based item number; file: spreadsheet row, header = 1).</summary>
public sealed record SourceReject(int Row, string Field, string Column, string? Value, string Reason);

/// <summary>What a batch post or a file import answers: the counts and every rejected field (capped).</summary>
public sealed record SourceImportResponse(
    int Rows, int Created, int Updated, int Unchanged, int RejectedRows,
    IReadOnlyList<SourceReject> Rejects, bool RejectsTruncated, IReadOnlyList<string> IgnoredColumns,
    double Seconds, double RowsPerSecond)
{
    public static SourceImportResponse From(SourceSchema schema, ImportResult r) => new(
        r.Rows, r.Created, r.Updated, r.Unchanged, r.RejectedRows,
        r.Rejects.Take(EnterpriseImportResponse.MaxListed).Select(x => new SourceReject(x.Row, RiskSourcesApi.ApiName(schema, x.Field), x.Field, x.Value, x.Reason)).ToList(),
        r.Rejects.Count > EnterpriseImportResponse.MaxListed, r.IgnoredColumns,
        Math.Round(r.Elapsed.TotalSeconds, 3), Math.Round(r.RowsPerSecond));
}

/// <summary>
/// /api/v1/complaints, /inspections, /cases and /opinions. Posted JSON objects are turned into the importer's rows
/// (property names are the schema's API column names) and go through <see cref="ImportSources.ImportRowsAsync"/>,
/// so a post, a batch and a spreadsheet are validated, keyed and audited the same way.
/// </summary>
public static class RiskSourcesApi
{
    /// <summary>Items one batch post may carry; larger sets are split by the client or uploaded as a file.</summary>
    public const int MaxBatch = 5000;

    private sealed record SourceKind(string Path, string Singular, string Plural, SourceSchema Schema);

    private static readonly SourceKind[] Kinds =
    [
        new("complaints", "Complaint", "Complaints", SourceSchema.Find("complaint")!),
        new("inspections", "Inspection", "Inspections", SourceSchema.Find("inspection")!),
        new("cases", "Case", "Cases", SourceSchema.Find("case")!),
        new("opinions", "Opinion", "Opinions", SourceSchema.Find("opinion")!),
    ];

    public static void MapRiskSourcesApi(this RouteGroupBuilder v1)
    {
        foreach (var kind in Kinds)
        {
            var k = kind;
            var fields = string.Join(", ", k.Schema.Columns.Select(c => c.Api + (c.Required ? " (required)" : "") + (c.Description is null ? "" : $" [{c.Description}]")));
            var group = v1.MapGroup("/" + k.Path).WithTags("RiskSources").RequireAuthorization(Policies.Staff);
            group.MapGet("/", (QualityWatchDbContext db, string? from, string? to, string? regionCode, string? productCategory, string? problem,
                    long? enterpriseId, int? limit, string? cursor, CancellationToken ct) =>
                    ListAsync(k, db, new SourceFilter(from, to, regionCode, productCategory, problem, enterpriseId), limit, cursor, ct))
                .WithName("List" + k.Plural)
                .WithDescription("Newest first. from/to are inclusive yyyy-MM-dd dates; regionCode is a 2, 4 or 6 digit prefix.");
            group.MapGet("/{id:long}", (QualityWatchDbContext db, long id, CancellationToken ct) => GetAsync(k, db, id, ct))
                .WithName("Get" + k.Singular);
            group.MapPost("/", (ImportSources import, QualityWatchDbContext db, [FromBody] JsonElement body, CancellationToken ct) => CreateAsync(k, import, db, body, ct))
                .WithName("Create" + k.Singular).RequireAuthorization(Policies.RegistryEditor)
                .WithDescription($"One JSON object. Fields: {fields}. 201 when created, 200 when updated or unchanged (same source id).");
            group.MapPost("/batch", (ImportSources import, [FromBody] JsonElement body, CancellationToken ct) => BatchAsync(k, import, body, ct))
                .WithName("Create" + k.Plural + "Batch").RequireAuthorization(Policies.RegistryEditor)
                .WithDescription($"A JSON array of at most {MaxBatch} objects. Fields: {fields}. Bad items are rejected by item number and field; good items are kept.");
            group.MapPost("/import", (ImportSources import, IFormFile? file, CancellationToken ct) => ImportAsync(k, import, file, ct))
                .WithName("Import" + k.Plural).RequireAuthorization(Policies.RegistryEditor)
                // Bearer-token scripts cannot fetch an antiforgery token; the auth cookie is SameSite=Lax (see EnterpriseFilesApi).
                .DisableAntiforgery()
                .Accepts<IFormFile>("multipart/form-data")
                .WithDescription("A .xlsx, .xls or .csv file in the multipart field 'file', with the template's Chinese headers or the API field names.");
        }
    }

    private sealed record SourceFilter(string? From, string? To, string? RegionCode, string? ProductCategory, string? Problem, long? EnterpriseId);

    internal static bool TryParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return false;
        date = d;
        return true;
    }

    /// <summary>Checks from/to and regionCode filters; the prefix is null when the filter is absent or national.</summary>
    internal static Dictionary<string, string[]> ParseCommon(string? from, string? to, string? regionCode, out DateOnly? fromDate, out DateOnly? toDate, out string? prefix)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TryParseDate(from, out fromDate))
            errors["from"] = ["from must be a date yyyy-MM-dd"];
        if (!TryParseDate(to, out toDate))
            errors["to"] = ["to must be a date yyyy-MM-dd"];
        prefix = null;
        if (!string.IsNullOrWhiteSpace(regionCode))
        {
            if (RegionCodes.IsWellFormed(regionCode.Trim()))
                prefix = RegionCodes.ToPrefix(regionCode);
            else
                errors["regionCode"] = ["regionCode must be a 2, 4 or 6 digit GB/T 2260 code"];
        }
        return errors;
    }

    internal static void AddPaging(Dictionary<string, string[]> errors, int? limit, string? cursor, out int take, out long after)
    {
        if (Cursor.Validate(limit, cursor, out take, out after) is { } paging)
        {
            foreach (var (k, v) in paging)
                errors[k] = v;
        }
    }

    private static async Task<Results<Ok<ListResponse<SourceRecordSummary>>, ValidationProblem>> ListAsync(
        SourceKind kind, QualityWatchDbContext db, SourceFilter f, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = ParseCommon(f.From, f.To, f.RegionCode, out var from, out var to, out var prefix);
        AddPaging(errors, limit, cursor, out var take, out var after);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        var q = kind.Schema.Query(db).AsNoTracking();
        if (from is { } fd)
            q = q.Where(r => r.Day >= fd.DayNumber);
        if (to is { } td)
            q = q.Where(r => r.Day <= td.DayNumber);
        if (prefix is not null)
            q = q.Where(r => r.RegionCode.StartsWith(prefix));
        if (!string.IsNullOrWhiteSpace(f.ProductCategory))
            q = q.Where(r => r.ProductCategory == f.ProductCategory);
        if (!string.IsNullOrWhiteSpace(f.Problem))
            q = q.Where(r => r.Problem == f.Problem);
        if (f.EnterpriseId is { } e)
            q = q.Where(r => r.EnterpriseId == e);
        if (after > 0)
            q = q.Where(r => r.Id < after);
        var rows = await q.OrderByDescending(r => r.Id).Take(take + 1).ToListAsync(ct);
        var page = Cursor.ToPage(rows, take, r => r.Id);
        var names = await EnterpriseNamesAsync(db, page.Items.Select(r => r.EnterpriseId), ct);
        return TypedResults.Ok(new ListResponse<SourceRecordSummary>(page.Items.Select(r => Summary(kind.Schema.Kind, r, names)).ToList(), page.NextCursor));
    }

    private static async Task<Results<Ok<SourceRecordDto>, NotFound>> GetAsync(SourceKind kind, QualityWatchDbContext db, long id, CancellationToken ct) =>
        await kind.Schema.Query(db).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } r
            ? TypedResults.Ok(SourceRecordDto.From(kind.Schema.Kind, r))
            : TypedResults.NotFound();

    private static async Task<Results<Created<SavedSourceRecord>, Ok<SavedSourceRecord>, ValidationProblem>> CreateAsync(
        SourceKind kind, ImportSources import, QualityWatchDbContext db, JsonElement body, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Object)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["body"] = ["请求体应为一个 JSON 对象 (the body must be one JSON object)"] });
        var ignored = new List<string>();
        var row = ToRow(kind.Schema, body, 1, ignored);
        var result = await import.ImportRowsAsync(kind.Schema, [row], ignored, ct: ct);
        if (result.RejectedRows > 0)
        {
            var errors = result.Rejects.GroupBy(r => ApiName(kind.Schema, r.Field))
                .ToDictionary(g => g.Key, g => g.Select(r => r.Reason).Distinct().ToArray());
            return ApiProblems.Invalid(errors);
        }
        var sourceId = row[SourceSchema.SourceIdField]!;
        var stored = await kind.Schema.Query(db).AsNoTracking().FirstAsync(r => r.SourceId == sourceId, ct);
        var dto = SourceRecordDto.From(kind.Schema.Kind, stored);
        if (result.Created > 0)
            return TypedResults.Created($"/api/v1/{kind.Path}/{stored.Id}", new SavedSourceRecord("created", dto));
        return TypedResults.Ok(new SavedSourceRecord(result.Updated > 0 ? "updated" : "unchanged", dto));
    }

    private static async Task<Results<Ok<SourceImportResponse>, ValidationProblem>> BatchAsync(
        SourceKind kind, ImportSources import, JsonElement body, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Array)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["body"] = ["请求体应为 JSON 数组 (the body must be a JSON array of objects)"] });
        var count = body.GetArrayLength();
        if (count > MaxBatch)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["body"] = [$"每批最多 {MaxBatch} 条，本批 {count} 条 (at most {MaxBatch} items per batch; this one has {count})"] });
        var ignored = new List<string>();
        var rows = body.EnumerateArray().Select((item, i) => ToRow(kind.Schema, item, i + 1, ignored)).ToList();
        var result = await import.ImportRowsAsync(kind.Schema, rows, [.. ignored.Distinct(StringComparer.Ordinal)], ct: ct);
        return TypedResults.Ok(SourceImportResponse.From(kind.Schema, result));
    }

    private static async Task<Results<Ok<SourceImportResponse>, ValidationProblem>> ImportAsync(
        SourceKind kind, ImportSources import, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["file"] = ["上传一个 .xlsx、.xls 或 .csv 文件 (multipart field 'file' is required)"] });
        try
        {
            await using var stream = file.OpenReadStream();
            var result = await import.ImportAsync(kind.Schema, stream, file.FileName, progress: null, ct);
            return TypedResults.Ok(SourceImportResponse.From(kind.Schema, result));
        }
        catch (ImportFileException e)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["file"] = [e.Message] });
        }
    }

    /// <summary>
    /// A JSON object as the importer's row: cells in schema-column order, cleaned like spreadsheet cells (trimmed, blank = absent).
    /// Values that are neither text, number nor boolean are kept as their JSON text and rejected on their field.
    /// </summary>
    internal static SourceRow ToRow(SourceSchema schema, JsonElement item, int number, List<string> ignored)
    {
        var cells = new string?[schema.Columns.Count];
        var row = new SourceRow(number, cells);
        if (item.ValueKind != JsonValueKind.Object)
        {
            row.Errors.Add((SourceSchema.SourceIdField, "该项不是 JSON 对象 (the item is not a JSON object)"));
            return row;
        }
        foreach (var p in item.EnumerateObject())
        {
            var f = FieldIndex(schema, p.Name);
            if (f < 0)
            {
                ignored.Add(p.Name);
                continue;
            }
            var v = p.Value;
            switch (v.ValueKind)
            {
                case JsonValueKind.String:
                    cells[f] = Clean(v.GetString());
                    break;
                case JsonValueKind.Number:
                    cells[f] = v.GetRawText();
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    cells[f] = v.GetBoolean() ? "true" : "false";
                    break;
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    break;
                case JsonValueKind.Array when v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String):
                    // Lists (failed items) may be sent as arrays; the importer reads them as one cell separated by ；.
                    cells[f] = Clean(string.Join('；', v.EnumerateArray().Select(e => Clean(e.GetString())).OfType<string>()));
                    break;
                default:
                    cells[f] = v.GetRawText();
                    row.Errors.Add((f, "应为文本或数字 (must be a string or a number)"));
                    break;
            }
        }
        return row;
    }

    private static int FieldIndex(SourceSchema schema, string name)
    {
        for (var i = 0; i < schema.Columns.Count; i++)
        {
            if (string.Equals(schema.Columns[i].Api, name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }

    private static string? Clean(string? text)
    {
        if (text is null)
            return null;
        var t = text.Trim().Trim('\uFEFF', '\u3000').Trim();
        return t.Length == 0 ? null : t;
    }

    /// <summary>The importer reports a field by its Chinese template header; the API names it as clients send it.</summary>
    internal static string ApiName(SourceSchema schema, string header) =>
        schema.Columns.FirstOrDefault(c => c.ChineseHeader == header)?.Api ?? header;

    /// <summary>The type's own fields, under the names a client posts them.</summary>
    internal static IReadOnlyDictionary<string, object?> OwnFields(SourceRecord r) => r switch
    {
        Complaint c => new Dictionary<string, object?>
        {
            ["channel"] = c.Channel,
            ["complainantType"] = c.ComplainantType,
            ["problemText"] = c.ProblemText,
            ["amount"] = c.Amount,
            ["status"] = c.Status,
        },
        InspectionResult i => new Dictionary<string, object?>
        {
            ["plan"] = i.Plan,
            ["batchNumber"] = i.BatchNumber,
            ["standard"] = i.Standard,
            ["verdict"] = i.Verdict == InspectionVerdict.Fail ? "fail" : "pass",
            ["failedItems"] = i.FailedItems,
        },
        EnforcementCase e => new Dictionary<string, object?>
        {
            ["closedAt"] = e.ClosedAt,
            ["violationType"] = e.ViolationType,
            ["goodsSeized"] = e.GoodsSeized,
            ["penalty"] = e.Penalty,
            ["summary"] = e.Summary,
        },
        OpinionItem o => new Dictionary<string, object?>
        {
            ["sourceSite"] = o.SourceSite,
            ["title"] = o.Title,
            ["text"] = o.Text,
            ["feed"] = o.Feed,
        },
        _ => new Dictionary<string, object?>(),
    };

    public const int ExcerptLength = 120;

    /// <summary>The line an officer recognises a record by: the complaint's problem, the failed items, the case, the headline.</summary>
    internal static string Excerpt(SourceRecord r)
    {
        var text = r switch
        {
            Complaint c => c.ProblemText,
            InspectionResult i => string.Join("；", new[] { i.ProductText }.Concat(i.FailedItems).Where(s => !string.IsNullOrWhiteSpace(s))),
            EnforcementCase e => string.Join("：", new[] { e.ViolationType, e.Summary ?? e.GoodsSeized ?? e.ProductText }.Where(s => !string.IsNullOrWhiteSpace(s))),
            OpinionItem o => o.Title,
            _ => r.ProductText ?? "",
        };
        text = text.ReplaceLineEndings(" ");
        return text.Length <= ExcerptLength ? text : text[..(ExcerptLength - 1)] + "…";
    }

    internal static SourceRecordSummary Summary(string type, SourceRecord r, IReadOnlyDictionary<long, string> enterpriseNames) => new(
        type, r.Id, r.SourceId, r.OccurredAt, r.RegionCode, r.EnterpriseId,
        r.EnterpriseId is { } e && enterpriseNames.TryGetValue(e, out var name) ? name : r.EnterpriseName,
        r.ProductCategory, r.Problem, Excerpt(r));

    /// <summary>Registered names of linked enterprises the caller can see; others fall back to the name as given.</summary>
    internal static async Task<Dictionary<long, string>> EnterpriseNamesAsync(QualityWatchDbContext db, IEnumerable<long?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<long>().Distinct().ToList();
        if (wanted.Count == 0)
            return [];
        return await db.Enterprises.AsNoTracking().Where(e => wanted.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
    }
}
