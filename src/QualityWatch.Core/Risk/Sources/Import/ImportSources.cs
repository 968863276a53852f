using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using QualityWatch.Core.Access;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Risk.Analysis;
using QualityWatch.Core.Risk.Leads;

namespace QualityWatch.Core.Risk.Sources.Import;

/// <summary>
/// Imports complaints, inspection results, cases and opinion items from spreadsheets or API batches with the
/// registry import's guarantees (docs/risk.md): a bad field rejects its row only and is reported by
/// row and column; records are keyed by their source id, so an identical re-run changes nothing and a changed
/// record is updated and audited; rows are committed <see cref="BatchSize"/> at a time, each batch with its
/// audit entries and producer leads in one transaction.
/// </summary>
/// <remarks>
/// Text analysis and linking cost most of a row's time and need no database, so they run on the other cores while
/// the previous batch is written: batch n + 1 is read, checked against the stored records and analysed in the
/// background (<see cref="AnalysisWorkers"/>) while batch n is inserted and committed. Batches still commit one
/// after another, in input order.
/// </remarks>
public sealed class ImportSources(QualityWatchDbContext db, AuditContext auditContext)
{
    /// <summary>
    /// Rows per committed batch. Every batch dirties pages all over the tables' indexes (region, day, enterprise),
    /// and SQLite writes each dirty page to its log at every commit; PostgreSQL pays per statement and round trip.
    /// Batches of 4,000 instead of 1,000 made the 100,000-complaint bench 7 % faster on both (docs/risk.md,
    /// Benchmarks). A crash loses at most the batch being written, which a re-run completes.
    /// </summary>
    public int BatchSize { get; init; } = 4000;

