using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Registry.Enterprises;

namespace QualityWatch.Core.Registry.Products;

[Flags]
public enum IntendedUsers
{
    None = 0,
    Adults = 1,
    Children = 2,
    MedicalStaff = 4,
}

public sealed class Product : IAudited
{
    public long Id { get; set; }
    /// <summary>A <see cref="ProductCategories"/> code.</summary>
    public required string Category { get; set; }
    public string? Brand { get; set; }
    public required string Model { get; set; }
    public string? ClaimedStandard { get; set; }
    public string? Grade { get; set; }
    public string? Gtin { get; set; }
    public string? RegistrationNumber { get; set; }
    public long ManufacturerId { get; set; }
    public Enterprise? Manufacturer { get; set; }
    /// <summary>Copied from the manufacturer on write so scoping and counts need no join.</summary>
    public string RegionCode { get; set; } = "";
    public IntendedUsers IntendedUsers { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    string IAudited.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    string? IAudited.AuditRegionCode => RegionCode;
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products");
        builder.Property(p => p.Category).HasMaxLength(32);
        builder.Property(p => p.Brand).HasMaxLength(128);
        builder.Property(p => p.Model).HasMaxLength(128);
        builder.Property(p => p.ClaimedStandard).HasMaxLength(64);
        builder.Property(p => p.Grade).HasMaxLength(32);
        builder.Property(p => p.Gtin).HasMaxLength(14);
        builder.Property(p => p.RegistrationNumber).HasMaxLength(64);
        builder.Property(p => p.RegionCode).HasMaxLength(6);
        builder.HasIndex(p => p.ManufacturerId);
        builder.HasIndex(p => p.RegionCode);
        builder.HasIndex(p => p.Category);
        builder.HasIndex(p => p.Gtin);
        builder.HasOne(p => p.Manufacturer).WithMany().HasForeignKey(p => p.ManufacturerId).OnDelete(DeleteBehavior.Restrict);
    }
}
