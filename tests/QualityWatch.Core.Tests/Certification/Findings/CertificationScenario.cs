using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Names;
using QualityWatch.Core.Registry.Products;
using QualityWatch.Core.Risk;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Text;

namespace QualityWatch.Core.Tests.Certification.Findings;

/// <summary>
/// A migrated SQLite database with the application's own services (DbContext, registry snapshot, risk signal store and
/// warning rules, certification scan), and helpers to seed bodies, certificates, enterprises, products and source
/// records through the DbContext.
/// </summary>
public sealed class CertificationScenario : IAsyncDisposable
{
    private readonly TestDatabase database;
    private readonly ServiceProvider provider;
    private int serial;

    private CertificationScenario(TestDatabase database, ServiceProvider provider)
    {
        this.database = database;
        this.provider = provider;
    }

    public static async Task<CertificationScenario> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        var cs = new SqliteConnectionStringBuilder { DataSource = database.PathOf("qw.db"), ForeignKeys = true, Pooling = false }.ToString();
        services.AddQualityWatchData(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = cs });
        services.AddRisk();
        services.AddCertification();
        return new CertificationScenario(database, services.BuildServiceProvider());
    }

    /// <summary>Runs <paramref name="work"/> in a fresh scope acting as the system, as the scheduler and the CLI do.</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, QualityWatchDbContext, Task<T>> work)
    {
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("test");
        return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<QualityWatchDbContext>());
    }

    public Task SeedAsync(Action<QualityWatchDbContext> seed) => RunAsync(async (_, db) =>
    {
        seed(db);
        return await db.SaveChangesAsync();
    });

    public string CreditCodeFor(string county)
    {
        // Deterministic and valid: the organisation body is the scenario's serial in the USCC alphabet.
        var n = ++serial;
        var body = string.Concat(Enumerable.Range(0, 8).Select(i => CreditCode.Alphabet[(n / (int)Math.Pow(7, i)) % 7 + 1]));
        var code = CreditCode.Build("91", county, body);
        return CreditCode.Check(code).Status == CreditCodeStatus.Valid ? code : CreditCodeFor(county);
    }

    public static Enterprise Enterprise(string name, string creditCode, string county, EnterpriseTypes types) => new()
    {
        Name = name,
        NormalizedName = EnterpriseName.Normalise(name),
        CreditCode = creditCode,
        CreditCodeStatus = CreditCodeStatus.Valid,
        RegionCode = county,
        Types = types,
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    public static BodyRecord Body(string key, string nameZh, string nameEn, string? number, params (CertificateScheme Scheme, string? Category, DateOnly From)[] scopes) => new()
    {
        Key = key,
        NameZh = nameZh,
        NameEn = nameEn,
        Kind = BodyKind.CnApproved,
        Number = number,
        Country = "CN",
        Scopes = [.. scopes.Select(s => new BodyScopeRecord { Scheme = s.Scheme, ProductCategory = s.Category, From = s.From })],
        Statuses = [new BodyStatusRecord { From = new DateOnly(2015, 1, 1), Status = BodyStatus.Approved }],
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    public static CertificateRecord Certificate(CertificateScheme scheme, string number, string issuer, string holder, string? creditCode, string? county,
        string category, DateOnly issued, DateOnly? applied = null, decimal? fee = null, long? holderEnterpriseId = null,
        params (DateOnly Date, LifecycleEventKind Kind)[] events)
    {
        var status = CertificateStatus.Valid;
        foreach (var e in events.OrderBy(e => e.Date))
        {
            status = e.Kind switch
            {
                LifecycleEventKind.Suspended => CertificateStatus.Suspended,
                LifecycleEventKind.Withdrawn => CertificateStatus.Withdrawn,
                LifecycleEventKind.Revoked => CertificateStatus.Revoked,
                LifecycleEventKind.Resumed => CertificateStatus.Valid,
                _ => status,
            };
        }
        return new CertificateRecord
        {
            Scheme = scheme,
            Number = number,
            NumberKey = CertificateNumber.Key(scheme, number),
            IssuerKey = issuer,
            HolderName = holder,
            HolderCreditCode = creditCode,
            HolderEnterpriseId = holderEnterpriseId,
            RegionCode = county,
            ProductCategory = category,
            Products = [ProductCategories.Find(category)?.NameZh ?? category],
            AppliedOn = applied,
            IssuedOn = issued,
            ExpiresOn = issued.AddYears(5),
            Fee = fee,
            Status = status,
            ContentHash = number,
            Events = [.. events.Select(e => new CertificateEventRecord { Date = e.Date, Kind = e.Kind, RecordedAt = DateTimeOffset.UtcNow })],
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
    }

    public static DishonestyListing Listing(string creditCode, string name, string county, DateOnly published) => new()
    {
        Kind = CreditListKind.SeriousDishonesty,
        CreditCode = creditCode,
        EntityName = name,
        RegionCode = county,
        Category = "产品质量",
        LegalBasis = "《市场监督管理严重违法失信名单管理办法》第二条",
        DecisionNumber = $"失信决定-{creditCode}",
        DecidedOn = published.AddDays(-10),
        Authority = "北京市市场监督管理局",
        State = ListingState.Listed,
        PublishedOn = published,
        ObjectionUntil = published.AddDays(10),
        ListedUntil = published.AddYears(3),
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>The identifiers part of the Analysis JSON, exactly as the risk module's extractor finds and stores them.</summary>
    public static string Analysis(string text) => JsonSerializer.Serialize(new
    {
        identifiers = IdentifierExtractor.Extract(text).Select(i => new { kind = i.Kind.ToString(), value = i.Value, start = i.Start, length = i.Length, valid = i.Valid }),
    });

    public static T Record<T>(T record, DateOnly day, string county, Enterprise? linked, string? category, string linkMethod = "credit-code") where T : SourceRecord
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), SourceRecord.ChinaOffset).ToUniversalTime();
        record.OccurredAt = at;
        record.Day = day.DayNumber;
        record.RegionCode = county;
        record.EnterpriseId = linked?.Id;
        record.EnterpriseName = linked?.Name;
        record.LinkMethod = linked is null ? null : linkMethod;
        record.LinkConfidence = linked is null ? null : 1;
        record.ProductCategory = category;
        record.Problem = "counterfeit";
        record.Analysis = Analysis(record.AnalysedText);
        record.ContentHash = record.SourceId;
        record.CreatedAt = DateTimeOffset.UtcNow;
        record.UpdatedAt = DateTimeOffset.UtcNow;
        return record;
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await database.DisposeAsync();
    }
}
