using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Save;
using QualityWatch.Core.Registry.Enterprises.Search;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Regions;

namespace QualityWatch.Core.Registry.Enterprises.Import;

/// <summary>
/// Imports enterprises from a spreadsheet, keyed by credit code. Rules (see docs/import-export.md):
/// <list type="bullet">
/// <item>Each row is checked by <see cref="EnterpriseValidator"/>, the same rules as the API; a bad row is reported per field and skipped, good rows are kept.</item>
/// <item>A blank cell or a missing column keeps the stored value, so a sheet with only a few columns updates only those.</item>
/// <item>Re-importing the same data writes nothing, not even audit entries; a changed value is updated and audited with before/after.</item>
/// <item>A credit code repeated inside the file: the first valid row wins, later ones are rejected, because silently letting a later row overwrite an earlier one hides a data error.</item>
/// <item>Rows are committed <see cref="BatchSize"/> at a time, each batch with its audit entries in one transaction, so a crash loses only the batch in flight.</item>
/// </list>
/// </summary>
public sealed class ImportEnterprises(QualityWatchDbContext db, AuditContext auditContext)
{
    public const int BatchSize = 1000;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private sealed record Row(int Number, EnterpriseInput Input, string?[] Raw);

    private sealed record Snapshot(string Name, string NormalizedName, CreditCodeStatus CreditCodeStatus, string RegionCode, string? Address,
        string? LegalRepresentative, EnterpriseTypes Types, string[] ProductionLicences, EnterpriseStatus Status, string[] Aliases, DateTimeOffset UpdatedAt)
    {
        public static Snapshot Of(Enterprise e) => new(e.Name, e.NormalizedName, e.CreditCodeStatus, e.RegionCode, e.Address, e.LegalRepresentative,
            e.Types, [.. e.ProductionLicences], e.Status, [.. e.Aliases], e.UpdatedAt);
    }

    /// <summary>Imports a file on disk and writes the reject file next to it (or removes a stale one).</summary>
    public Task<ImportResult> ImportFileAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        ImportFile.RunAsync(path, (file, name) => ImportAsync(file, name, progress, ct), ct);

    /// <summary>Imports from a stream (an upload); a non-seekable stream is buffered to a temporary file first.</summary>
    public Task<ImportResult> ImportAsync(Stream input, string fileName, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        ImportFile.SeekableAsync(input, seekable => ImportSeekableAsync(seekable, fileName, progress, ct), ct);

    private async Task<ImportResult> ImportSeekableAsync(Stream input, string fileName, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var sheet = SheetReader.Open(input, fileName);
        var columns = new int[Enum.GetValues<EnterpriseField>().Length];
        Array.Fill(columns, -1);
        var ignored = new List<string>();
        for (var i = 0; i < sheet.Headers.Count; i++)
        {
            if (EnterpriseColumns.Match(sheet.Headers[i]) is { } field && columns[(int)field] < 0)
                columns[(int)field] = i;
            else if (sheet.Headers[i].Length > 0)
                ignored.Add(sheet.Headers[i]);
        }
        if (columns[(int)EnterpriseField.CreditCode] < 0)
            throw new ImportFileException("缺少“统一社会信用代码”列 (no credit code column: 统一社会信用代码 or creditCode)");

        var counties = (await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.County).Select(r => r.Code).ToListAsync(ct)).ToHashSet();
        var state = new State(columns, sheet.Headers, counties);
        var batch = new List<Row>(BatchSize);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        var audit = db.AuditEnabled;
        // Change detection over thousands of tracked rows and the generic audit capture cost more than
        // the inserts; this handler diffs and audits each row itself.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AuditEnabled = false;
        try
        {
            while (sheet.Read())
            {
                ct.ThrowIfCancellationRequested();
                batch.Add(ReadRow(sheet, columns));
                if (batch.Count == BatchSize)
                {
                    await FlushAsync(batch, state, ct);
                    batch.Clear();
                    progress?.Report(new ImportProgress(state.Rows, sheet.Fraction));
                }
            }
            await FlushAsync(batch, state, ct);
            progress?.Report(new ImportProgress(state.Rows, 1));
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            db.AuditEnabled = audit;
        }
        return new ImportResult(state.Rows, state.Created, state.Updated, state.Unchanged, state.RejectedRows,
            state.Rejects, state.Warnings, ignored, clock.Elapsed);
    }

    private sealed class State(int[] columns, IReadOnlyList<string> headers, HashSet<string> counties)
    {
        public int[] Columns { get; } = columns;
        public IReadOnlyList<string> Headers { get; } = headers;
        public HashSet<string> Counties { get; } = counties;
        /// <summary>Credit code → the row that first imported it.</summary>
        public Dictionary<string, int> Seen { get; } = new(StringComparer.Ordinal);
        public List<ImportReject> Rejects { get; } = [];
        public List<ImportWarning> Warnings { get; } = [];
        public int Rows { get; set; }
        public int Created { get; set; }
        public int Updated { get; set; }
        public int Unchanged { get; set; }
        public int RejectedRows { get; set; }
    }