    /// <summary>Where the last import's time went (benchmarks print it; the import does not depend on it).</summary>
    public ImportPhases? LastPhases { get; private set; }

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
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        int? checkpoint = null;
        var state = new State(schema, regions, analyzer, new AnalysisWorkers(ct));
        state.Phases.Setup = clock.Elapsed;
        // Batch n is written while batch n + 1 is analysed; both are kept here so that a failure stops both.
        Pending? inFlight = null;
        Pending? prepared = null;
        try
        {
            // One connection for the whole import, so the checkpoint setting below holds for every batch.
            await db.Database.OpenConnectionAsync(ct);
            checkpoint = await WalCheckpointAsync(null, ct);
            var batch = new List<SourceRow>(BatchSize);
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                batch.Add(row);
                if (batch.Count < BatchSize)
                    continue;
                await NextAsync(batch);
                batch = new List<SourceRow>(BatchSize);
                progress?.Report(new ImportProgress(state.Rows, fraction?.Invoke()));
            }
            await NextAsync(batch);
            if (inFlight is not null)
                await WriteAsync(inFlight, state, ct);
            inFlight = null;
            progress?.Report(new ImportProgress(state.Rows, 1));
        }
        finally
        {
            // After a failure, analysis still under way must not outlive the import.
            inFlight?.Analysis.Abandon();
            prepared?.Analysis.Abandon();
            await state.Workers.StopAsync();
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            if (checkpoint is { } pages)
                await WalCheckpointAsync(pages, CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
        LastPhases = state.Phases;
        return new ImportResult(state.Rows, state.Created, state.Updated, state.Unchanged, state.RejectedRows, state.Rejects, [], ignored, clock.Elapsed);

        // Reads and checks the next batch (its analysis starts), then writes the one before it.
        async Task NextAsync(List<SourceRow> next)
        {
            var started = Stopwatch.GetTimestamp();
            prepared = await PrepareAsync(next, state, ct);
            state.Phases.Prepare += Stopwatch.GetElapsedTime(started);
            if (inFlight is not null)
                await WriteAsync(inFlight, state, ct);
            (inFlight, prepared) = (prepared, null);
        }
    }

    /// <summary>
    /// SQLite copies the write-ahead log into the database file (and syncs it) whenever the log passes
    /// wal_autocheckpoint pages, 1,000 by default: with a batch of records, their audit entries and index pages
    /// that is nearly every commit. A larger limit while the import runs copies each index page once per many
    /// batches instead of once per batch; every commit is still durable in the log. Returns the previous limit,
    /// or null on PostgreSQL.
    /// </summary>
    private async Task<int?> WalCheckpointAsync(int? restore, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
            return null;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint={restore ?? ImportWalPages}");
        if (restore is null)
        {
            await using var read = db.Database.GetDbConnection().CreateCommand();
            read.CommandText = "PRAGMA wal_autocheckpoint";
            var previous = Convert.ToInt32(await read.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            await command.ExecuteNonQueryAsync(ct);
            return previous;
        }
        await command.ExecuteNonQueryAsync(ct);
        return null;
    }

    private const int ImportWalPages = 16384;

    private sealed class State(SourceSchema schema, HashSet<string> regions, RecordAnalyzer analyzer, AnalysisWorkers workers)
    {
        public AnalysisWorkers Workers { get; } = workers;
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
        public ImportPhases Phases { get; } = new();
    }

    /// <summary>
    /// A batch read and checked, waiting to be written: new records, and for changed ones detached copies of the
    /// stored record with the incoming fields applied. <see cref="Analysis"/> fills in their derived fields.
    /// </summary>
    private sealed record Pending(DateTimeOffset Now, List<SourceRecord> Created, List<SourceRecord> Updated, BatchAnalysis Analysis);

    private sealed record StoredKey(long Id, string SourceId, string RegionCode, string ContentHash);

    private async Task<Pending?> PrepareAsync(List<SourceRow> batch, State state, CancellationToken ct)
    {
        if (batch.Count == 0)
            return null;
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
        // Unfiltered: a record held outside the caller's region still exists and must not be created twice. Only the
        // key columns: most rows of a re-run are unchanged, and their text and analysis need not be read. One array
        // parameter (EF.Parameter) rather than EF's default of one parameter per id: SQLite compiled a statement of
        // thousands of parameters for every batch.
        var existing = ids.Count == 0 ? [] : await state.Schema.Query(db).IgnoreQueryFilters().AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.SourceId))
            .Select(r => new StoredKey(r.Id, r.SourceId, r.RegionCode, r.ContentHash))
            .ToDictionaryAsync(r => r.SourceId, StringComparer.Ordinal, ct);
        var created = new List<SourceRecord>();
        var changed = new Dictionary<string, SourceRecord>(StringComparer.Ordinal);
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
                changed[record.SourceId] = record;
            }
            else
            {
                record.CreatedAt = now;
                record.UpdatedAt = now;
                created.Add(record);
            }
        }
        var updated = new List<SourceRecord>(changed.Count);
        if (changed.Count > 0)
        {
            // Detached: the tracked copy is loaded when the batch is written, so its audit entry shows the stored values as before.
            var keys = changed.Keys.ToList();
            foreach (var stored in await state.Schema.Query(db).IgnoreQueryFilters().AsNoTracking().Where(r => EF.Parameter(keys).Contains(r.SourceId)).ToListAsync(ct))
            {
                var incoming = changed[stored.SourceId];
                state.Schema.CopyImported(incoming, stored);
                stored.ContentHash = incoming.ContentHash;
                stored.UpdatedAt = now;
                updated.Add(stored);
            }
        }
        if (created.Count == 0 && updated.Count == 0)
            return null;

        // Text analysis and linking are the costly part of a row; they touch no shared mutable state and no database.
        // The audit changes of a new record are known once it is analysed; writing them there keeps them off the
        // importing thread.
        var analysis = new BatchAnalysis([.. created, .. updated], created.Count, state.Analyzer, state.Schema.Kind, CreatedChanges);
        state.Workers.Add(analysis);
        return new Pending(now, created, updated, analysis);
    }

    private async Task WriteAsync(Pending batch, State state, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await batch.Analysis.CompleteAsync(ct);
        var (leads, changes) = (batch.Analysis.Leads, batch.Analysis.CreatedChanges);
        var phase = Stopwatch.GetTimestamp();
        state.Phases.AwaitAnalysis += Stopwatch.GetElapsedTime(started, phase);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await InsertCreatedAsync(batch.Created, ct);
            var entries = new List<AuditEntry>(batch.Created.Count);
            for (var i = 0; i < batch.Created.Count; i++)
                entries.Add(CreateEntry(state.Schema, batch.Created[i], changes[i], batch.Now));
            await BulkInsert.InsertAsync(db, entries, readBackKeys: false, ct);
            if (batch.Updated.Count > 0)
            {
                // Few rows change on a re-import; the tracked path records before/after per field.
                var byId = batch.Updated.ToDictionary(r => r.Id);
                var ids = byId.Keys.ToList();
                foreach (var stored in await state.Schema.Query(db).IgnoreQueryFilters().Where(r => EF.Parameter(ids).Contains(r.Id)).ToListAsync(ct))
                    db.Entry(stored).CurrentValues.SetValues(byId[stored.Id]);
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
            }
            state.Phases.WriteRecords += Stopwatch.GetElapsedTime(phase);
            phase = Stopwatch.GetTimestamp();
            await RecordLeadsAsync(leads.OfType<LeadMention>().ToList(), batch.Now, ct);
            state.Phases.WriteLeads += Stopwatch.GetElapsedTime(phase);
            phase = Stopwatch.GetTimestamp();
            await transaction.CommitAsync(ct);
            state.Phases.Commit += Stopwatch.GetElapsedTime(phase);
        }
        db.ChangeTracker.Clear();
        state.Created += batch.Created.Count;
        state.Updated += batch.Updated.Count;
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

    private async Task InsertCreatedAsync(List<SourceRecord> created, CancellationToken ct)
    {
        if (created.Count == 0)
            return;
        // Audit entries need the generated ids, which the insert sets on the records.
        switch (created[0])
        {
            case Complaint: await BulkInsert.InsertAsync(db, created.Cast<Complaint>().ToList(), readBackKeys: true, ct); break;
            case InspectionResult: await BulkInsert.InsertAsync(db, created.Cast<InspectionResult>().ToList(), readBackKeys: true, ct); break;
            case EnforcementCase: await BulkInsert.InsertAsync(db, created.Cast<EnforcementCase>().ToList(), readBackKeys: true, ct); break;
            case OpinionItem: await BulkInsert.InsertAsync(db, created.Cast<OpinionItem>().ToList(), readBackKeys: true, ct); break;
        }
    }

    private sealed record LeadBefore(int Mentions, DateTimeOffset LastSeenAt, List<string> Sources, List<string> Records);

    /// <summary>
    /// Mentions accumulate on one lead per normalised name and region. New leads are bulk-inserted and the changed
    /// columns of the others bulk-updated; the audit entries (the shape AuditTrail writes) are written here, which
    /// costs a fraction of the tracked capture for the hundreds of leads a batch of complaints can touch.
    /// </summary>
    private async Task RecordLeadsAsync(List<LeadMention> mentions, DateTimeOffset now, CancellationToken ct)
    {
        if (mentions.Count == 0)
            return;
        var keys = mentions.Select(m => (m.NormalizedName, m.RegionCode)).Distinct().ToList();
        var stored = (await LeadsByKeyAsync(keys, ct)).ToDictionary(l => (l.NormalizedName, l.RegionCode));
        var created = new List<ProducerLead>();
        var changed = new Dictionary<ProducerLead, LeadBefore>(ReferenceEqualityComparer.Instance);
        foreach (var m in mentions)
        {
            var reference = m.Kind + ":" + m.SourceId;
            if (!stored.TryGetValue((m.NormalizedName, m.RegionCode), out var lead))
            {
                lead = new ProducerLead { Name = m.Name, NormalizedName = m.NormalizedName, RegionCode = m.RegionCode, FirstSeenAt = now };
                stored[(m.NormalizedName, m.RegionCode)] = lead;
                created.Add(lead);
            }
            else if (lead.Records.Contains(reference))
            {
                continue;
            }
            else if (lead.Id != 0 && !changed.ContainsKey(lead))
            {
                changed[lead] = new LeadBefore(lead.Mentions, lead.LastSeenAt, lead.Sources, lead.Records);
            }
            lead.Mentions++;
            lead.LastSeenAt = now;
            if (!lead.Sources.Contains(m.Kind))
                lead.Sources = [.. lead.Sources, m.Kind];
            lead.Records = [.. lead.Records.Append(reference).TakeLast(50)];
        }
        await BulkInsert.InsertAsync(db, created, readBackKeys: true, ct);
        await BulkUpdate.UpdateAsync(db, [.. changed.Keys],
            [nameof(ProducerLead.Mentions), nameof(ProducerLead.LastSeenAt), nameof(ProducerLead.Sources), nameof(ProducerLead.Records)], ct);
        var entries = new List<AuditEntry>(created.Count + changed.Count);
        foreach (var lead in created)
        {
            entries.Add(LeadEntry(lead, "create", now, w =>
            {
                Change(w, nameof(ProducerLead.Name), null, lead.Name);
                Change(w, nameof(ProducerLead.RegionCode), null, lead.RegionCode);
                Change(w, nameof(ProducerLead.Mentions), null, lead.Mentions);
                Change(w, nameof(ProducerLead.Sources), null, lead.Sources);
                Change(w, nameof(ProducerLead.Records), null, lead.Records);
                Change(w, nameof(ProducerLead.FirstSeenAt), null, lead.FirstSeenAt);
                Change(w, nameof(ProducerLead.LastSeenAt), null, lead.LastSeenAt);
                Change(w, nameof(ProducerLead.Status), null, (int)lead.Status);
                Change(w, nameof(ProducerLead.Id), null, lead.Id);
            }));
        }
        foreach (var (lead, before) in changed)
        {
            entries.Add(LeadEntry(lead, "update", now, w =>
            {
                Change(w, nameof(ProducerLead.Mentions), before.Mentions, lead.Mentions);
                if (before.LastSeenAt != lead.LastSeenAt)
                    Change(w, nameof(ProducerLead.LastSeenAt), before.LastSeenAt, lead.LastSeenAt);
                if (!before.Sources.SequenceEqual(lead.Sources))
                    Change(w, nameof(ProducerLead.Sources), before.Sources, lead.Sources);
                Change(w, nameof(ProducerLead.Records), before.Records, lead.Records);
            }));
        }
        await BulkInsert.InsertAsync(db, entries, readBackKeys: false, ct);
    }

    /// <summary>
    /// The stored leads of these (normalised name, region) keys, one index probe per key. Name and region together
    /// are a lead's key: filtering on the names alone reads every region's lead of a common name, and two separate
    /// lists (names.Contains and regions.Contains) made the database probe every name × region pair, 40,000 probes
    /// for a batch of complaints.
    /// </summary>
    private Task<List<ProducerLead>> LeadsByKeyAsync(List<(string Name, string Region)> keys, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(ProducerLead))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var select = $"SELECT * FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE ({Column(nameof(ProducerLead.NormalizedName))}, {Column(nameof(ProducerLead.RegionCode))}) IN ";
        // The concatenated parts are identifiers from the model; the keys are parameters.
