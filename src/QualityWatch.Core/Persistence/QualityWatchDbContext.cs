using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Registry.Batches;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Enterprises.Search;
using QualityWatch.Core.Registry.Products;
using QualityWatch.Core.Registry.Regions;

namespace QualityWatch.Core.Persistence;

/// <summary>
/// The one model for SQLite and PostgreSQL. Region scoping lives here as global query filters and the
/// audit trail is written inside the same transaction as the change it records.
/// </summary>
public sealed class QualityWatchDbContext(
    DbContextOptions<QualityWatchDbContext> options,
    AccessScope scope,
    AuditContext auditContext,
    TimeProvider clock) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<EnterpriseNameGram> EnterpriseNameGrams => Set<EnterpriseNameGram>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Batch> Batches => Set<Batch>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public AccessScope Scope => scope;
    public TimeProvider Clock => clock;

    /// <summary>Turned off by bulk imports that write their own summarised audit entries.</summary>
    public bool AuditEnabled { get; set; } = true;

    // Query filters read these per context instance, so EF parameterises them per request.
    private string? ScopePrefix => scope.RegionPrefix;
    private long? ScopeEnterpriseId => scope.EnterpriseId;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type: store UTC ticks so ordering and range filters run in the database.
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(QualityWatchDbContext).Assembly);

        builder.Entity<Enterprise>().HasQueryFilter(e =>
            (ScopePrefix == null || e.RegionCode.StartsWith(ScopePrefix)) &&
            (ScopeEnterpriseId == null || e.Id == ScopeEnterpriseId));
        builder.Entity<Product>().HasQueryFilter(p =>
            (ScopePrefix == null || p.RegionCode.StartsWith(ScopePrefix)) &&
            (ScopeEnterpriseId == null || p.ManufacturerId == ScopeEnterpriseId));
        builder.Entity<Batch>().HasQueryFilter(b =>
            (ScopePrefix == null || b.RegionCode.StartsWith(ScopePrefix)) &&
            (ScopeEnterpriseId == null || b.Product!.ManufacturerId == ScopeEnterpriseId));
        // Audit entries without a region (users, tokens) are national business.
        builder.Entity<AuditEntry>().HasQueryFilter(a =>
            ScopeEnterpriseId == null &&
            (ScopePrefix == null || (a.RegionCode != null && a.RegionCode.StartsWith(ScopePrefix))));
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!ChangeTracker.AutoDetectChangesEnabled)
            ChangeTracker.DetectChanges();
        EnterpriseNameIndex.Maintain(ChangeTracker);
        var pending = AuditEnabled ? AuditTrail.Capture(ChangeTracker) : [];
        if (pending.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // Generated keys are known only after the first save; both saves share one transaction.
        var ownTransaction = Database.CurrentTransaction is null;
        await using var transaction = ownTransaction ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var now = clock.GetUtcNow();
        AuditEntries.AddRange(pending.Select(p => p.ToEntry(now, scope.Actor, auditContext)));
        await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        return written;
    }
}
