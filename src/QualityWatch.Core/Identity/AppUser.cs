using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityWatch.Core.Identity;

public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
    /// <summary>Short GB/T 2260 code (44, 4403, 440305) or 100000 for national users.</summary>
    public string RegionCode { get; set; } = Access.RegionCodes.National;
    /// <summary>Set for enterprise users only.</summary>
    public long? EnterpriseId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(128);
        builder.Property(u => u.RegionCode).HasMaxLength(6);
        builder.HasIndex(u => u.RegionCode);
    }
}

public static class Roles
{
    public const string NationalAdmin = nameof(NationalAdmin);
    public const string RegionalOfficer = nameof(RegionalOfficer);
    public const string Inspector = nameof(Inspector);
    public const string CertificationSupervisor = nameof(CertificationSupervisor);
    public const string Analyst = nameof(Analyst);
    public const string EnterpriseUser = nameof(EnterpriseUser);

    public static readonly IReadOnlyList<string> All =
        [NationalAdmin, RegionalOfficer, Inspector, CertificationSupervisor, Analyst, EnterpriseUser];

    /// <summary>Staff roles that may change registry records (analysts only read).</summary>
    public const string RegistryEditors = $"{NationalAdmin},{RegionalOfficer},{Inspector},{CertificationSupervisor}";

    public const string Staff = $"{NationalAdmin},{RegionalOfficer},{Inspector},{CertificationSupervisor},{Analyst}";

    public static string? Find(string name) => All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));
}
