using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Risk.Analysis;
using QualityWatch.Core.Risk.Leads;

namespace QualityWatch.Core.Risk.Sources.Import;

/// <summary>
/// Imports complaints, inspection results, cases and opinion items from spreadsheets or API batches with the
/// registry import's guarantees (docs/risk-sources.md): a bad field rejects its row only and is reported by
/// row and column; records are keyed by their source id, so an identical re-run changes nothing and a changed
/// record is updated and audited; rows are committed <see cref="BatchSize"/> at a time.
/// </summary>
public sealed class ImportSources(QualityWatchDbContext db, AuditContext auditContext)
{
    public const int BatchSize = 1000;

    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public Task<ImportResult> ImportFileAsync(SourceSchema schema, string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        ImportFile.RunAsync(path, (file, name) => ImportAsync(schema, file, name, progress, ct), ct);

    public Task<ImportResult> ImportAsync(SourceSchema schema, Stream input, string fileName, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        ImportFile.SeekableAsync(input, seekable => ImportSeekableAsync(schema, seekable, fileName, progress, ct), ct);

    private async Task<ImportResult> ImportSeekableAsync(SourceSchema schema, Stream input, string fileName, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        using var sheet = SheetReader.Open(input, fileName);
        var map = ColumnMap.Build(schema.Columns, sheet.Headers);
        if (map[SourceSchema.SourceIdField] < 0)
            throw new ImportFileException($"缺少“{schema.Columns[SourceSchema.SourceIdField].ChineseHeader}”列 (no {schema.Columns[SourceSchema.SourceIdField].Api} column)");
        return await ImportRowsAsync(schema, Rows(sheet, map, schema.Columns.Count), map.Ignored, () => sheet.Fraction, progress, ct);
    }

    private static IEnumerable<SourceRow> Rows(SheetReader sheet, ColumnMap map, int fields)
    {
        while (sheet.Read())
        {
            var cells = new string?[fields];
            for (var f = 0; f < fields; f++)
                cells[f] = map[f] < 0 ? null : sheet.Cell(map[f]);
            yield return new SourceRow(sheet.RowNumber, cells);
        }
    }

    /// <summary>Imports rows already split into schema cells (the API's batches); row numbers are positions.</summary>
    public async Task<ImportResult> ImportRowsAsync(SourceSchema schema, IEnumerable<SourceRow> rows, IReadOnlyList<string> ignored,
        Func<double?>? fraction = null, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var regions = (await db.Regions.AsNoTracking().Select(r => r.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var analyzer = await RecordAnalyzer.CreateAsync(db, ct);
        var state = new State(schema, regions, analyzer);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var batch = new List<SourceRow>(BatchSize);
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                batch.Add(row);
                if (batch.Count == BatchSize)
                {
                    await FlushAsync(batch, state, ct);
                    batch.Clear();
                    progress?.Report(new ImportProgress(state.Rows, fraction?.Invoke()));
                }
            }
            await FlushAsync(batch, state, ct);
            progress?.Report(new ImportProgress(state.Rows, 1));
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        return new ImportResult(state.Rows, state.Created, state.Updated, state.Unchanged, state.RejectedRows, state.Rejects, [], ignored, clock.Elapsed);
    }

    private sealed class State(SourceSchema schema, HashSet<string> regions, RecordAnalyzer analyzer)
    {
        public SourceSchema Schema { get; } = schema;
        public HashSet<string> Regions { get; } = regions;
        public RecordAnalyzer Analyzer { get; } = analyzer;
        public Dictionary<string, int> Seen { get; } = new(StringComparer.Ordinal);
        public List<ImportReject> Rejects { get; } = [];
        public int Rows { get; set; }
        public int Created { get; set; }
        public int Updated { get; set; }
        public int Unchanged { get; set; }
        public int RejectedRows { get; set; }
    }

    private async Task FlushAsync(List<SourceRow> batch, State state, CancellationToken ct)
    {
        if (batch.Count == 0)
            return;
        state.Rows += batch.Count;
        var now = db.Clock.GetUtcNow();
        var parsed = new List<(SourceRow Row, SourceRecord Record)>(batch.Count);
        foreach (var row in batch)
        {
            var record = Parse(row, state);
            if (row.Errors.Count > 0)
            {
                foreach (var (field, reason) in row.Errors)
                    state.Rejects.Add(new ImportReject(row.Number, state.Schema.Columns[field].ChineseHeader, row[field], reason));
                state.RejectedRows++;
                continue;
            }
            if (state.Seen.TryGetValue(record.SourceId, out var first))
            {
                Reject(state, row, SourceSchema.SourceIdField, $"编号与第 {first} 行重复，仅导入第一行 (duplicate of row {first} in this input)");
                continue;
            }
            state.Seen[record.SourceId] = row.Number;
            parsed.Add((row, record));
        }
        var ids = parsed.Select(p => p.Record.SourceId).ToList();
        // Unfiltered: a record held outside the caller's region still exists and must not be created twice.
        var existing = ids.Count == 0 ? [] : await state.Schema.Query(db).IgnoreQueryFilters().Where(r => ids.Contains(r.SourceId))
            .ToDictionaryAsync(r => r.SourceId, StringComparer.Ordinal, ct);
        var created = new List<SourceRecord>();
        var updated = new List<(SourceRecord Stored, SourceRecord Incoming)>();
        foreach (var (row, record) in parsed)
        {
            if (existing.TryGetValue(record.SourceId, out var stored))
            {
                if (!db.Scope.Covers(stored.RegionCode))
                {
                    Reject(state, row, SourceSchema.SourceIdField, "该编号的记录属于您管辖范围以外的地区 (this record belongs to a region outside yours)");
                    continue;
                }
                if (stored.ContentHash == record.ContentHash)
                {
                    state.Unchanged++;
                    continue;
                }
                updated.Add((stored, record));
            }
            else
            {
                record.CreatedAt = now;
                record.UpdatedAt = now;
                created.Add(record);
            }
        }
        if (created.Count == 0 && updated.Count == 0)
        {
            db.ChangeTracker.Clear();
            return;
        }

        // Text analysis and linking are the costly part of a row; they touch no shared mutable state.
        var leads = new LeadMention?[created.Count + updated.Count];
        Parallel.For(0, created.Count, i => leads[i] = state.Analyzer.Analyse(created[i], state.Schema.Kind));
        foreach (var (i, (stored, incoming)) in updated.Index())
        {
            state.Schema.CopyImported(incoming, stored);
            stored.ContentHash = incoming.ContentHash;
            stored.UpdatedAt = now;
            leads[created.Count + i] = state.Analyzer.Analyse(stored, state.Schema.Kind);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await InsertCreatedAsync(state.Schema, created, ct);
            var entries = created.Select(r => Entry(state.Schema, r, "create", now)).ToList();
            await BulkInsert.InsertAsync(db, entries, readBackKeys: false, ct);
            if (updated.Count > 0)
            {
                // Few rows change on a re-import; the tracked path records before/after per field.
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
            }
            await RecordLeadsAsync(leads.OfType<LeadMention>().ToList(), now, ct);
            await transaction.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        state.Created += created.Count;
        state.Updated += updated.Count;
    }

    private SourceRecord Parse(SourceRow row, State state)
    {
        var schema = state.Schema;
        var record = schema.Create(row);
        record.OccurredAt = row.Time(SourceSchema.OccurredAtField, required: true) ?? default;
        record.Day = SourceRecord.DayOf(record.OccurredAt);
        record.RegionCode = ParseRegion(row, state);
        record.EnterpriseName = row.Text(SourceSchema.EnterpriseNameField, 256);
        record.EnterpriseCreditCode = row.Text(SourceSchema.CreditCodeField, 32);
        record.ProductText = row.Text(SourceSchema.ProductField, 512);
        record.ContentHash = SourceSchema.Hash(row);
        return record;
    }

    private string ParseRegion(SourceRow row, State state)
    {
        var code = row[SourceSchema.RegionField];
        if (code is null)
        {
            if (state.Schema.RegionRequired)
                row.Errors.Add((SourceSchema.RegionField, "必填 (required)"));
            return RegionCodes.National;
        }
        if (code == RegionCodes.National)
        {
            if (!db.Scope.Covers(code))
                row.Errors.Add((SourceSchema.RegionField, "不在您的管辖范围内 (outside your region)"));
            return code;
        }
        // GB/T 2260 codes are 6 digits; a province (440000) or city (440300) stands for the whole area.
        var known = code.Length == 6 && code.All(char.IsAsciiDigit) &&
            (state.Regions.Contains(code) || (code.EndsWith("0000", StringComparison.Ordinal) && state.Regions.Contains(code[..2])) ||
             (code.EndsWith("00", StringComparison.Ordinal) && state.Regions.Contains(code[..4])));
        if (!known)
            row.Errors.Add((SourceSchema.RegionField, "不是有效的 6 位行政区划代码 (not a known 6-digit GB/T 2260 code)"));
        else if (!db.Scope.Covers(code))
            row.Errors.Add((SourceSchema.RegionField, "不在您的管辖范围内 (outside your region)"));
        return code;
    }

    private static void Reject(State state, SourceRow row, int field, string reason)
    {
        state.Rejects.Add(new ImportReject(row.Number, state.Schema.Columns[field].ChineseHeader, row[field], reason));
        state.RejectedRows++;
    }

    private async Task InsertCreatedAsync(SourceSchema schema, List<SourceRecord> created, CancellationToken ct)
    {
        if (created.Count == 0)
            return;
        // Reading ids back per row costs more than the inserts; one lookup by source id is cheaper.
        switch (created[0])
        {
            case Complaint: await BulkInsert.InsertAsync(db, created.Cast<Complaint>().ToList(), readBackKeys: false, ct); break;
            case InspectionResult: await BulkInsert.InsertAsync(db, created.Cast<InspectionResult>().ToList(), readBackKeys: false, ct); break;
            case EnforcementCase: await BulkInsert.InsertAsync(db, created.Cast<EnforcementCase>().ToList(), readBackKeys: false, ct); break;
            case OpinionItem: await BulkInsert.InsertAsync(db, created.Cast<OpinionItem>().ToList(), readBackKeys: false, ct); break;
        }
        var sourceIds = created.Select(r => r.SourceId).ToList();
        var ids = await schema.Query(db).IgnoreQueryFilters().Where(r => sourceIds.Contains(r.SourceId))
            .Select(r => new { r.Id, r.SourceId }).ToDictionaryAsync(r => r.SourceId, r => r.Id, StringComparer.Ordinal, ct);
        foreach (var r in created)
            r.Id = ids[r.SourceId];
    }

    /// <summary>Mentions accumulate on one lead per normalised name and region.</summary>
    private async Task RecordLeadsAsync(List<LeadMention> mentions, DateTimeOffset now, CancellationToken ct)
    {
        if (mentions.Count == 0)
            return;
        var names = mentions.Select(m => m.NormalizedName).Distinct().ToList();
        var stored = await db.ProducerLeads.IgnoreQueryFilters().Where(l => names.Contains(l.NormalizedName)).ToListAsync(ct);
        foreach (var m in mentions)
        {
            var lead = stored.FirstOrDefault(l => l.NormalizedName == m.NormalizedName && l.RegionCode == m.RegionCode);
            var reference = m.Kind + ":" + m.SourceId;
            if (lead is null)
            {
                lead = new ProducerLead { Name = m.Name, NormalizedName = m.NormalizedName, RegionCode = m.RegionCode, FirstSeenAt = now };
                stored.Add(lead);
                db.ProducerLeads.Add(lead);
            }
            if (lead.Records.Contains(reference))
                continue;
            lead.Mentions++;
            lead.LastSeenAt = now;
            if (!lead.Sources.Contains(m.Kind))
                lead.Sources = [.. lead.Sources, m.Kind];
            lead.Records = [.. lead.Records.Append(reference).TakeLast(50)];
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }

    private AuditEntry Entry(SourceSchema schema, SourceRecord r, string action, DateTimeOffset now) => new()
    {
        At = now,
        Actor = db.Scope.Actor,
        EntityType = schema.EntityType.Name,
        EntityId = r.Id.ToString(CultureInfo.InvariantCulture),
        Action = action,
        Changes = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["SourceId"] = new { before = (string?)null, after = r.SourceId },
            ["OccurredAt"] = new { before = (string?)null, after = r.OccurredAt },
            ["RegionCode"] = new { before = (string?)null, after = r.RegionCode },
            ["EnterpriseId"] = new { before = (long?)null, after = r.EnterpriseId },
            ["ProductCategory"] = new { before = (string?)null, after = r.ProductCategory },
            ["Problem"] = new { before = (string?)null, after = r.Problem },
        }, AuditJson),
        RegionCode = r.RegionCode,
        RequestId = auditContext.RequestId,
        ClientAddress = auditContext.ClientAddress,
    };
}
