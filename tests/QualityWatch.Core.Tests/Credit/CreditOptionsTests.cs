using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Credit.Decide;

namespace QualityWatch.Core.Tests.Credit;

public sealed class CreditOptionsTests
{
    [Fact]
    public async Task Configured_days_years_and_measures_drive_the_periods_and_the_defaults()
    {
        await using var w = await CreditWorld.CreateAsync(new Dictionary<string, string?>
        {
            ["Credit:ObjectionDays"] = "10",
            ["Credit:ListingYears"] = "5",
            ["Credit:RestorableAfterYears"] = "2",
            ["Credit:DefaultMeasures:0"] = "重点监管",
        });
        var r = await w.With<DecideListing, ListingOutcome>(h => h.DecideAsync(
            w.Decision(w.NewCreditCode("440305"), "深市监信列〔2026〕71号", CreditWorld.Start) with { Measures = null, EntityName = "某厂" }, default));
        Assert.Equal(["重点监管"], r.Listing!.Measures);
        await w.With<Core.Credit.Publish.PublishListing, ListingOutcome>(h => h.PublishAsync(r.Listing.Id, null, default));
        var l = await w.LoadAsync(r.Listing.Id);
        Assert.Equal((new DateOnly(2026, 3, 12), new DateOnly(2031, 3, 2), new DateOnly(2028, 3, 2)), (l.ObjectionUntil, l.ListedUntil, l.RestorableFrom));
    }

    [Fact]
    public async Task Without_configuration_the_standard_measures_apply()
    {
        await using var w = await CreditWorld.CreateAsync();
        var r = await w.With<DecideListing, ListingOutcome>(h => h.DecideAsync(
            w.Decision(w.NewCreditCode("440305"), "深市监信列〔2026〕72号", CreditWorld.Start, "某厂") with { Measures = [] }, default));
        Assert.Equal(CreditOptions.StandardMeasures, r.Listing!.Measures);
    }

    [Theory]
    [InlineData("Credit:ObjectionDays", "0", "ObjectionDays")]
    [InlineData("Credit:RestorableAfterYears", "3", "Credit:RestorableAfterYears (3) must be less than Credit:ListingYears (3)")]
    public async Task Inconsistent_settings_are_refused_at_start_up_naming_the_key(string key, string value, string message)
    {
        await using var w = await CreditWorld.CreateAsync(new Dictionary<string, string?> { [key] = value });
        var e = Assert.Throws<OptionsValidationException>(() => w.Provider.GetRequiredService<IOptions<CreditOptions>>().Value);
        Assert.Contains(e.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }
}