    private static Row ReadRow(SheetReader sheet, int[] columns)
    {
        var raw = new string?[columns.Length];
        for (var f = 0; f < columns.Length; f++)
            raw[f] = columns[f] < 0 ? null : sheet.Cell(columns[f]);
        var input = new EnterpriseInput
        {
            CreditCode = raw[(int)EnterpriseField.CreditCode],
            Name = raw[(int)EnterpriseField.Name],
            RegionCode = raw[(int)EnterpriseField.RegionCode],
            Address = raw[(int)EnterpriseField.Address],
            LegalRepresentative = raw[(int)EnterpriseField.LegalRepresentative],
            Types = raw[(int)EnterpriseField.Types] is { } t ? [t] : null,
            ProductionLicences = SplitList(raw[(int)EnterpriseField.ProductionLicences]),
            Status = raw[(int)EnterpriseField.Status],
            Aliases = SplitList(raw[(int)EnterpriseField.Aliases]),
        };
        return new Row(sheet.RowNumber, input, raw);
    }

    /// <summary>Lists are written 甲；乙 or one per line; commas are not separators because English names contain "Co., Ltd.".</summary>
    public static IReadOnlyList<string>? SplitList(string? cell) =>
        cell?.Split(['；', ';', '、', '|', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task FlushAsync(List<Row> batch, State state, CancellationToken ct)
    {
        if (batch.Count == 0)
            return;
        state.Rows += batch.Count;
        var codes = batch.Select(r => CreditCode.Normalise(r.Input.CreditCode)).Where(c => c.Length == 18).Distinct().ToList();
        // Tracked, because rows that differ are updated in place; unfiltered, because a code registered
        // outside the caller's region still exists and must not be created twice.
        var existing = codes.Count == 0
            ? []
            : await db.Enterprises.IgnoreQueryFilters().Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, StringComparer.Ordinal, ct);

        var now = db.Clock.GetUtcNow();
        var created = new List<Enterprise>();
        var updated = new List<(Enterprise Enterprise, Snapshot Before)>();
        foreach (var row in batch)
        {
            var code = CreditCode.Normalise(row.Input.CreditCode);
            if (code.Length > 0 && state.Seen.TryGetValue(code, out var first))
            {
                Reject(state, row, EnterpriseField.CreditCode, $"统一社会信用代码与第 {first} 行重复，仅导入第一行 (duplicate of row {first} in this file)");
                continue;
            }
            existing.TryGetValue(code, out var current);
            if (current is not null && !db.Scope.Covers(current.RegionCode))
            {
                Reject(state, row, EnterpriseField.CreditCode, "该统一社会信用代码已登记为您管辖范围以外的企业 (registered to an enterprise outside your region)");
                continue;
            }
            // For a known enterprise a blank name or region keeps the stored one, as every other blank cell does.
            var input = current is null ? row.Input : row.Input with
            {
                Name = row.Input.Name ?? current.Name,
                RegionCode = row.Input.RegionCode ?? current.RegionCode,
            };
            var v = EnterpriseValidator.Validate(input, state.Counties, db.Scope);
            if (!v.IsValid)
            {
                foreach (var (field, messages) in v.Errors)
                {
                    var f = EnterpriseColumns.FromApiName(field) ?? EnterpriseField.CreditCode;
                    foreach (var message in messages)
                        Reject(state, row, f, message, countRow: false);
                }
                state.RejectedRows++;
                continue;
            }
            foreach (var w in v.Warnings)
                state.Warnings.Add(new ImportWarning(row.Number, w));
            state.Seen[v.CreditCode] = row.Number;
            if (current is null)
            {
                var e = new Enterprise { Name = v.Name, CreditCode = v.CreditCode, RegionCode = v.RegionCode, CreatedAt = now };
                SaveEnterprise.Apply(e, input, v, now);
                created.Add(e);
                continue;
            }
            var before = Snapshot.Of(current);
            current.Name = v.Name;
            current.RegionCode = v.RegionCode;
            SaveEnterprise.Apply(current, input, v, now, keepMissing: true);
            if (SameValues(Snapshot.Of(current), before))
            {
                state.Unchanged++;
                continue;
            }
            current.UpdatedAt = now;
            updated.Add((current, before));
        }
        if (created.Count == 0 && updated.Count == 0)
        {
            db.ChangeTracker.Clear();
            return;
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // Reading ids back per row (RETURNING) costs more than the inserts; one lookup by credit code is cheaper.
            await BulkInsert.InsertAsync(db, created, readBackKeys: false, ct);
            if (created.Count > 0)
            {
                var newCodes = created.Select(e => e.CreditCode).ToList();
                var ids = await db.Enterprises.IgnoreQueryFilters().Where(e => newCodes.Contains(e.CreditCode))
                    .Select(e => new { e.Id, e.CreditCode }).ToDictionaryAsync(e => e.CreditCode, e => e.Id, StringComparer.Ordinal, ct);
                foreach (var e in created)
                    e.Id = ids[e.CreditCode];
            }
            // SaveChanges would maintain the name search index; the bulk insert bypasses it, so it is done here.
            await EnterpriseNameIndex.IndexAsync(db, created, ct);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            var actor = db.Scope.Actor;
            var entries = new List<AuditEntry>(created.Count + updated.Count);
            foreach (var e in created)
                entries.Add(Entry(e, "create", CreateChanges(e), now, actor));
            foreach (var (e, before) in updated)
                entries.Add(Entry(e, "update", UpdateChanges(before, e), now, actor));
            await BulkInsert.InsertAsync(db, entries, readBackKeys: false, ct);
            await transaction.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        state.Created += created.Count;
        state.Updated += updated.Count;
    }

    // Records compare arrays by reference, so the lists are compared by content separately.
    private static bool SameValues(Snapshot a, Snapshot b) =>
        a with { ProductionLicences = [], Aliases = [] } == b with { ProductionLicences = [], Aliases = [] } &&
        a.ProductionLicences.SequenceEqual(b.ProductionLicences) && a.Aliases.SequenceEqual(b.Aliases);

    private static void Reject(State state, Row row, EnterpriseField field, string reason, bool countRow = true)
    {
        var column = state.Columns[(int)field];
        var header = column >= 0 ? state.Headers[column] : EnterpriseColumns.ChineseHeader(field);
        state.Rejects.Add(new ImportReject(row.Number, header, row.Raw[(int)field], reason));
        if (countRow)
            state.RejectedRows++;
    }

    private AuditEntry Entry(Enterprise e, string action, string changes, DateTimeOffset now, string actor) => new()
    {
        At = now,
        Actor = actor,
        EntityType = nameof(Enterprise),
        EntityId = e.Id.ToString(CultureInfo.InvariantCulture),
        Action = action,
        Changes = changes,
        RegionCode = e.RegionCode,
        RequestId = auditContext.RequestId,
        ClientAddress = auditContext.ClientAddress,
    };

    // The same shape AuditTrail writes for tracked changes: property → {"before": …, "after": …}. Empty fields
    // and the derived normalised name are left out of a create entry: at 100,000 rows the audit log is most of
    // the bytes an import writes.
    private static string CreateChanges(Enterprise e)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
        {
            w.WriteStartObject();
            Field(w, nameof(e.Name), null, e.Name);
            Field(w, nameof(e.CreditCode), null, e.CreditCode);
            Field(w, nameof(e.CreditCodeStatus), null, (int)e.CreditCodeStatus);
            Field(w, nameof(e.RegionCode), null, e.RegionCode);
            if (e.Address is not null) Field(w, nameof(e.Address), null, e.Address);
            if (e.LegalRepresentative is not null) Field(w, nameof(e.LegalRepresentative), null, e.LegalRepresentative);
            Field(w, nameof(e.Types), null, (int)e.Types);
            if (e.ProductionLicences.Count > 0) Field(w, nameof(e.ProductionLicences), null, e.ProductionLicences);
            Field(w, nameof(e.Status), null, (int)e.Status);
            if (e.Aliases.Count > 0) Field(w, nameof(e.Aliases), null, e.Aliases);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string UpdateChanges(Snapshot b, Enterprise e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
        {
            w.WriteStartObject();
            if (b.Name != e.Name) Field(w, nameof(e.Name), b.Name, e.Name);
            if (b.NormalizedName != e.NormalizedName) Field(w, nameof(e.NormalizedName), b.NormalizedName, e.NormalizedName);
            if (b.CreditCodeStatus != e.CreditCodeStatus) Field(w, nameof(e.CreditCodeStatus), (int)b.CreditCodeStatus, (int)e.CreditCodeStatus);
            if (b.RegionCode != e.RegionCode) Field(w, nameof(e.RegionCode), b.RegionCode, e.RegionCode);
            if (b.Address != e.Address) Field(w, nameof(e.Address), b.Address, e.Address);
            if (b.LegalRepresentative != e.LegalRepresentative) Field(w, nameof(e.LegalRepresentative), b.LegalRepresentative, e.LegalRepresentative);
            if (b.Types != e.Types) Field(w, nameof(e.Types), (int)b.Types, (int)e.Types);
            if (!b.ProductionLicences.SequenceEqual(e.ProductionLicences)) Field(w, nameof(e.ProductionLicences), b.ProductionLicences, e.ProductionLicences);
            if (b.Status != e.Status) Field(w, nameof(e.Status), (int)b.Status, (int)e.Status);
            if (!b.Aliases.SequenceEqual(e.Aliases)) Field(w, nameof(e.Aliases), b.Aliases, e.Aliases);
            Field(w, nameof(e.UpdatedAt), b.UpdatedAt, e.UpdatedAt);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Field(Utf8JsonWriter w, string name, object? before, object? after)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        w.WritePropertyName("before");
        Value(w, before);
        w.WritePropertyName("after");
        Value(w, after);
        w.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case DateTimeOffset d: w.WriteStringValue(d); break;
            case IEnumerable<string> list:
                w.WriteStartArray();
                foreach (var s in list)
                    w.WriteStringValue(s);
                w.WriteEndArray();
                break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
