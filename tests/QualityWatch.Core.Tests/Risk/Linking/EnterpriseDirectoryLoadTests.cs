using QualityWatch.Core.Access;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Names;
using QualityWatch.Core.Risk.Linking;

namespace QualityWatch.Core.Tests.Risk.Linking;

public sealed class EnterpriseDirectoryLoadTests
{
    [Fact]
    public async Task Loads_the_whole_registry_whatever_the_callers_scope()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var system = db.Context())
        {
            foreach (var row in FixtureSet.Registry().Take(3))
            {
                system.Enterprises.Add(new Enterprise
                {
                    Name = row.Name,
                    NormalizedName = EnterpriseName.Normalise(row.Name),
                    CreditCode = row.CreditCode,
                    CreditCodeStatus = CreditCodeStatus.Valid,
                    RegionCode = row.RegionCode,
                    Aliases = [.. row.Aliases],
                });
            }
            await system.SaveChangesAsync();
        }

        // A Shenzhen officer's context sees one of the three; linking must still see all of them.
        await using var shenzhen = db.Context(new AccessScope().AsUser("sz", "4403", null));
        var directory = await EnterpriseDirectory.LoadAsync(shenzhen);

        Assert.Equal(3, directory.Count);
        var linker = new EnterpriseLinker(directory);
        Assert.NotNull(linker.Link(new LinkQuery(null, "东莞市康洁无纺布制品有限公司")).EnterpriseId); // alias of a Dongguan firm
        Assert.NotNull(linker.Link(new LinkQuery("91441900MA4W1JXK4C", null)).EnterpriseId);
    }
}
