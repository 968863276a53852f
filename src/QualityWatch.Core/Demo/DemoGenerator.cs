using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Batches;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Names;
using QualityWatch.Core.Registry.Products;
using QualityWatch.Core.Registry.Regions;

namespace QualityWatch.Core.Demo;

public enum DemoScale
{
    Small,
    Medium,
    Large,
}

/// <summary>A product with the index of its manufacturer in <see cref="DemoData.Enterprises"/>.</summary>
public sealed record DemoProduct(int Manufacturer, Product Product);

/// <summary>A batch with the index of its product in <see cref="DemoData.Products"/>.</summary>
public sealed record DemoBatch(int Product, Batch Batch);

public sealed record DemoData(List<Enterprise> Enterprises, List<DemoProduct> Products, List<DemoBatch> Batches);

public sealed record DemoSummary(int Enterprises, int Products, int Batches, int PilotStyleCodes, IReadOnlyList<string> UsersAdded, TimeSpan Elapsed);

/// <summary>
/// Realistic, deterministic demo data: the same seed and scale always give the same enterprises, products and
/// batches, so screenshots, tests and bug reports can refer to the same records.
/// </summary>
public sealed class DemoGenerator(QualityWatchDbContext db, UserAdmin users)
{
    private const string CodeAlphabet = CreditCode.Alphabet;

    /// <summary>Share of credit codes given a wrong check character on purpose, like the real Fujian pilot codes.</summary>
    public const double PilotStyleShare = 0.005;

    public static int EnterpriseCount(DemoScale scale) => scale switch
    {
        DemoScale.Medium => 20_000,
        DemoScale.Large => 100_000,
        _ => 2_000,
    };

