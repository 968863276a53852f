using QualityWatch.Core.Identity;

namespace QualityWatch.Core.Demo;

public sealed record DemoUser(string Name, string Role, string RegionCode, string Password, string DisplayName);

/// <summary>One demo user per role. The passwords are public on purpose: demo databases are for trying the product.</summary>
public static class DemoUsers
{
    public static readonly IReadOnlyList<DemoUser> All =
    [
        new("admin", Roles.NationalAdmin, "100000", "Admin#2026", "国家局管理员"),
        new("gd.officer", Roles.RegionalOfficer, "44", "Guangdong#2026", "广东省局监管员"),
        new("sz.officer", Roles.RegionalOfficer, "4403", "Shenzhen#2026", "深圳市局监管员"),
        new("inspector", Roles.Inspector, "44", "Inspector#2026", "抽检员"),
        new("cert.supervisor", Roles.CertificationSupervisor, "100000", "Cert#2026", "认证监管员"),
        new("analyst", Roles.Analyst, "100000", "Analyst#2026", "数据分析员"),
        new("enterprise", Roles.EnterpriseUser, "100000", "Enterprise#2026", "企业用户"),
    ];
}
