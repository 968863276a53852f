using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Registry.Identifiers;

/// <summary>
/// A deterministic synthetic registry with realistic numbers: provincial and national NMPA registrations, city
/// filings, CCC, CQC-style voluntary certificates, EU type-examinations, NIOSH TC numbers, test reports.
/// </summary>
internal sealed class SyntheticRegistry
{
    public const string Provinces = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁新";
    private const string Cities = "深广东佛珠汕杭温宁苏锡常南合福厦济青郑武长成西";
    private static readonly string[] Regions = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"];
    private static readonly string[] Words = ["康泽", "宏达", "洁安", "安康", "瑞丰", "华康", "恒信", "佳禾", "美瑞", "金盾", "天成", "永泰", "中和", "博远", "利民", "新特"];
    private static readonly string[] Industries = ["医疗用品", "防护用品", "卫生材料", "医疗器械", "科技", "实业"];
    private const string OrgAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public required string[] HolderCodes { get; init; }
    public required string[] HolderNames { get; init; }
    public required List<CertificationBody> Bodies { get; init; }
    public required Certificate[] Certificates { get; init; }
    public required List<CreditListing> Listings { get; init; }
    public required string[] NotifiedBodies { get; init; }

    public static SyntheticRegistry Generate(int count, int seed)
    {
        var rng = new Random(seed);
        var holders = Math.Max(1, count / 10);
        var codes = new string[holders];
        var names = new string[holders];
        for (var h = 0; h < holders; h++)
        {
            var region = Regions[rng.Next(Regions.Length)];
            var org = "MA" + string.Concat(Enumerable.Range(0, 6).Select(_ => OrgAlphabet[rng.Next(OrgAlphabet.Length)]));
            codes[h] = CreditCode.Build("91", region + "0100", org);
            names[h] = $"{Words[rng.Next(Words.Length)]}{Words[rng.Next(Words.Length)]}{Industries[rng.Next(Industries.Length)]}{h}有限公司";
        }

        var bodies = new List<CertificationBody>();
        foreach (var (p, i) in Provinces.Select((p, i) => (p, i)))
        {
            bodies.Add(new() { Id = "mpa:" + Regions[i], NameZh = p + "药监局", NameEn = "MPA " + Regions[i], Kind = BodyKind.Other, Scopes = [new(CertificateScheme.NmpaRegistration, null, null, null, null), new(CertificateScheme.NmpaFiling, null, null, null, null)] });
        }
        for (var i = 0; i < 40; i++)
        {
            var n = $"CNCA-R-{2002 + i % 20}-{100 + i:000}";
            bodies.Add(new() { Id = "cnca:" + n, NameZh = $"认证机构{i}", NameEn = $"Certifier {i}", Kind = BodyKind.CnApproved, Number = n, Scopes = [new(CertificateScheme.Ccc, null, null, null, null), new(CertificateScheme.VoluntaryProduct, null, null, null, null), new(CertificateScheme.TestReport, null, null, null, null)] });
        }
        var nbs = Enumerable.Range(0, 30).Select(i => (2000 + i * 7).ToString("0000", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        foreach (var nb in nbs)
            bodies.Add(new() { Id = "nb:" + nb, NameZh = "公告机构" + nb, NameEn = "Notified body " + nb, Kind = BodyKind.EuNotified, Number = nb, Scopes = [new(CertificateScheme.EuTypeExamination, "RESP-PART", "(EU) 2016/425", new DateOnly(2018, 4, 21), null)] });

        var modelPool = Enumerable.Range(0, 1000).Select(i => (IReadOnlyList<string>)[$"M{i}-A", $"M{i}-B", $"M{i}-C"]).ToArray();
        var certs = new Certificate[count];
        for (var i = 0; i < count; i++)
        {
            var h = rng.Next(holders);
            // Mostly recent, so most are valid on the bench's query date (2024-06-01); a fifth are older and expired.
            var year = rng.Next(5) == 0 ? 2014 + rng.Next(5) : 2019 + rng.Next(5);
            var issued = new DateOnly(year, 1 + rng.Next(12), 1 + rng.Next(28));
            var roll = rng.Next(100);
            var (scheme, number, issuer, category) = roll switch
            {
                < 40 => Provincial(i, year, rng),
                < 45 => (CertificateScheme.NmpaRegistration, $"国械注准{year}3{40 + rng.Next(10):00}{i % 10000:0000}", "nmpa", (string?)null),
                < 55 => Filing(i, year, rng),
                < 75 => (CertificateScheme.Ccc, $"{year}{1 + rng.Next(20):00}{rng.Next(100, 2000):0000}{i % 1000000:000000}", $"cnca:CNCA-R-{2002 + i % 20}-{100 + i % 40:000}", null),
                < 85 => (CertificateScheme.VoluntaryProduct, $"CQC{year % 100:00}{i:0000000}", $"cnca:CNCA-R-{2002 + i % 20}-{100 + i % 40:000}", "MASK-DAILY"),
                < 93 => EuCertificate(i, nbs[i % nbs.Length], year),
                < 94 when i / 100 < 9000 => (CertificateScheme.NioshApproval, $"TC-84A-{i / 100:0000}", "niosh", "RESP-PART"),
                _ => (CertificateScheme.TestReport, $"TR{year}{i:00000000}", $"cnca:CNCA-R-{2002 + i % 20}-{100 + i % 40:000}", null),
            };
            if (scheme == CertificateScheme.EuTypeExamination && issued < new DateOnly(2019, 1, 1))
                issued = issued.AddYears(2019 - issued.Year);
            var kind = rng.Next(100);
            IReadOnlyList<LifecycleEvent> events = kind switch
            {
                < 5 => [new(issued, LifecycleEventKind.Issued), new(issued.AddDays(400), LifecycleEventKind.Suspended, "抽检不合格")],
                < 8 => [new(issued, LifecycleEventKind.Issued), new(issued.AddDays(700), LifecycleEventKind.Withdrawn)],
                _ => [],
            };
            certs[i] = new Certificate
            {
                Id = "c" + i,
                Scheme = scheme,
                Number = number,
                IssuerBodyId = issuer,
                HolderName = names[h],
                HolderCreditCode = codes[h],
                Manufacturer = names[h],
                ProductCategory = category,
                Models = modelPool[rng.Next(modelPool.Length)],
                IssuedOn = issued,
                ExpiresOn = scheme is CertificateScheme.NioshApproval ? null : issued.AddYears(5).AddDays(-1),
                Events = events,
            };
        }
        var listings = Enumerable.Range(0, holders / 100).Select(k => new CreditListing(codes[k * 97 % holders], CreditListKind.SeriousDishonesty, new DateOnly(2022, 1, 1))).ToList();
        return new SyntheticRegistry { HolderCodes = codes, HolderNames = names, Bodies = bodies, Certificates = certs, Listings = listings, NotifiedBodies = nbs };
    }

    private static (CertificateScheme, string, string, string?) Provincial(int i, int year, Random rng)
    {
        // Province i % 31 and serial i / 31 make every provincial number unique; past 9999 the serial takes the
        // 5-digit form seen on some provincial numbers.
        var p = i % Provinces.Length;
        var code = year >= 2018 ? "14" : "64";
        var category = rng.Next(3) switch { 0 => "MASK-SURG", 1 => "MASK-MEDSU", _ => "CLOTH-PROT" };
        var serial = i / Provinces.Length;
        var digits = serial < 10000 ? serial.ToString("0000", System.Globalization.CultureInfo.InvariantCulture) : serial.ToString("00000", System.Globalization.CultureInfo.InvariantCulture);
        return (CertificateScheme.NmpaRegistration, $"{Provinces[p]}械注准{year}2{code}{digits}", "mpa:" + Regions[p], category);
    }

    private static (CertificateScheme, string, string, string?) Filing(int i, int year, Random rng)
    {
        var p = rng.Next(Provinces.Length);
        return (CertificateScheme.NmpaFiling, $"{Provinces[p]}{Cities[rng.Next(Cities.Length)]}械备{year}{i % 100000:00000}", "mpa:" + Regions[p], "GOWN-ISO");
    }

    private static (CertificateScheme, string, string, string?) EuCertificate(int i, string nb, int year) =>
        (CertificateScheme.EuTypeExamination, $"{nb}-PPE-{Math.Max(year, 2018)}-{i:0000000}", "nb:" + nb, "RESP-PART");
}