    /// <summary>Builds the data in memory; nothing touches the database, so determinism is easy to test.</summary>
    public static DemoData Build(int seed, DemoScale scale)
    {
        var random = new Random(seed);
        var regions = RegionSeed.Load();
        var names = regions.ToDictionary(r => r.Code, r => r.Name);
        var counties = regions.Where(r => r.Level == RegionLevel.County).GroupBy(r => r.Code[..2]).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Code, StringComparer.Ordinal).ToArray());
        var provinces = counties.Keys.Order(StringComparer.Ordinal).ToArray();
        var weights = provinces.Select(p => DemoWords.ProvinceWeights.GetValueOrDefault(p, 1)).ToArray();
        var total = weights.Sum();
        var count = EnterpriseCount(scale);
        // Shenzhen and Guangzhou are where the demo users and the scoping examples live: guarantee plenty of both.
        var guaranteed = Math.Max(40, count / 25);

        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var usedCodes = new HashSet<string>(StringComparer.Ordinal);
        var data = new DemoData(new List<Enterprise>(count), [], []);
        for (var i = 0; i < count; i++)
        {
            Region county;
            if (i < guaranteed)
            {
                var city = i % 2 == 0 ? "4403" : "4401";
                var inCity = counties["44"].Where(c => c.Code.StartsWith(city, StringComparison.Ordinal)).ToArray();
                county = inCity[random.Next(inCity.Length)];
            }
            else
            {
                var pick = random.Next(total);
                var p = 0;
                while (pick >= weights[p])
                    pick -= weights[p++];
                var list = counties[provinces[p]];
                county = list[random.Next(list.Length)];
            }
            // The first producers take each category in turn, so every category has products even at small scale.
            var category = i < ProductCategories.All.Count * 2
                ? ProductCategories.All[i % ProductCategories.All.Count]
                : ProductCategories.All[random.Next(ProductCategories.All.Count)];
            var types = i < ProductCategories.All.Count * 2 ? EnterpriseTypes.Producer : PickTypes(random);
            var e = MakeEnterprise(random, county, names, category, types, usedNames, usedCodes);
            data.Enterprises.Add(e);
            if (types.HasFlag(EnterpriseTypes.Producer))
                AddProducts(random, data, data.Enterprises.Count - 1, county, category);
        }
        return data;
    }

    private static EnterpriseTypes PickTypes(Random r)
    {
        var roll = r.Next(1000);
        var t = roll switch
        {
            < 560 => EnterpriseTypes.Producer,
            < 760 => EnterpriseTypes.Distributor,
            < 880 => EnterpriseTypes.Retailer,
            < 960 => EnterpriseTypes.OnlineSeller,
            < 980 => EnterpriseTypes.ImporterExporter,
            < 995 => EnterpriseTypes.TestLaboratory,
            _ => EnterpriseTypes.CertificationBody,
        };
        // Many producers also sell online or export, as in the real registers.
        if (t == EnterpriseTypes.Producer && r.Next(5) == 0)
            t |= r.Next(2) == 0 ? EnterpriseTypes.OnlineSeller : EnterpriseTypes.ImporterExporter;
        if (t == EnterpriseTypes.Distributor && r.Next(4) == 0)
            t |= EnterpriseTypes.Retailer;
        return t;
    }

    private static Enterprise MakeEnterprise(Random r, Region county, Dictionary<string, string> names, ProductCategory category,
        EnterpriseTypes types, HashSet<string> usedNames, HashSet<string> usedCodes)
    {
        var cityCode = county.ParentCode!;
        var cityName = names.GetValueOrDefault(cityCode, "");
        var provinceName = names[county.Code[..2]];
        // Municipalities list their city level as 市辖区; firms there are named after the municipality.
        var place = cityName is "" or "市辖区" or "县" ? provinceName : cityName;
        if (county.Name.EndsWith('市') && r.Next(3) == 0)
            place = county.Name; // county-level cities such as 义乌市 name their own firms
        place = place.Replace("特别行政区", "", StringComparison.Ordinal);

        string industry;
        if (types.HasFlag(EnterpriseTypes.Producer))
            industry = Pick(r, DemoWords.IndustryFor(category.Code));
        else if (types.HasFlag(EnterpriseTypes.TestLaboratory))
            industry = "检测技术服务";
        else if (types.HasFlag(EnterpriseTypes.CertificationBody))
            industry = "认证";
        else if (types.HasFlag(EnterpriseTypes.Retailer))
            industry = Pick(r, DemoWords.RetailerWords);
        else if (types.HasFlag(EnterpriseTypes.OnlineSeller))
            industry = Pick(r, DemoWords.OnlineWords);
        else if (types.HasFlag(EnterpriseTypes.ImporterExporter))
            industry = Pick(r, DemoWords.ImporterWords);
        else
            industry = Pick(r, DemoWords.DistributorWords);

        string name;
        do
        {
            var form = r.Next(100) switch
            {
                < 70 => "有限公司",
                < 82 => "有限责任公司",
                < 90 => "股份有限公司",
                _ => types == EnterpriseTypes.Producer ? "厂" : "有限公司",
            };
            name = place + TradeName(r) + industry + form;
        }
        while (!usedNames.Add(name));

        var (code, pilot) = MakeCreditCode(r, county, usedCodes);
        var e = new Enterprise
        {
            Name = name,
            NormalizedName = EnterpriseName.Normalise(name),
            CreditCode = code,
            CreditCodeStatus = pilot ? CreditCodeStatus.NeedsVerification : CreditCodeStatus.Valid,
            RegionCode = county.Code,
            Address = provinceName + (cityName is "" or "市辖区" or "县" ? "" : cityName) + county.Name + Pick(r, DemoWords.Streets) +
                r.Next(1, 999).ToString(CultureInfo.InvariantCulture) + "号" + Pick(r, DemoWords.Buildings),
            LegalRepresentative = DemoWords.Surnames[r.Next(DemoWords.Surnames.Length)] + Pick(r, DemoWords.GivenNames),
            Types = types,
            Status = r.Next(100) switch { < 93 => EnterpriseStatus.Active, < 96 => EnterpriseStatus.Suspended, < 98 => EnterpriseStatus.Revoked, _ => EnterpriseStatus.Deregistered },
        };
        if (types.HasFlag(EnterpriseTypes.Producer) && category.MedicalDevice && DemoWords.ProvinceShort.TryGetValue(county.Code[..2], out var shortName))
            e.ProductionLicences.Add($"{shortName}食药监械生产许{r.Next(2014, 2023)}{r.Next(1, 9999):D4}号");
        if (r.Next(20) == 0)
            e.Aliases.Add(place + TradeName(r) + industry + "有限公司");
        return e;
    }

    private static string TradeName(Random r)
    {
        var a = DemoWords.TradeNameCharacters[r.Next(DemoWords.TradeNameCharacters.Length)];
        char b;
        do
            b = DemoWords.TradeNameCharacters[r.Next(DemoWords.TradeNameCharacters.Length)];
        while (b == a);
        return new string([a, b]);
    }

    /// <summary>
    /// GB 32100: 9 (industry and commerce) 1 (enterprise), the registering authority's division code (the county,
    /// or the city for city-level registration), a GB 11714 organisation code with its own check, then the check character.
    /// </summary>
    private static (string Code, bool Pilot) MakeCreditCode(Random r, Region county, HashSet<string> used)
    {
        while (true)
        {
            var authority = r.Next(5) < 3 ? county.Code : county.ParentCode + "00";
            var body = new StringBuilder(8);
            if (r.Next(2) == 0)
            {
                body.Append("MA");
                for (var i = 0; i < 6; i++)
                    body.Append(CodeAlphabet[r.Next(CodeAlphabet.Length)]);
            }
            else
            {
                for (var i = 0; i < 8; i++)
                    body.Append((char)('0' + r.Next(10)));
            }
            var org = OrganisationCode(body.ToString());
            var code = CreditCode.Complete("91" + authority + org);
            var pilot = r.NextDouble() < PilotStyleShare;
            if (pilot)
            {
                // Any other check character fails the checksum while the embedded organisation code still passes.
                var wrong = CodeAlphabet[(CodeAlphabet.IndexOf(code[17], StringComparison.Ordinal) + 1 + r.Next(CodeAlphabet.Length - 1)) % CodeAlphabet.Length];
                code = code[..17] + wrong;
            }
            if (used.Add(code))
                return (code, pilot);
        }
    }

    /// <summary>Appends the GB 11714 check character (0–9 or X) that makes the 9-character code valid.</summary>
    public static string OrganisationCode(string body8)
    {
        foreach (var c in "0123456789X")
        {
            if (CreditCode.OrganisationCodeValid(body8 + c))
                return body8 + c;
        }
        throw new InvalidOperationException($"no GB 11714 check character for {body8}");
    }

    private static void AddProducts(Random r, DemoData data, int manufacturer, Region county, ProductCategory main)
    {
        var companyPrefix = r.Next(10000, 99999).ToString(CultureInfo.InvariantCulture);
        var brand = TradeName(r);
        var related = ProductCategories.All.Where(c => c.Code[..3] == main.Code[..3] && c != main).ToArray();
        var n = r.Next(1, 5);
        for (var i = 0; i < n; i++)
        {
            var category = i > 0 && related.Length > 0 && r.Next(3) == 0 ? related[r.Next(related.Length)] : main;
            var model = DemoWords.ModelPrefix(category.Code) + "-" + r.Next(100, 9999).ToString(CultureInfo.InvariantCulture) +
                (r.Next(4) == 0 ? ((char)('A' + r.Next(6))).ToString() : "");
            var p = new Product
            {
                Category = category.Code,
                Brand = r.Next(10) == 0 ? null : brand,
                Model = model,
                ClaimedStandard = category.Standard,
                Grade = category.Grades.Length == 0 ? null : category.Grades[r.Next(category.Grades.Length)],
                // GTIN-13 under China's GS1 prefix 69x: 69 + company (5) + item (5) + check digit.
                Gtin = r.Next(5) == 0 ? null : Gtin.Complete("69" + companyPrefix + r.Next(0, 99999).ToString("D5", CultureInfo.InvariantCulture)),
                RegistrationNumber = category.MedicalDevice ? RegistrationNumber(r, county, category) : null,
                RegionCode = county.Code,
                IntendedUsers = category.Code == "MASK-CHILD" ? IntendedUsers.Children
                    : category.MedicalDevice ? IntendedUsers.MedicalStaff | IntendedUsers.Adults
                    : IntendedUsers.Adults,
            };
            data.Products.Add(new DemoProduct(manufacturer, p));
            AddBatches(r, data, data.Products.Count - 1, category, county);
        }
    }

    /// <summary>
    /// Class II domestic registration: province + 械注准 + year + class 2 + catalogue category (14 protective
    /// equipment, 07 clinical examination for thermometers) + serial, e.g. 粤械注准20202141234.
    /// </summary>
    private static string RegistrationNumber(Random r, Region county, ProductCategory category)
    {
        var province = DemoWords.ProvinceShort.GetValueOrDefault(county.Code[..2], "国");
        var catalogue = category.Code.StartsWith("THERMO", StringComparison.Ordinal) ? "07" : "14";
        return $"{province}械注准{r.Next(2015, 2024)}2{catalogue}{r.Next(1, 9999):D4}";
    }

    private static void AddBatches(Random r, DemoData data, int product, ProductCategory category, Region county)
    {
        var n = r.Next(1, 4);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var date = new DateOnly(2020, 1, 1).AddDays(r.Next(0, 5 * 365));
            var lot = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (char)('A' + r.Next(4));
            if (!used.Add(lot))
                continue;
            var unit = DemoWords.Unit(category.Code, r);
            var quantity = unit switch
            {
                "kg" => r.Next(500, 50_000),
                "卷" or "桶" => r.Next(50, 5_000),
                "支" or "副" => r.Next(1_000, 100_000),
                "件" or "双" or "瓶" => r.Next(2_000, 200_000),
                _ => r.Next(10_000, 2_000_000),
            };
            data.Batches.Add(new DemoBatch(product, new Batch { LotNumber = lot, ProductionDate = date, Quantity = quantity, Unit = unit, RegionCode = county.Code }));
        }
    }

    private static string Pick(Random r, string[] words) => words[r.Next(words.Length)];

    /// <summary>
    /// Writes the data into an empty database, adds the demo users (the enterprise user linked to a Shenzhen
    /// producer) and records one summary audit entry: demo rows are synthetic, so a per-row trail would only
    /// bury real changes.
    /// </summary>
    public async Task<DemoSummary> GenerateAsync(int seed, DemoScale scale, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (await db.Enterprises.IgnoreQueryFilters().AnyAsync(ct))
            throw new InvalidOperationException("The database already has enterprises; demo data is generated only into an empty database.");
        var data = Build(seed, scale);
        var now = db.Clock.GetUtcNow();
        foreach (var e in data.Enterprises)
            (e.CreatedAt, e.UpdatedAt) = (now, now);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await BulkInsert.InsertAsync(db, data.Enterprises, readBackKeys: true, ct);
            await Registry.Enterprises.Search.EnterpriseNameIndex.IndexAsync(db, data.Enterprises, ct);
            foreach (var (m, p) in data.Products)
                (p.ManufacturerId, p.CreatedAt, p.UpdatedAt) = (data.Enterprises[m].Id, now, now);
            await BulkInsert.InsertAsync(db, data.Products.Select(p => p.Product).ToList(), readBackKeys: true, ct);
            foreach (var (p, b) in data.Batches)
                (b.ProductId, b.CreatedAt, b.UpdatedAt) = (data.Products[p].Product.Id, now, now);
            await BulkInsert.InsertAsync(db, data.Batches.Select(b => b.Batch).ToList(), readBackKeys: false, ct);
            await BulkInsert.InsertAsync(db, new List<AuditEntry>
            {
                new()
                {
                    At = now, Actor = db.Scope.Actor, EntityType = "DemoData", EntityId = seed.ToString(CultureInfo.InvariantCulture), Action = "create",
                    Changes = $$$"""{"scale":{"before":null,"after":"{{{scale}}}"},"enterprises":{"before":null,"after":{{{data.Enterprises.Count}}}},"products":{"before":null,"after":{{{data.Products.Count}}}},"batches":{"before":null,"after":{{{data.Batches.Count}}}}}""",
                },
            }, readBackKeys: false, ct);
            await transaction.CommitAsync(ct);
        }

        var added = new List<string>();
        var shenzhenProducer = data.Enterprises.First(e => e.RegionCode.StartsWith("4403", StringComparison.Ordinal) && e.Types.HasFlag(EnterpriseTypes.Producer) && e.Status == EnterpriseStatus.Active);
        var existing = (await users.ListAsync(ct)).Select(u => u.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var u in DemoUsers.All.Where(u => !existing.Contains(u.Name)))
        {
            var result = await users.AddAsync(new NewUser(u.Name, u.Role, u.RegionCode, u.Password, u.DisplayName,
                u.Role == Roles.EnterpriseUser ? shenzhenProducer.Id : null), ct);
            if (result.User is null)
                throw new InvalidOperationException($"Demo user {u.Name}: {string.Join("; ", result.Errors.SelectMany(x => x.Value))}");
            added.Add(u.Name);
        }
        return new DemoSummary(data.Enterprises.Count, data.Products.Count, data.Batches.Count,
            data.Enterprises.Count(e => e.CreditCodeStatus != CreditCodeStatus.Valid), added, clock.Elapsed);
    }
}
