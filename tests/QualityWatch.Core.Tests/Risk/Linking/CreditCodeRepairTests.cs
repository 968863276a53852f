using QualityWatch.Core.Risk.Linking;

namespace QualityWatch.Core.Tests.Risk.Linking;

public sealed class CreditCodeRepairTests
{
    private const string Code = "91441900MA4W1JXK4C";

    [Theory]
    [InlineData("91441900MA4W1JXK4D")]  // check character
    [InlineData("91441900MA4W1JXX4C")]  // body character
    [InlineData("91441900MA4W1XJK4C")]  // neighbours swapped
    [InlineData("9144190MA4W1JXK4C")]   // one dropped
    [InlineData("91441900MA4W1JXK4CC")] // one doubled
    [InlineData("91441900MA4W1JOK4C")]  // O is outside the code set
    public void One_keying_error_is_repaired(string typed)
    {
        Assert.False(CreditCodeRepair.PassesCheck(typed));
        Assert.Contains(Code, CreditCodeRepair.Candidates(typed));
    }

    [Fact]
    public void A_code_that_passes_its_check_is_not_second_guessed()
    {
        Assert.True(CreditCodeRepair.PassesCheck(Code));
        Assert.Empty(CreditCodeRepair.Candidates(Code));
    }

    [Fact]
    public void Every_repair_passes_the_check_and_there_are_few()
    {
        var candidates = CreditCodeRepair.Candidates("91441900MA4W1JXK4D");
        Assert.All(candidates, c => Assert.True(CreditCodeRepair.PassesCheck(c)));
        Assert.InRange(candidates.Count, 1, 40);
    }
}
