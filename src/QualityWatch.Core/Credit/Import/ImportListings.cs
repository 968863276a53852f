using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Credit.Decide;
using QualityWatch.Core.Credit.Expire;
using QualityWatch.Core.Credit.Publish;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Risk.Sources.Import;

namespace QualityWatch.Core.Credit.Import;

/// <summary>
/// Imports listing decisions from a spreadsheet (CSV in UTF-8 or GB18030, xlsx, xls) with the platform's import guarantees:
/// a bad field rejects its row only and is reported by row, column, value and reason; good rows are kept and committed
/// <see cref="BatchSize"/> at a time; rows are keyed by the decision number, so re-running a file changes nothing and a
/// corrected row updates the stored listing (blank optional cells keep stored values). A row with a publication date
/// is published as of that date, and a window or period that has already passed is closed on the spot.
/// </summary>
public sealed class ImportListings(QualityWatchDbContext db, RegistrySnapshot snapshot, IOptions<CreditOptions> options)
{
    public const int BatchSize = 500;

    private static readonly int[] RequiredColumns =
        [ListingColumns.DecisionNumber, ListingColumns.CreditCode, ListingColumns.Category, ListingColumns.LegalBasis, ListingColumns.Reason, ListingColumns.Authority, ListingColumns.DecidedOn];

    public Task<ImportResult> ImportFileAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        ImportFile.RunAsync(path, (file, name) => ImportAsync(file, name, progress, ct), ct);

