using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Identity;
using QualityWatch.Core.Registry.Batches;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Enterprises.Search;
using QualityWatch.Core.Registry.Products;
using QualityWatch.Core.Registry.Regions;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Leads;
using QualityWatch.Core.Risk.Outbox;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Warnings;

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
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<InspectionResult> InspectionResults => Set<InspectionResult>();
    public DbSet<EnforcementCase> EnforcementCases => Set<EnforcementCase>();
    public DbSet<OpinionItem> OpinionItems => Set<OpinionItem>();
    public DbSet<RiskSignal> RiskSignals => Set<RiskSignal>();
    public DbSet<RiskWarning> RiskWarnings => Set<RiskWarning>();
    public DbSet<DisposalTask> DisposalTasks => Set<DisposalTask>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProducerLead> ProducerLeads => Set<ProducerLead>();
    public DbSet<BodyRecord> CertificationBodies => Set<BodyRecord>();
    public DbSet<CertificateRecord> Certificates => Set<CertificateRecord>();
    public DbSet<CertificateEventRecord> CertificateEvents => Set<CertificateEventRecord>();
    public DbSet<SurveillanceAuditRecord> CertificateAudits => Set<SurveillanceAuditRecord>();
    public DbSet<DishonestyListing> CreditListings => Set<DishonestyListing>();
    public DbSet<ListingEvent> CreditListingEvents => Set<ListingEvent>();

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
        ScopeSourceRecords<Complaint>(builder);
        ScopeSourceRecords<InspectionResult>(builder);
        ScopeSourceRecords<EnforcementCase>(builder);
        ScopeSourceRecords<OpinionItem>(builder);
        // Enterprise users see signals, warnings and notices about themselves only, and no candidate warning
        // before an officer has issued it.
        builder.Entity<RiskSignal>().HasQueryFilter(s =>
            ScopeEnterpriseId == null && (ScopePrefix == null || s.RegionCode.StartsWith(ScopePrefix)));
        builder.Entity<RiskWarning>().HasQueryFilter(w =>
            (ScopePrefix == null || w.RegionCode.StartsWith(ScopePrefix)) &&
            (ScopeEnterpriseId == null || (w.EnterpriseId == ScopeEnterpriseId && w.IssuedAt != null)));
        builder.Entity<DisposalTask>().HasQueryFilter(t =>
            ScopeEnterpriseId == null && (ScopePrefix == null || t.RegionCode.StartsWith(ScopePrefix)));
        builder.Entity<Notice>().HasQueryFilter(n =>
            (ScopePrefix == null || n.RegionCode.StartsWith(ScopePrefix)) &&
            (ScopeEnterpriseId == null || n.EnterpriseId == ScopeEnterpriseId));
        builder.Entity<ProducerLead>().HasQueryFilter(l =>
            ScopeEnterpriseId == null && (ScopePrefix == null || l.RegionCode.StartsWith(ScopePrefix)));
        // Certificates are scoped by the holder's region (foreign holders: national staff only); an enterprise sees
        // its own. Bodies are public registers and need no filter.
        builder.Entity<CertificateRecord>().HasQueryFilter(c =>
            (ScopePrefix == null || (c.RegionCode != null && c.RegionCode.StartsWith(ScopePrefix))) &&
            (ScopeEnterpriseId == null || c.HolderEnterpriseId == ScopeEnterpriseId));
        builder.Entity<CertificateEventRecord>().HasQueryFilter(e =>
            (ScopePrefix == null || (e.Certificate!.RegionCode != null && e.Certificate.RegionCode.StartsWith(ScopePrefix))) &&
            (ScopeEnterpriseId == null || e.Certificate!.HolderEnterpriseId == ScopeEnterpriseId));
        builder.Entity<SurveillanceAuditRecord>().HasQueryFilter(a =>
            (ScopePrefix == null || (a.Certificate!.RegionCode != null && a.Certificate.RegionCode.StartsWith(ScopePrefix))) &&
            (ScopeEnterpriseId == null || a.Certificate!.HolderEnterpriseId == ScopeEnterpriseId));
        // Public listings are public through the public query handler (acting as the system); staff lists stay regional.
        builder.Entity<DishonestyListing>().HasQueryFilter(l =>
            (ScopePrefix == null || l.RegionCode.StartsWith(ScopePrefix)) &&
            (ScopeEnterpriseId == null || l.EnterpriseId == ScopeEnterpriseId));
        builder.Entity<ListingEvent>().HasQueryFilter(e =>
            (ScopePrefix == null || e.Listing!.RegionCode.StartsWith(ScopePrefix)) &&
            (ScopeEnterpriseId == null || e.Listing!.EnterpriseId == ScopeEnterpriseId));
        builder.Entity<OutboxMessage>().HasQueryFilter(m => ScopePrefix == null && ScopeEnterpriseId == null);
        // Audit entries without a region (users, tokens) are national business.
        builder.Entity<AuditEntry>().HasQueryFilter(a =>
            ScopeEnterpriseId == null &&
            (ScopePrefix == null || (a.RegionCode != null && a.RegionCode.StartsWith(ScopePrefix))));
    }

    // Complaints and reports name complainants: an enterprise sees none of them, even about itself.
    private void ScopeSourceRecords<T>(ModelBuilder builder) where T : SourceRecord =>
        builder.Entity<T>().HasQueryFilter(r =>
            ScopeEnterpriseId == null && (ScopePrefix == null || r.RegionCode.StartsWith(ScopePrefix)));

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
