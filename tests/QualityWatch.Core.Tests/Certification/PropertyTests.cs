using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Verification;

namespace QualityWatch.Core.Tests.Certification;

/// <summary>Seeded random properties (FsCheck is only referenced by the Signals tests).</summary>
public class PropertyTests
{
    private const string Provinces = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁新";

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 20; i++)
            data.Add(i);
        return data;
    }

    private static string RandomProvincialNumber(Random rng) =>
        $"{Provinces[rng.Next(Provinces.Length)]}械注准{rng.Next(2014, 2024)}2{rng.Next(1, 23):00}{rng.Next(0, 10000):0000}";

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Well_formed_numbers_parse_and_round_trip_through_the_registry_key(int seed)
    {
        var rng = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var number = RandomProvincialNumber(rng);
            var p = CertificateNumber.Parse(number).Primary!;
            Assert.Equal(NumberKind.NmpaRegistration, p.Kind);
            Assert.True(p.IsWellFormed, number);
            Assert.Equal(number, p.Normalised);
            Assert.Equal(p.Normalised, CertificateNumber.Key(CertificateScheme.NmpaRegistration, number));
            // Spaces and full-width digits pasted in do not change the key.
            var noisy = string.Concat(number.Select(ch => char.IsAsciiDigit(ch) && rng.Next(3) == 0 ? (char)(ch + 0xFEE0) : ch)).Insert(4, " ");
            Assert.Equal(number, CertificateNumber.Parse(noisy).Primary!.Normalised);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Dropping_or_adding_a_digit_is_always_caught(int seed)
    {
        var rng = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var number = RandomProvincialNumber(rng);
            var at = rng.Next(4, number.Length);
            var shorter = number.Remove(at, 1);
            var longer = number + rng.Next(10) + rng.Next(10);
            Assert.False(CertificateNumber.Parse(shorter).Primary!.IsWellFormed, shorter);
            Assert.False(CertificateNumber.Parse(longer).Primary!.IsWellFormed, longer);
            var ccc = $"{rng.Next(2002, 2024)}01{rng.Next(0, 10000):0000}{rng.Next(0, 1000000):000000}";
            Assert.True(CertificateNumber.Parse(ccc).Primary!.IsWellFormed, ccc);
            Assert.False(CertificateNumber.Parse(ccc[..^1], CertificateScheme.Ccc).Primary!.IsWellFormed, ccc);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Verdict_follows_the_worst_failed_check(int seed)
    {
        var rng = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var checks = Enumerable.Range(0, rng.Next(0, 12))
                .Select(k => new CheckResult("c" + k, rng.Next(3) > 0, (Severity)rng.Next(3), "证据", "evidence"))
                .Select(c => c.Passed ? c with { Severity = Severity.Info } : c)
                .ToList();
            var found = rng.Next(2) == 0 ? TestRegistry.Authentic : null;
            var verdict = VerdictRules.Decide(checks, found);
            var failed = checks.Where(c => !c.Passed).ToList();
            var expected = failed.Any(c => c.Severity == Severity.Critical) ? Verdict.Invalid
                : failed.Any(c => c.Severity == Severity.Warning) ? Verdict.Suspicious
                : found is null ? Verdict.Unknown : Verdict.Authentic;
            Assert.Equal(expected, verdict);
        }
    }

    [Fact]
    public void Every_registered_certificate_verifies_against_itself()
    {
        foreach (var c in TestRegistry.Reg.Certificates)
        {
            var r = CertificateVerifier.Verify(new() { Number = c.Number, ClaimedScheme = c.Scheme }, TestRegistry.Reg, TestRegistry.AsOf);
            Assert.Same(c, r.Certificate);
            Assert.Contains(r.Checks, x => x.Id == CheckIds.InRegistry && x.Passed);
        }
    }
}
