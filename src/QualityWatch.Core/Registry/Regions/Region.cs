using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityWatch.Core.Registry.Regions;

public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
}

/// <summary>A GB/T 2260 administrative division: 2-digit province, 4-digit city, 6-digit county code.</summary>
public sealed class Region
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? ParentCode { get; set; }
    public RegionLevel Level { get; set; }
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.ToTable("regions");
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(6);
        builder.Property(r => r.Name).HasMaxLength(64);
        builder.Property(r => r.ParentCode).HasMaxLength(6);
        builder.HasIndex(r => r.ParentCode);
    }
}