    public Task<ImportResult> ImportAsync(Stream input, string fileName, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        ImportFile.SeekableAsync(input, seekable => ImportSeekableAsync(seekable, fileName, progress, ct), ct);

    private async Task<ImportResult> ImportSeekableAsync(Stream input, string fileName, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        using var sheet = SheetReader.Open(input, fileName);
        var map = ColumnMap.Build(ListingColumns.All, sheet.Headers);
        var missing = RequiredColumns.Where(f => map[f] < 0).Select(ListingColumns.Header).ToList();
        if (missing.Count > 0)
            throw new ImportFileException($"{fileName} 缺少必需的列：{string.Join("、", missing)} (missing required columns)");

        var clock = Stopwatch.StartNew();
        var state = new State(fileName, CreditCalendar.Today(db.Clock));
        var batch = new List<Row>(BatchSize);
        while (sheet.Read())
        {
            ct.ThrowIfCancellationRequested();
            var cells = new string?[ListingColumns.All.Count];
            for (var f = 0; f < cells.Length; f++)
                cells[f] = map[f] < 0 ? null : sheet.Cell(map[f]);
            batch.Add(new Row(sheet.RowNumber, cells));
            if (batch.Count == BatchSize)
            {
                await FlushAsync(batch, state, ct);
                batch.Clear();
                progress?.Report(new ImportProgress(state.Rows, sheet.Fraction));
            }
        }
        await FlushAsync(batch, state, ct);
        progress?.Report(new ImportProgress(state.Rows, 1));
        if (state.Created + state.Updated > 0)
            snapshot.Invalidate();
        return new ImportResult(state.Rows, state.Created, state.Updated, state.Unchanged, state.RejectedRows, state.Rejects, state.Warnings, map.Ignored, clock.Elapsed);
    }

    private sealed record Row(int Number, string?[] Cells)
    {
        public string? this[int field] => Cells[field];
    }

    private sealed record Parsed(Row Row, ValidDecision Decision, DateOnly? PublishedOn, bool MeasuresGiven);

    private sealed class State(string fileName, DateOnly today)
    {
        public string FileName { get; } = fileName;
        public DateOnly Today { get; } = today;
        public Dictionary<string, int> Seen { get; } = new(StringComparer.Ordinal);
        public List<ImportReject> Rejects { get; } = [];
        public List<ImportWarning> Warnings { get; } = [];
        public int Rows { get; set; }
        public int Created { get; set; }
        public int Updated { get; set; }
        public int Unchanged { get; set; }
        public int RejectedRows { get; set; }

        public void Reject(Row row, int field, string reason) => Reject(row, [(field, reason)]);

        public void Reject(Row row, IEnumerable<(int Field, string Reason)> errors)
        {
            foreach (var (field, reason) in errors)
                Rejects.Add(new ImportReject(row.Number, ListingColumns.Header(field), row[field], reason));
            RejectedRows++;
        }
    }

    private async Task FlushAsync(List<Row> batch, State state, CancellationToken ct)
    {
        if (batch.Count == 0)
            return;
        state.Rows += batch.Count;
        var parsed = new List<Parsed>(batch.Count);
        foreach (var row in batch)
        {
            if (Parse(row, state) is not { } p)
                continue;
            if (state.Seen.TryGetValue(p.Decision.DecisionNumber, out var first))
            {
                state.Reject(row, ListingColumns.DecisionNumber, $"文号与第 {first} 行重复，仅导入第一行 (duplicate of row {first} in this file)");
                continue;
            }
            state.Seen[p.Decision.DecisionNumber] = row.Number;
            parsed.Add(p);
        }
        if (parsed.Count == 0)
            return;

        var numbers = parsed.Select(p => p.Decision.DecisionNumber).ToList();
        // Unfiltered: a listing held outside the caller's region still exists and must not be created twice.
        var existing = await db.CreditListings.IgnoreQueryFilters().Where(l => numbers.Contains(l.DecisionNumber))
            .ToDictionaryAsync(l => l.DecisionNumber, StringComparer.Ordinal, ct);
        var links = await EntityLinks.FindAsync(db, parsed.Select(p => p.Decision.CreditCode).Distinct(StringComparer.Ordinal).ToList(), ct);
        var now = db.Clock.GetUtcNow();
        int created = 0, updated = 0;
        foreach (var p in parsed)
        {
            if (existing.TryGetValue(p.Decision.DecisionNumber, out var stored))
            {
                switch (Update(stored, p, state, now))
                {
                    case true: updated++; break;
                    case false: state.Unchanged++; break;
                    case null: break;
                }
                continue;
            }
            if (Create(p, links.GetValueOrDefault(p.Decision.CreditCode), state, now) is { } listing)
            {
                db.CreditListings.Add(listing);
                created++;
            }
        }
        if (created + updated > 0)
            await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        state.Created += created;
        state.Updated += updated;
    }

    /// <summary>The row's decision, or null after recording its rejects.</summary>
    private Parsed? Parse(Row row, State state)
    {
        var errors = new List<(int, string)>();
        if (!ListingColumns.TryDate(row[ListingColumns.DecidedOn], out var decidedOn))
            errors.Add((ListingColumns.DecidedOn, "无法识别的日期，应为 yyyy-MM-dd (not a date: use yyyy-MM-dd)"));
        if (!ListingColumns.TryDate(row[ListingColumns.PublishedOn], out var publishedOn))
            errors.Add((ListingColumns.PublishedOn, "无法识别的日期，应为 yyyy-MM-dd (not a date: use yyyy-MM-dd)"));
        var input = new DecisionInput(row[ListingColumns.CreditCode], row[ListingColumns.EntityName], row[ListingColumns.Category], row[ListingColumns.LegalBasis],
            row[ListingColumns.DecisionNumber], decidedOn, row[ListingColumns.Authority], row[ListingColumns.Reason], row[ListingColumns.CaseNumber],
            ListingColumns.SplitMeasures(row[ListingColumns.Measures]));
        var fieldErrors = new Dictionary<string, string[]>();
        var decision = DecisionFields.Validate(input, state.Today, options.Value.EffectiveMeasures, fieldErrors);
        foreach (var (api, messages) in fieldErrors)
        {
            var field = IndexOf(api);
            // A date cell that did not parse already says so; "required" would only repeat it.
            if (!errors.Any(e => e.Item1 == field))
                errors.AddRange(messages.Select(m => (field, m)));
        }
        if (decision is not null && publishedOn is { } published)
        {
            if (PublishListing.Check(decision.DecidedOn, published, state.Today) is { } problem)
                errors.Add((ListingColumns.PublishedOn, problem));
        }
        if (errors.Count > 0)
        {
            state.Reject(row, errors);
            return null;
        }
        if (CreditCode.Check(decision!.CreditCode).Status == CreditCodeStatus.NeedsVerification)
            state.Warnings.Add(new ImportWarning(row.Number, $"统一社会信用代码 {decision.CreditCode} 校验未通过，请在 gsxt.gov.cn 核实 (the credit code fails its check: verify it)"));
        return new Parsed(row, decision, publishedOn, row[ListingColumns.Measures] is not null);
    }

    private DishonestyListing? Create(Parsed p, LinkedEnterprise? link, State state, DateTimeOffset now)
    {
        var d = p.Decision;
        var region = link?.RegionCode ?? DecisionFields.RegionFromCreditCode(d.CreditCode);
        if (!db.Scope.Covers(region))
        {
            state.Reject(p.Row, ListingColumns.CreditCode, $"该主体所在地区（{region}）不在您的管辖范围内 (the entity's region is outside yours)");
            return null;
        }
        var name = d.EntityName ?? link?.Name;
        if (name is null)
        {
            state.Reject(p.Row, ListingColumns.EntityName, "未登记的主体须填写名称 (required: no registered enterprise has this credit code)");
            return null;
        }
        var listing = DecideListing.Create(d, name, link?.Id, region, now);
        ListingHistory.Record(db, listing, ListingEventKinds.Imported, $"自 {state.FileName} 第 {p.Row.Number} 行导入：{DecideListing.Summary(d)}", now);
        if (p.PublishedOn is { } published)
        {
            PublishListing.Apply(db, listing, published, options.Value, now);
            ListingTimeline.Advance(db, listing, state.Today, now);
        }
        return listing;
    }

    /// <summary>True when the stored listing changed, false when the row says nothing new, null when the row was rejected.</summary>
    private bool? Update(DishonestyListing stored, Parsed p, State state, DateTimeOffset now)
    {
        var d = p.Decision;
        if (!db.Scope.Covers(stored.RegionCode))
        {
            state.Reject(p.Row, ListingColumns.DecisionNumber, "该文号的列入属于您管辖范围以外的地区 (this decision belongs to a region outside yours)");
            return null;
        }
        var conflicts = new List<(int, string)>();
        if (stored.CreditCode != d.CreditCode)
            conflicts.Add((ListingColumns.CreditCode, $"与已登记的同一文号的主体（{stored.CreditCode}）不一致，文号不能改指其他主体 (the stored decision names {stored.CreditCode})"));
        if (stored.DecidedOn != d.DecidedOn)
            conflicts.Add((ListingColumns.DecidedOn, $"与已登记的列入日期 {CreditCalendar.Format(stored.DecidedOn)} 不一致 (the stored decision date differs)"));
        if (p.PublishedOn is { } published && stored.PublishedOn is { } storedPublished && published != storedPublished)
            conflicts.Add((ListingColumns.PublishedOn, $"已于 {CreditCalendar.Format(storedPublished)} 公示，导入不能改变公示日期 (already published on {CreditCalendar.Format(storedPublished)})"));
        if (p.PublishedOn is not null && stored.PublishedOn is null && stored.State != ListingState.Decided)
            conflicts.Add((ListingColumns.PublishedOn, $"该列入已{ListingRules.StateZh(stored.State)}，不能公示 (the listing is {ListingRules.Api(stored.State)})"));
        if (conflicts.Count > 0)
        {
            state.Reject(p.Row, conflicts);
            return null;
        }

        var changed = new List<string>();
        void Set(string field, string? incoming, string current, Action<string> assign)
        {
            if (incoming is not null && incoming != current)
            {
                assign(incoming);
                changed.Add(field);
            }
        }
        Set(ListingColumns.Header(ListingColumns.EntityName), d.EntityName, stored.EntityName, v => stored.EntityName = v);
        Set(ListingColumns.Header(ListingColumns.Category), d.Category, stored.Category, v => stored.Category = v);
        Set(ListingColumns.Header(ListingColumns.LegalBasis), d.LegalBasis, stored.LegalBasis, v => stored.LegalBasis = v);
        Set(ListingColumns.Header(ListingColumns.Reason), d.Reason, stored.Reason ?? "", v => stored.Reason = v);
        Set(ListingColumns.Header(ListingColumns.Authority), d.Authority, stored.Authority, v => stored.Authority = v);
        Set(ListingColumns.Header(ListingColumns.CaseNumber), d.CaseNumber, stored.CaseNumber ?? "", v => stored.CaseNumber = v);
        if (p.MeasuresGiven && !d.Measures.SequenceEqual(stored.Measures, StringComparer.Ordinal))
        {
            stored.Measures = d.Measures;
            changed.Add(ListingColumns.Header(ListingColumns.Measures));
        }
        var publish = p.PublishedOn is not null && stored.PublishedOn is null;
        if (changed.Count == 0 && !publish)
            return false;
        if (changed.Count > 0)
            ListingHistory.Record(db, stored, ListingEventKinds.Updated, $"自 {state.FileName} 第 {p.Row.Number} 行更正：{string.Join("、", changed)}", now);
        if (publish)
        {
            PublishListing.Apply(db, stored, p.PublishedOn!.Value, options.Value, now);
            ListingTimeline.Advance(db, stored, state.Today, now);
        }
        return true;
    }

    private static int IndexOf(string api)
    {
        for (var i = 0; i < ListingColumns.All.Count; i++)
        {
            if (ListingColumns.All[i].Api == api)
                return i;
        }
        return ListingColumns.DecisionNumber;
    }
}