#pragma warning disable EF1003
        var query = db.Database.IsSqlite()
            ? db.ProducerLeads.FromSqlRaw(select + "(SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each({0}))",
                JsonSerializer.Serialize(keys.Select(k => new[] { k.Name, k.Region })))
            : db.ProducerLeads.FromSqlRaw(select + "(SELECT * FROM unnest({0}, {1}))",
                keys.Select(k => k.Name).ToArray(), keys.Select(k => k.Region).ToArray());
#pragma warning restore EF1003
        return query.IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
    }

    private AuditEntry LeadEntry(ProducerLead lead, string action, DateTimeOffset now, Action<Utf8JsonWriter> changes) => new()
    {
        At = now,
        Actor = db.Scope.Actor,
        EntityType = nameof(ProducerLead),
        EntityId = lead.Id.ToString(CultureInfo.InvariantCulture),
        Action = action,
        Changes = Json(changes),
        RegionCode = lead.RegionCode,
        RequestId = auditContext.RequestId,
        ClientAddress = auditContext.ClientAddress,
    };

    /// <summary>An audit entry's changes object, through one buffer and writer per thread (analysis workers write them too).</summary>
    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = changesBuffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var w = changesWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = AuditJson.Encoder });
        w.Reset(buffer);
        w.WriteStartObject();
        write(w);
        w.WriteEndObject();
        w.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A created record's audit changes; written by the analysis workers, once the record is analysed.</summary>
    private static string CreatedChanges(SourceRecord r) => Json(w =>
    {
        Change(w, nameof(SourceRecord.SourceId), null, r.SourceId);
        Change(w, nameof(SourceRecord.OccurredAt), null, r.OccurredAt);
        Change(w, nameof(SourceRecord.RegionCode), null, r.RegionCode);
        Change(w, nameof(SourceRecord.EnterpriseId), null, r.EnterpriseId);
        Change(w, nameof(SourceRecord.ProductCategory), null, r.ProductCategory);
        Change(w, nameof(SourceRecord.Problem), null, r.Problem);
    });

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? changesBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? changesWriter;

    private static class ChangeNames
    {
        public static readonly JsonEncodedText Before = JsonEncodedText.Encode("before");
        public static readonly JsonEncodedText After = JsonEncodedText.Encode("after");
    }

    private static void Change(Utf8JsonWriter w, string property, object? before, object? after)
    {
        w.WritePropertyName(property);
        w.WriteStartObject();
        w.WritePropertyName(ChangeNames.Before);
        Value(w, before);
        w.WritePropertyName(ChangeNames.After);
        Value(w, after);
        w.WriteEndObject();
    }

    /// <summary>Values as the serialiser writes them, without its per-call type resolution (a lead's records list is 50 strings).</summary>
    private static void Value(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case DateTimeOffset t: w.WriteStringValue(t); break;
            case List<string> list:
                w.WriteStartArray();
                foreach (var s in list)
                    w.WriteStringValue(s);
                w.WriteEndArray();
                break;
            default: JsonSerializer.Serialize(w, value, value.GetType(), AuditJson); break;
        }
    }

    // The shape AuditTrail writes for tracked changes (property → {"before": …, "after": …}), written directly:
    // at 10,000 rows/s the reflection-based serialiser was a noticeable share of the write path.
    private AuditEntry CreateEntry(SourceSchema schema, SourceRecord r, string changes, DateTimeOffset now) => new()
    {
        At = now,
        Actor = db.Scope.Actor,
        EntityType = schema.EntityType.Name,
        EntityId = r.Id.ToString(CultureInfo.InvariantCulture),
        Action = "create",
        Changes = changes,
        RegionCode = r.RegionCode,
        RequestId = auditContext.RequestId,
        ClientAddress = auditContext.ClientAddress,
    };
}
