using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Risk.Sources.Import;

namespace QualityWatch.Core.Tests.Risk.Import;

/// <summary>
/// The import guarantees over several batches, now that batch n + 1 is analysed while batch n is written: bad rows
/// are reported by row and field and lose nothing else, every created record and producer lead has its audit entry
/// under its stored id, a re-run changes nothing, and an import stopped part-way keeps exactly the batches it
/// committed, which a re-run completes.
/// </summary>
public sealed class ImportSourcesTests
{
    private const string Header = "投诉编号,登记时间,地区代码,被投诉企业,统一社会信用代码,商品名称,渠道,投诉人类型,问题描述,涉及金额,处理状态";

    /// <summary>Complaint n (1-based) is on CSV row n + 1; every fifth names one of three unregistered workshops.</summary>
    private static string Csv(int rows, Func<int, string>? line = null)
    {
        var sb = new StringBuilder(Header).Append('\n');
        for (var n = 1; n <= rows; n++)
            sb.Append(line?.Invoke(n) ?? Line(n)).Append('\n');
        return sb.ToString();
    }

    private static string Line(int n, string time = "2026-11-02 09:30", string region = "440305", string? id = null, string text = "口罩没有防伪标识，怀疑是假货") =>
        string.Create(CultureInfo.InvariantCulture,
            $"{id ?? $"TS-{n:D5}"},{time},{region},{(n % 5 == 0 ? $"鑫源口罩加工厂{n % 3 + 1}号" : "")},,医用外科口罩,12315热线,消费者,{text} {n},{n % 50},已受理");

    private static async Task<ImportResult> ImportAsync(TestDatabase database, string csv, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        await using var db = database.Context();
        // Batches of 1,000, so that a few thousand rows make several batches.
        var import = new ImportSources(db, new AuditContext()) { BatchSize = 1000 };
        return await import.ImportAsync(new ComplaintSchema(), new MemoryStream(Encoding.UTF8.GetBytes(csv)), "complaints.csv", progress, ct);
    }

    [Fact]
    public async Task Bad_rows_are_named_the_rest_is_stored_with_audit_entries_and_a_rerun_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var csv = Csv(2500, n => n switch
        {
            700 => Line(n, region: "999999"),
            1800 => Line(n, time: "昨天"),
            2100 => Line(n, id: "TS-00010"),
            _ => Line(n),
        });

        var first = await ImportAsync(database, csv);

        Assert.Equal((2500, 2497, 3), (first.Rows, first.Created, first.RejectedRows));
        Assert.Equal([(701, "地区代码"), (1801, "登记时间"), (2101, "投诉编号")], first.Rejects.Select(r => (r.Row, r.Field)).Order().ToList());
        await using (var db = database.Context())
        {
            var ids = await db.Complaints.Select(c => c.Id.ToString()).ToListAsync();
            var audited = await db.AuditEntries.Where(a => a.EntityType == "Complaint" && a.Action == "create").Select(a => a.EntityId).ToListAsync();
            Assert.Equal(ids.Order(), audited.Order());
            Assert.All(await db.Complaints.ToListAsync(), c => Assert.NotNull(c.Analysis));

            // 500 rows name a workshop, the three rejected among them; three leads, each created once and audited, updated in later batches.
            var leads = await db.ProducerLeads.ToListAsync();
            Assert.Equal(3, leads.Count);
            Assert.Equal(497, leads.Sum(l => l.Mentions));
            var leadAudit = await db.AuditEntries.Where(a => a.EntityType == "ProducerLead").ToListAsync();
            Assert.Equal(leads.Select(l => l.Id.ToString()).Order(), leadAudit.Where(a => a.Action == "create").Select(a => a.EntityId).Order());
            Assert.Contains(leadAudit, a => a.Action == "update" && a.Changes.Contains("\"Mentions\"", StringComparison.Ordinal));
        }

        var again = await ImportAsync(database, csv);
        Assert.Equal((0, 0, 2497), (again.Created, again.Updated, again.Unchanged));

        // The sender corrects the three bad rows and edits one complaint: three created, one updated, the rest untouched.
        var edited = await ImportAsync(database, Csv(2500, n => n == 1500 ? Line(n, text: "口罩过滤效果差") : Line(n)));
        Assert.Equal((3, 1, 2496), (edited.Created, edited.Updated, edited.Unchanged));
        await using (var db = database.Context())
        {
            var c = await db.Complaints.SingleAsync(c => c.SourceId == "TS-01500");
            Assert.StartsWith("口罩过滤效果差", c.ProblemText, StringComparison.Ordinal);
            Assert.Single(await db.AuditEntries.Where(a => a.EntityType == "Complaint" && a.Action == "update" && a.EntityId == c.Id.ToString()).ToListAsync());
        }
    }

    [Fact]
    public async Task An_import_stopped_part_way_keeps_its_committed_batches_and_a_rerun_completes_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var csv = Csv(2500);
        using var stop = new CancellationTokenSource();
        // Reported after the first batch is committed, while the second is being analysed.
        var progress = new Synchronous(p =>
        {
            if (p.Rows >= 2000)
                stop.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(database, csv, progress, stop.Token));

        await using (var db = database.Context())
        {
            Assert.Equal(1000, await db.Complaints.CountAsync());
            Assert.Equal(1000, await db.AuditEntries.CountAsync(a => a.EntityType == "Complaint"));
        }
        var rerun = await ImportAsync(database, csv);
        Assert.Equal((1500, 1000), (rerun.Created, rerun.Unchanged));
        await using (var db = database.Context())
            Assert.Equal(2500, await db.Complaints.Select(c => c.SourceId).Distinct().CountAsync());
    }

    private sealed class Synchronous(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
