using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Regions;

namespace QualityWatch.Core.Registry.Enterprises;

[Flags]
public enum EnterpriseTypes
{
    None = 0,
    Producer = 1,
    Distributor = 2,
    Retailer = 4,
    OnlineSeller = 8,
    ImporterExporter = 16,
    CertificationBody = 32,
    TestLaboratory = 64,
}

public enum EnterpriseStatus
{
    Active = 0,
    Suspended = 1,
    Revoked = 2,
    Deregistered = 3,
}

public sealed class Enterprise : IAudited
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Computed on write by <see cref="Names.EnterpriseName.Normalise"/>; used for matching.</summary>
    public string NormalizedName { get; set; } = "";
    public required string CreditCode { get; set; }
    public CreditCodeStatus CreditCodeStatus { get; set; }
    /// <summary>6-digit GB/T 2260 county code; decides who may see the record.</summary>
    public required string RegionCode { get; set; }
    public Region? Region { get; set; }
    public string? Address { get; set; }
    public string? LegalRepresentative { get; set; }
    public EnterpriseTypes Types { get; set; }
    public List<string> ProductionLicences { get; set; } = [];
    public EnterpriseStatus Status { get; set; }
    public List<string> Aliases { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    string IAudited.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    string? IAudited.AuditRegionCode => RegionCode;
}

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> builder)
    {
        builder.ToTable("enterprises");
        builder.Property(e => e.Name).HasMaxLength(256);
        builder.Property(e => e.NormalizedName).HasMaxLength(256);
        builder.Property(e => e.CreditCode).HasMaxLength(18);
        builder.Property(e => e.RegionCode).HasMaxLength(6);
        builder.Property(e => e.Address).HasMaxLength(512);
        builder.Property(e => e.LegalRepresentative).HasMaxLength(64);
        builder.HasIndex(e => e.CreditCode).IsUnique();
        builder.HasIndex(e => e.NormalizedName);
        builder.HasIndex(e => e.RegionCode);
        builder.HasOne(e => e.Region).WithMany().HasForeignKey(e => e.RegionCode).OnDelete(DeleteBehavior.Restrict);
    }
}
