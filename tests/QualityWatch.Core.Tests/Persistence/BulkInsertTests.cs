using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using QualityWatch.Core.Access;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Leads;
using QualityWatch.Core.Risk.Sources;

// Not …Tests.Persistence: that namespace would hide QualityWatch.Core.Persistence from the other test classes.
namespace QualityWatch.Core.Tests.BulkWrites;

/// <summary>
/// BulkInsert bypasses SaveChanges (SQLite's native statement API, PostgreSQL's binary COPY with keys taken from the sequence), so
/// every row it writes is compared column by column, as stored, with the same row written by EF: value conversions
/// (instants as ticks on SQLite, lists as JSON, enums, decimals), nulls and Chinese text; and the generated keys it
/// sets must be the keys the rows were stored under.
/// </summary>
public sealed class BulkInsertTests
{
    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (Environment.GetEnvironmentVariable("QW_TEST_PG") is { Length: > 0 })
            data.Add("postgres");
        return data;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Complaints_are_stored_exactly_as_EF_stores_them_and_get_their_keys(string provider)
    {
        await using var store = await Store.CreateAsync(provider);
        await using (var db = store.Context())
        {
            db.Complaints.AddRange(Complaints("ef"));
            await db.SaveChangesAsync();
        }
        List<Complaint> plain = Complaints("plain"), keyed = Complaints("keyed");
        await using (var db = store.Context())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, plain, readBackKeys: false);
            await BulkInsert.InsertAsync(db, keyed);
            await transaction.CommitAsync();
        }

        var ef = await store.RawAsync("complaints", "ef");
        Assert.Equal(Complaints("x").Count, ef.Count);
        foreach (var prefix in new[] { "plain", "keyed" })
            AssertSameAsStored(ef, await store.RawAsync("complaints", prefix), "SourceId");
        await using (var db = store.Context())
        {
            var stored = await db.Complaints.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.SourceId);
            // On PostgreSQL the keys come from the sequence before the COPY; EF's own rows took the first ones.
            foreach (var c in keyed)
                Assert.Equal(c.SourceId, stored[c.Id]);
            Assert.All(plain, c => Assert.Equal(0, c.Id));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Lists_and_enums_of_inspections_and_leads_are_stored_as_EF_stores_them(string provider)
    {
        await using var store = await Store.CreateAsync(provider);
        await using (var db = store.Context())
        {
            db.InspectionResults.AddRange(Inspections("ef"));
            db.ProducerLeads.AddRange(Leads("ef"));
            await db.SaveChangesAsync();
        }
        var inspections = Inspections("bulk");
        // Leads are matched back to their keys by name and region together: the same name in two regions is two leads.
        var leads = Leads("bulk");
        await using (var db = store.Context())
        {
            await BulkInsert.InsertAsync(db, inspections);
            await BulkInsert.InsertAsync(db, leads);
        }

        AssertSameAsStored(await store.RawAsync("inspection_results", "ef"), await store.RawAsync("inspection_results", "bulk"), "SourceId");
        AssertSameAsStored(await store.RawAsync("producer_leads", "ef", "NormalizedName"), await store.RawAsync("producer_leads", "bulk", "NormalizedName"), "NormalizedName");
        await using (var db = store.Context())
        {
            var storedLeads = await db.ProducerLeads.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(l => l.Id);
            foreach (var l in leads)
                Assert.Equal((l.NormalizedName, l.RegionCode), (storedLeads[l.Id].NormalizedName, storedLeads[l.Id].RegionCode));
            var storedInspections = await db.InspectionResults.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(r => r.Id);
            foreach (var r in inspections)
                Assert.Equal(r.FailedItems, storedInspections[r.Id].FailedItems);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Leads_updated_in_bulk_are_stored_as_EF_updates_them_and_nothing_else_changes(string provider)
    {
        await using var store = await Store.CreateAsync(provider);
        await using (var db = store.Context())
        {
            db.ProducerLeads.AddRange([.. Leads("ef"), .. Leads("bulk")]);
            await db.SaveChangesAsync();
        }
        static void Mention(ProducerLead l)
        {
            l.Mentions += 2;
            l.LastSeenAt = At.AddDays(1).AddTicks(10);
            l.Sources = [.. l.Sources, "inspection"];
            l.Records = [.. l.Records, "inspection:GB-7", "complaint:TS-\"9\""];
        }
        await using (var db = store.Context())
        {
            foreach (var lead in await db.ProducerLeads.Where(l => l.NormalizedName.StartsWith("ef")).ToListAsync())
                Mention(lead);
            await db.SaveChangesAsync();
        }
        await using (var db = store.Context())
        {
            var leads = await db.ProducerLeads.AsNoTracking().Where(l => l.NormalizedName.StartsWith("bulk")).ToListAsync();
            foreach (var lead in leads)
            {
                Mention(lead);
                // Not among the updated columns: must stay as stored.
                lead.Status = LeadStatus.Confirmed;
            }
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkUpdate.UpdateAsync(db, leads, [nameof(ProducerLead.Mentions), nameof(ProducerLead.LastSeenAt), nameof(ProducerLead.Sources), nameof(ProducerLead.Records)]);
            await transaction.CommitAsync();
        }

        AssertSameAsStored(await store.RawAsync("producer_leads", "ef", "NormalizedName"), await store.RawAsync("producer_leads", "bulk", "NormalizedName"), "NormalizedName");
        await using (var db = store.Context())
        {
            var bulk = await db.ProducerLeads.AsNoTracking().Where(l => l.NormalizedName.StartsWith("bulk")).OrderBy(l => l.RegionCode).ToListAsync();
            Assert.Equal([(3, LeadStatus.Dismissed), (5, LeadStatus.New)], bulk.Select(l => (l.Mentions, l.Status)));
            Assert.Equal(["complaint", "opinion", "inspection"], bulk[1].Sources);
            Assert.Equal("complaint:TS-\"9\"", bulk[1].Records[^1]);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_failing_row_fails_the_call_and_its_transaction_keeps_nothing(string provider)
    {
        await using var store = await Store.CreateAsync(provider);
        await using (var db = store.Context())
        {
            db.Complaints.Add(Complaints("dup")[1]);
            await db.SaveChangesAsync();
        }
        // The second row's source id is taken: the unique index rejects it after the first row went in.
        await using (var db = store.Context())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await Assert.ThrowsAnyAsync<DbException>(() => BulkInsert.InsertAsync(db, Complaints("dup")));
            await transaction.RollbackAsync();
        }
        await using (var db = store.Context())
            Assert.Equal(["dup-2"], await db.Complaints.IgnoreQueryFilters().Select(c => c.SourceId).ToListAsync());
    }

    private static void AssertSameAsStored(List<Dictionary<string, object?>> expected, List<Dictionary<string, object?>> actual, params string[] differing)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            foreach (var (column, value) in expected[i])
            {
                if (column == "Id" || differing.Contains(column))
                    continue;
                var got = actual[i][column];
                // PostgreSQL returns text[] columns as arrays, which compare by reference.
                if (value is string[] list && got is string[] gotList)
                {
                    Assert.Equal(list, gotList);
                    continue;
                }
                // Same value and same stored type (on SQLite: the same storage class, integer, real or text).
                Assert.True(Equals(value, got) && value?.GetType() == got?.GetType(),
                    $"row {i}, {column}: EF stored {Show(value)}, BulkInsert stored {Show(got)}");
            }
        }
    }

    private static string Show(object? v) => v is null or DBNull ? "NULL" : $"{v} ({v.GetType().Name})";

    private static readonly DateTimeOffset At = new(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero);

    private static List<Complaint> Complaints(string prefix) =>
    [
        new()
        {
            SourceId = prefix + "-1", OccurredAt = At.AddTicks(1234567), Day = 20515, RegionCode = "440305",
            EnterpriseName = "深圳市康洁无纺布制品有限公司", EnterpriseCreditCode = "91440300MA5F0XXX1X", EnterpriseId = 17,
            LinkMethod = "credit-code", LinkConfidence = 0.123456789, ProductText = "KN95 口罩", ProductCategory = "RESP-PART",
            Problem = "counterfeit", ClassificationConfidence = 0.875, Vulnerable = VulnerableGroups.Children | VulnerableGroups.MedicalStaff,
            Analysis = "{\"terms\":[\"假冒\"],\"quote\":\"他说\\\"假的\\\"\"}", ContentHash = "hash-1", CreatedAt = At, UpdatedAt = At.AddDays(1),
            Channel = "12315热线", ComplainantType = "消费者", ProblemText = "买到的 KN95 口罩无防伪标识，疑似假冒。", Amount = 123456.789m, Status = "已受理",
        },
        new()
        {
            SourceId = prefix + "-2", OccurredAt = At.AddHours(-8), Day = 0, RegionCode = "100000",
            ProblemText = "", Amount = 0.1m, ContentHash = "", CreatedAt = At, UpdatedAt = At,
        },
        new()
        {
            SourceId = prefix + "-3", OccurredAt = DateTimeOffset.UnixEpoch, RegionCode = "110101", ProblemText = "全角ＡＢＣ１２３ 和 emoji 😷",
            Amount = 5m, LinkConfidence = 0, ClassificationConfidence = 1e-9, Vulnerable = VulnerableGroups.None, CreatedAt = At, UpdatedAt = At,
        },
    ];

    private static List<InspectionResult> Inspections(string prefix) =>
    [
        new()
        {
            SourceId = prefix + "-1", OccurredAt = At, RegionCode = "440305", Plan = "2026 国抽", BatchNumber = "B-2026-01", Standard = "GB 2626-2019",
            Verdict = InspectionVerdict.Fail, FailedItems = ["过滤效率: 实测 82% (要求 ≥95%)", "标识 \"KN95\""], CreatedAt = At, UpdatedAt = At,
        },
        new() { SourceId = prefix + "-2", OccurredAt = At, RegionCode = "440305", Verdict = InspectionVerdict.Pass, FailedItems = [], CreatedAt = At, UpdatedAt = At },
    ];

    private static List<ProducerLead> Leads(string prefix) =>
    [
        new()
        {
            Name = "鑫源口罩加工厂", NormalizedName = prefix + "鑫源口罩加工厂", RegionCode = "440305", Mentions = 3, Sources = ["complaint", "opinion"],
            Records = ["complaint:TS-1", "opinion:https://news.example.cn/1"], FirstSeenAt = At, LastSeenAt = At.AddHours(3),
        },
        new()
        {
            Name = "鑫源口罩加工厂", NormalizedName = prefix + "鑫源口罩加工厂", RegionCode = "110101", Mentions = 1, Sources = ["case"], Records = ["case:AJ-1"],
            FirstSeenAt = At, LastSeenAt = At, Status = LeadStatus.Dismissed, ReviewedBy = "officer", ReviewedAt = At, ReviewNote = "已核实 (checked)",
        },
    ];

    /// <summary>A fresh database of either provider: SQLite migrated as the app does; PostgreSQL created from the same model.</summary>
    private sealed class Store : IAsyncDisposable
    {
        private TestDatabase? sqlite;
        private string? postgres;
        private string? postgresName;

        public static async Task<Store> CreateAsync(string provider)
        {
            var store = new Store();
            if (provider == "sqlite")
            {
                store.sqlite = await TestDatabase.CreateAsync();
                return store;
            }
            store.postgresName = $"qw_test_bulk_{Guid.NewGuid():N}";
            store.postgres = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("QW_TEST_PG")) { Database = store.postgresName }.ConnectionString;
            // This test project carries no PostgreSQL migrations; the model they are generated from builds the same tables.
            await using var db = store.Context();
            await db.Database.EnsureCreatedAsync();
            return store;
        }

        public QualityWatchDbContext Context()
        {
            if (sqlite is not null)
                return sqlite.Context();
            var builder = new DbContextOptionsBuilder<QualityWatchDbContext>();
            DatabaseRegistration.Configure(builder, DatabaseProvider.Postgres, postgres!);
            return new QualityWatchDbContext(builder.Options, AccessScope.System("test"), new AuditContext(), TimeProvider.System);
        }

        /// <summary>The stored rows whose <paramref name="key"/> starts with <paramref name="prefix"/>, as the database returns them, ordered by it.</summary>
        public async Task<List<Dictionary<string, object?>>> RawAsync(string table, string prefix, string key = "SourceId")
        {
            await using var db = Context();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT * FROM {table} WHERE \"{key}\" LIKE '{prefix}%' ORDER BY \"{key}\", \"RegionCode\"";
            var rows = new List<Dictionary<string, object?>>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < reader.FieldCount; i++)
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
            return rows;
        }

        public async ValueTask DisposeAsync()
        {
            if (sqlite is not null)
                await sqlite.DisposeAsync();
            if (postgresName is not null)
            {
                NpgsqlConnection.ClearAllPools();
                var admin = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("QW_TEST_PG")) { Database = "postgres", Pooling = false };
                await using var connection = new NpgsqlConnection(admin.ConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)"), connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }
}
