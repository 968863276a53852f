using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Credit.Decide;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Names;

namespace QualityWatch.Core.Tests.Credit;

/// <summary>A clock the test moves: the credit workflow's dates are all relative to "today" in Beijing.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Noon Beijing time on <paramref name="day"/>.</summary>
    public void SetToday(DateOnly day) => Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
}

/// <summary>
/// A migrated SQLite database with the application's own services (the credit handlers come with certification, as in
/// the app and the CLI) and a movable clock. Each test gets its own.
/// </summary>
public sealed class CreditWorld : IAsyncDisposable
{
    public static readonly DateOnly Start = new(2026, 3, 2);

    private readonly TestDatabase database;
    private int serial;

    private CreditWorld(TestDatabase database, ServiceProvider provider, TestClock clock)
    {
        this.database = database;
        Provider = provider;
        Clock = clock;
    }

    public ServiceProvider Provider { get; }

    public string PathOf(string fileName) => database.PathOf(fileName);
    public TestClock Clock { get; }

    public static async Task<CreditWorld> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync();
        var clock = new TestClock(default);
        clock.SetToday(Start);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddSingleton<TimeProvider>(clock);
        var cs = new SqliteConnectionStringBuilder { DataSource = database.PathOf("qw.db"), ForeignKeys = true, Pooling = false }.ToString();
        services.AddQualityWatchData(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = cs });
        services.AddCertification();
        return new CreditWorld(database, services.BuildServiceProvider(), clock);
    }

    /// <summary>Runs <paramref name="work"/> in a fresh scope as the system, or as an officer of <paramref name="region"/>.</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work, string? region = null)
    {
        await using var scope = Provider.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<AccessScope>();
        if (region is null)
            access.AsSystem("test");
        else
            access.AsUser("officer-" + region, region, null);
        return await work(scope.ServiceProvider);
    }

    public Task<T> With<THandler, T>(Func<THandler, Task<T>> work, string? region = null) where THandler : notnull =>
        RunAsync(sp => work(sp.GetRequiredService<THandler>()), region);

    public Task<T> DbAsync<T>(Func<QualityWatchDbContext, Task<T>> work) =>
        RunAsync(sp => work(sp.GetRequiredService<QualityWatchDbContext>()));

    public string NewCreditCode(string county)
    {
        var n = ++serial;
        for (var salt = 0; ; salt++)
        {
            var body = string.Concat(Enumerable.Range(0, 8).Select(i => CreditCode.Alphabet[((n * 7919) + (salt * 104729) + (i * 31)) % 29 + 1]));
            var code = CreditCode.Build("91", county, body);
            if (CreditCode.Check(code).Status == CreditCodeStatus.Valid)
                return code;
        }
    }

    public Task<Enterprise> AddEnterpriseAsync(string name, string county) => DbAsync(async db =>
    {
        var now = db.Clock.GetUtcNow();
        var e = new Enterprise
        {
            Name = name,
            NormalizedName = EnterpriseName.Normalise(name),
            CreditCode = NewCreditCode(county),
            CreditCodeStatus = CreditCodeStatus.Valid,
            RegionCode = county,
            Types = EnterpriseTypes.Producer,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Enterprises.Add(e);
        await db.SaveChangesAsync();
        return e;
    });

    public DecisionInput Decision(string creditCode, string number, DateOnly decidedOn, string? name = null) =>
        new(creditCode, name, "产品质量", "《市场监督管理严重违法失信名单管理办法》", number, decidedOn, "深圳市市场监督管理局",
            "生产销售不合格 KN95 口罩，货值金额较大", "深市监罚〔2026〕1号", ["列为重点监管对象"]);

    /// <summary>Decides (and optionally publishes) a listing as the system; fails the test when a step is refused.</summary>
    public async Task<long> ListAsync(string creditCode, string number, DateOnly decidedOn, DateOnly? publishedOn = null)
    {
        var decided = await With<DecideListing, ListingOutcome>(h => h.DecideAsync(Decision(creditCode, number, decidedOn, "测试口罩厂"), default));
        Assert.True(decided.Succeeded, string.Join("; ", decided.Errors.SelectMany(e => e.Value)));
        if (publishedOn is { } p)
        {
            var published = await With<Core.Credit.Publish.PublishListing, ListingOutcome>(h => h.PublishAsync(decided.Listing!.Id, p, default));
            Assert.True(published.Succeeded, string.Join("; ", published.Errors.SelectMany(e => e.Value)));
        }
        return decided.Listing!.Id;
    }

    public Task<DishonestyListing> LoadAsync(long id) =>
        DbAsync(db => db.CreditListings.AsNoTracking().Include(l => l.Events.OrderBy(e => e.Id)).SingleAsync(l => l.Id == id));

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await database.DisposeAsync();
    }
}
