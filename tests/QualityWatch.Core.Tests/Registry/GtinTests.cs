using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Tests.Registry;

public class GtinTests
{
    [Theory]
    [InlineData("890400021003", 7)]
    [InlineData("730001100001", 7)]
    [InlineData("1061414107346", 4)]
    [InlineData("0401234512345", 6)]
    [InlineData("0401234598765", 2)]
    [InlineData("1234567890123", 1)]
    [InlineData("061414100777", 6)]
    [InlineData("10614141234567890", 8)]
    [InlineData("12345678901234567", 5)]
    public void Check_digit_matches_identifiers_md(string body, int check)
    {
        Assert.Equal(check, Gtin.CheckDigit(body));
        Assert.Equal(body + check, Gtin.Complete(body));
    }

    [Theory]
    [InlineData("8904000210037")]
    [InlineData("7300011000017")]
    [InlineData("10614141073464")]
    [InlineData("04012345123456")]
    [InlineData("12345670")]
    public void Valid_keys(string gtin) => Assert.True(Gtin.IsValid(gtin));

    [Theory]
    [InlineData("04012345123457")]
    [InlineData("8904000210036")]
    [InlineData("04012345213456")]
    [InlineData("890400021003")]
    [InlineData("89040002100A7")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_keys(string? gtin) => Assert.False(Gtin.IsValid(gtin));
}
