using QualityWatch.Core.Access;
using QualityWatch.Core.Registry.Enterprises.Save;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Tests.Registry;

public class CreditCodeTests
{
    private const string Example = "91350100M000100Y43";
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    [Fact]
    public void The_standards_worked_example_is_valid()
    {
        Assert.Equal('3', CreditCode.ComputeCheckCharacter("91350100M000100Y4"));
        Assert.Equal(CreditCodeStatus.Valid, CreditCode.Check(Example).Status);
    }

    [Fact]
    public void Every_single_character_substitution_is_caught()
    {
        var caught = 0;
        for (var i = 0; i < Example.Length; i++)
        {
            foreach (var c in Alphabet + "IOZSV")
            {
                if (c == Example[i])
                    continue;
                var changed = Example[..i] + c + Example[(i + 1)..];
                Assert.NotEqual(CreditCodeStatus.Valid, CreditCode.Check(changed).Status);
                caught++;
            }
        }
        Assert.Equal(18 * 35, caught);
    }

    [Fact]
    public void Every_adjacent_transposition_is_caught()
    {
        for (var i = 0; i < Example.Length - 1; i++)
        {
            if (Example[i] == Example[i + 1])
                continue;
            var swapped = Example[..i] + Example[i + 1] + Example[i] + Example[(i + 2)..];
            Assert.NotEqual(CreditCodeStatus.Valid, CreditCode.Check(swapped).Status);
        }
    }

    [Theory]
    [InlineData("91350100M000100Y43", CreditCodeStatus.Valid)]
    [InlineData("91110000600037341L", CreditCodeStatus.Valid)]
    [InlineData("91320621MA1MRHG205", CreditCodeStatus.Valid)]
    [InlineData("911522010783762860", CreditCodeStatus.Valid)]
    [InlineData("91620105556284969Y", CreditCodeStatus.Valid)]
    [InlineData("91620105750935948X", CreditCodeStatus.Valid)]
    [InlineData("121200004013590816", CreditCodeStatus.Valid)]
    [InlineData("91110000600037341N", CreditCodeStatus.NeedsVerification)]
    [InlineData("91350100M000100Y44", CreditCodeStatus.NeedsVerification)]
    [InlineData("91320621MA1MRHG207", CreditCodeStatus.NeedsVerification)]
    [InlineData("9111000060003IOZSV", CreditCodeStatus.Invalid)]
    [InlineData("91110000600037341", CreditCodeStatus.Invalid)]
    // The Fujian 2015 pilot codes are real but fail the checksum.
    [InlineData("91350100M0001TGQXM", CreditCodeStatus.NeedsVerification)]
    [InlineData("91350211M0000XUF46", CreditCodeStatus.NeedsVerification)]
    [InlineData("91350203M0001FUE2P", CreditCodeStatus.NeedsVerification)]
    public void Identifiers_md_test_vectors(string code, CreditCodeStatus expected) =>
        Assert.Equal(expected, CreditCode.Check(code).Status);

    [Fact]
    public void Lower_case_spaces_and_full_width_are_normalised()
    {
        Assert.Equal(CreditCodeStatus.Valid, CreditCode.Check(" 91350100-m000100y43 ").Status);
        Assert.Equal(Example, CreditCode.Check("９１３５０１００Ｍ０００１００Ｙ４３").Normalised);
    }

    [Fact]
    public void A_pilot_code_is_accepted_with_a_warning_not_rejected()
    {
        var counties = new HashSet<string> { "350102" };
        var v = EnterpriseValidator.Validate(
            new EnterpriseInput { Name = "福州试点企业有限公司", CreditCode = "91350100M0001TGQXM", RegionCode = "350102" }, counties, AccessScope.System());
        Assert.True(v.IsValid);
        Assert.Equal(CreditCodeStatus.NeedsVerification, v.CreditCodeStatus);
        Assert.Single(v.Warnings);
    }

    [Fact]
    public void Complete_builds_a_valid_code()
    {
        Assert.Equal(Example, CreditCode.Complete("91350100M000100Y4"));
        Assert.True(CreditCode.OrganisationCodeValid("D2143569X"));
    }
}
