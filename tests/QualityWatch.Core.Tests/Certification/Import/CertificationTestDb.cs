using System.Text;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification.Import;
using QualityWatch.Core.Certification.Lifecycle;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Names;

namespace QualityWatch.Core.Tests.Certification.Import;

/// <summary>A migrated SQLite database with the registry snapshot wired to it, and the handlers under test.</summary>
internal sealed class CertificationTestDb : IAsyncDisposable
{
    public static readonly string ShenzhenCode = CreditCode.Build("91", "440305", "MA5FKQ01");
    public static readonly string GuangzhouCode = CreditCode.Build("91", "440106", "MA5GHD02");
    /// <summary>Not registered as an enterprise; its characters 3–8 name the county 吴中区 (320506).</summary>
    public static readonly string SuzhouCode = CreditCode.Build("91", "320506", "MA1XJA03");

    private readonly ServiceProvider provider;

    private CertificationTestDb(TestDatabase database, ServiceProvider provider)
    {
        Database = database;
        this.provider = provider;
    }

    public TestDatabase Database { get; }

    public RegistrySnapshot Snapshot => provider.GetRequiredService<RegistrySnapshot>();

    /// <summary>A database with no enterprises (for the demo generator).</summary>
    public static async Task<CertificationTestDb> CreateEmptyAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped<AccessScope>();
        services.AddScoped(sp => database.Context(sp.GetRequiredService<AccessScope>()));
        services.AddSingleton<RegistrySnapshot>();
        return new CertificationTestDb(database, services.BuildServiceProvider());
    }

    /// <summary>A database with two registered producers: one in Shenzhen (440305), one in Guangzhou (440106).</summary>
    public static async Task<CertificationTestDb> CreateAsync()
    {
        var db = await CreateEmptyAsync();
        await using var context = db.Database.Context();
        context.Enterprises.AddRange(
            Enterprise("深圳市康泽医疗用品有限公司", ShenzhenCode, "440305"),
            Enterprise("广州市宏达防护用品有限公司", GuangzhouCode, "440106"));
        await context.SaveChangesAsync();
        return db;
    }

    private static Enterprise Enterprise(string name, string code, string region) => new()
    {
        Name = name,
        NormalizedName = EnterpriseName.Normalise(name),
        CreditCode = code,
        RegionCode = region,
        Types = EnterpriseTypes.Producer,
    };

    public QualityWatchDbContext Context(AccessScope? scope = null) => Database.Context(scope);

    public ImportCertificates Certificates(QualityWatchDbContext db) => new(db, Snapshot);

    public ImportBodies Bodies(QualityWatchDbContext db) => new(db, Snapshot);

    public ImportCertificateEvents Events(QualityWatchDbContext db) => new(db, Snapshot);

    public RecordCertificateEvent Lifecycle(QualityWatchDbContext db) => new(db, Snapshot);

    /// <summary>The Guangdong administration, the issuer of the 粤械注准 numbers in the tests.</summary>
    public async Task ImportGuangdongMpaAsync()
    {
        await using var context = Context();
        var r = await Bodies(context).ImportAsync(Utf8("机构标识,机构名称,英文名称,机构类型,国家,业务范围\nmpa:44,广东省药品监督管理局,Guangdong Medical Products Administration,其他,CN,nmpa-registration\n"), "bodies.csv");
        Assert.Equal(1, r.Created);
    }

    public string Write(string name, string content, Encoding? encoding = null)
    {
        var path = Database.PathOf(name);
        File.WriteAllText(path, content, encoding ?? new UTF8Encoding(false));
        return path;
    }

    public static MemoryStream Utf8(string csv) => new(Encoding.UTF8.GetBytes(csv));

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await Database.DisposeAsync();
    }
}
