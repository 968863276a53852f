using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Products;

namespace QualityWatch.Core.Tests.Demo;

public partial class DemoGeneratorTests
{
    [GeneratedRegex(@"^(京|津|冀|晋|蒙|辽|吉|黑|沪|苏|浙|皖|闽|赣|鲁|豫|鄂|湘|粤|桂|琼|渝|川|黔|滇|藏|陕|甘|青|宁|新)械注准20\d{2}2(14|07)\d{4}$")]
    private static partial Regex RegistrationNumber();

    private static string Fingerprint(DemoData d) => string.Join('\n',
        d.Enterprises.Select(e => $"{e.Name}|{e.CreditCode}|{e.RegionCode}|{e.Address}|{e.Types}|{e.Status}")
            .Concat(d.Products.Select(p => $"{p.Manufacturer}|{p.Product.Category}|{p.Product.Model}|{p.Product.Gtin}|{p.Product.RegistrationNumber}"))
            .Concat(d.Batches.Select(b => $"{b.Product}|{b.Batch.LotNumber}|{b.Batch.ProductionDate}|{b.Batch.Quantity}|{b.Batch.Unit}")));

    [Fact]
    public void The_same_seed_gives_the_same_data_and_another_seed_does_not()
    {
        var a = DemoGenerator.Build(42, DemoScale.Small);
        var b = DemoGenerator.Build(42, DemoScale.Small);
        var c = DemoGenerator.Build(43, DemoScale.Small);
        Assert.Equal(Fingerprint(a), Fingerprint(b));
        Assert.NotEqual(Fingerprint(a), Fingerprint(c));
    }

    [Fact]
    public void Identifiers_are_valid_except_the_deliberate_pilot_style_codes()
    {
        var d = DemoGenerator.Build(7, DemoScale.Small);
        Assert.Equal(2000, d.Enterprises.Count);
        Assert.Equal(d.Enterprises.Count, d.Enterprises.Select(e => e.CreditCode).Distinct().Count());
        Assert.Equal(d.Enterprises.Count, d.Enterprises.Select(e => e.Name).Distinct().Count());
        foreach (var e in d.Enterprises)
        {
            var check = CreditCode.Check(e.CreditCode);
            Assert.Equal(e.CreditCodeStatus, check.Status);
            Assert.NotEqual(CreditCodeStatus.Invalid, check.Status);
            // Pilot-style codes fail only the check character; the embedded organisation code is still right.
            Assert.True(CreditCode.OrganisationCodeValid(e.CreditCode.AsSpan(8, 9)));
            // Positions 3–8 carry the registering authority: the county or its city.
            Assert.True(e.CreditCode[2..8] == e.RegionCode || e.CreditCode[2..8] == e.RegionCode[..4] + "00", e.CreditCode);
        }
        var pilot = d.Enterprises.Count(e => e.CreditCodeStatus == CreditCodeStatus.NeedsVerification);
        Assert.InRange(pilot, 1, 30);

        Assert.All(d.Products.Where(p => p.Product.Gtin is not null), p => Assert.True(Gtin.IsValid(p.Product.Gtin), p.Product.Gtin));
        Assert.All(d.Products.Where(p => ProductCategories.Find(p.Product.Category)!.MedicalDevice),
            p => Assert.Matches(RegistrationNumber(), p.Product.RegistrationNumber!));
        Assert.Equal(ProductCategories.All.Select(c => c.Code).Order(), d.Products.Select(p => p.Product.Category).Distinct().Order());
        Assert.All(d.Products, p => Assert.True(d.Enterprises[p.Manufacturer].Types.HasFlag(EnterpriseTypes.Producer)));
        Assert.All(d.Products, p => Assert.Equal(d.Enterprises[p.Manufacturer].RegionCode, p.Product.RegionCode));
        Assert.All(d.Batches.GroupBy(b => b.Product), g => Assert.Equal(g.Count(), g.Select(b => b.Batch.LotNumber).Distinct().Count()));
    }

    [Fact]
    public void Shenzhen_Guangzhou_and_the_manufacturing_provinces_are_well_represented()
    {
        var d = DemoGenerator.Build(7, DemoScale.Small);
        Assert.True(d.Enterprises.Count(e => e.RegionCode.StartsWith("4403", StringComparison.Ordinal)) >= 40);
        Assert.True(d.Enterprises.Count(e => e.RegionCode.StartsWith("4401", StringComparison.Ordinal)) >= 40);
        var byProvince = d.Enterprises.GroupBy(e => e.RegionCode[..2]).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byProvince["32"] > byProvince.GetValueOrDefault("62"));
        Assert.True(byProvince.Count > 20);
        Assert.All(d.Enterprises, e => Assert.Matches(@"(有限公司|有限责任公司|厂)$", e.Name));
    }

    [Fact]
    public async Task Generate_writes_the_data_and_the_demo_users_quickly()
    {
        await using var db = await TestDatabase.CreateAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(db);
        services.AddScoped(sp => sp.GetRequiredService<TestDatabase>().Context());
        services.AddQualityWatchIdentityCore();
        services.AddScoped<UserAdmin>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<Persistence.QualityWatchDbContext>();
        var generator = new DemoGenerator(context, scope.ServiceProvider.GetRequiredService<UserAdmin>());

        var summary = await generator.GenerateAsync(7, DemoScale.Small);

        Assert.Equal(2000, summary.Enterprises);
        Assert.True(summary.Elapsed < TimeSpan.FromSeconds(30), summary.Elapsed.ToString());
        Assert.Equal(DemoUsers.All.Select(u => u.Name), summary.UsersAdded);
        Assert.Equal(2000, await context.Enterprises.CountAsync());
        Assert.Equal(summary.Products, await context.Products.CountAsync());
        Assert.Equal(summary.Batches, await context.Batches.CountAsync());
        var enterpriseUser = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("enterprise");
        var linked = await context.Enterprises.SingleAsync(e => e.Id == enterpriseUser!.EnterpriseId);
        Assert.StartsWith("4403", linked.RegionCode, StringComparison.Ordinal);
        Assert.True(linked.Types.HasFlag(EnterpriseTypes.Producer));
        Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CheckPasswordAsync(enterpriseUser!, "Enterprise#2026"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => generator.GenerateAsync(7, DemoScale.Small));
    }
}
