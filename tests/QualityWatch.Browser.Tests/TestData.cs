using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Access;
using QualityWatch.Core.Demo;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Browser.Tests;

public sealed record SeededData(long ShenzhenEnterpriseId, long GuangzhouEnterpriseId, long EnterpriseUsersEnterpriseId);

/// <summary>The demo data set (small scale, fixed seed) and the demo users, written by the product's own demo generator.</summary>
public static class TestData
{
    public const int Seed = 20260101;

    public static async Task<SeededData> SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<AccessScope>().AsSystem("browser-tests");
        var db = sp.GetRequiredService<QualityWatchDbContext>();
        var summary = await new DemoGenerator(db, sp.GetRequiredService<UserAdmin>()).GenerateAsync(Seed, DemoScale.Small);
        Assert.True(summary.Enterprises > 0 && summary.Products > 0 && summary.Batches > 0, "the demo generator wrote data");
        Assert.Equal(DemoUsers.All.Count, summary.UsersAdded.Count);

        var active = db.Enterprises.IgnoreQueryFilters().AsNoTracking().Where(e => e.Status == EnterpriseStatus.Active && e.CreditCodeStatus == CreditCodeStatus.Valid);
        var shenzhen = await active.Where(e => e.RegionCode.StartsWith("4403")).OrderBy(e => e.Id).Select(e => e.Id).Skip(1).FirstAsync();
        var guangzhou = await active.Where(e => e.RegionCode.StartsWith("4401")).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        var enterpriseUserName = DemoUsers.All.Single(d => d.Role == Roles.EnterpriseUser).Name;
        var enterpriseUser = await db.Users.Where(u => u.UserName == enterpriseUserName).Select(u => u.EnterpriseId).SingleAsync();
        Assert.NotNull(enterpriseUser);
        return new SeededData(shenzhen, guangzhou, enterpriseUser.Value);
    }

    /// <summary>A credit code that passes the GB 32100 check, made by the algorithm from the county and a serial.</summary>
    public static string ValidCreditCode(string county, int serial)
    {
        for (var salt = 0; ; salt++)
        {
            var body = (serial * 7919 + salt * 104729 + 10_000_000).ToString("D8", CultureInfo.InvariantCulture)[^8..];
            var code = CreditCode.Build("91", county, body);
            if (CreditCode.Check(code).Status == CreditCodeStatus.Valid)
                return code;
        }
    }
}
