using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Registry.Products;

namespace QualityWatch.Core.Registry.Batches;

/// <summary>A production lot of one product.</summary>
public sealed class Batch : IAudited
{
    public long Id { get; set; }
    public long ProductId { get; set; }
    public Product? Product { get; set; }
    public required string LotNumber { get; set; }
    public DateOnly? ProductionDate { get; set; }
    public long Quantity { get; set; }
    /// <summary>片, 只, 盒, 箱, 卷, kg, 件 …</summary>
    public required string Unit { get; set; }
    /// <summary>Copied from the product's manufacturer on write.</summary>
    public string RegionCode { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    string IAudited.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    string? IAudited.AuditRegionCode => RegionCode;
}

internal sealed class BatchConfiguration : IEntityTypeConfiguration<Batch>
{
    public void Configure(EntityTypeBuilder<Batch> builder)
    {
        builder.ToTable("batches");
        builder.Property(b => b.LotNumber).HasMaxLength(64);
        builder.Property(b => b.Unit).HasMaxLength(16);
        builder.Property(b => b.RegionCode).HasMaxLength(6);
        builder.HasIndex(b => new { b.ProductId, b.LotNumber }).IsUnique();
        builder.HasIndex(b => b.RegionCode);
        builder.HasOne(b => b.Product).WithMany().HasForeignKey(b => b.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
