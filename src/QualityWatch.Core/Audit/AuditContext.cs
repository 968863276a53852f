namespace QualityWatch.Core.Audit;

/// <summary>Request facts the audit log records besides the actor (set by the web pipeline or the CLI).</summary>
public sealed class AuditContext
{
    public string? RequestId { get; set; }
    public string? ClientAddress { get; set; }
}

/// <summary>Marks entities whose changes are audited and gives the region that owns them.</summary>
public interface IAudited
{
    string AuditId { get; }
    string? AuditRegionCode { get; }
}

/// <summary>Derived data (search indexes) that is rebuilt from audited records and so is not audited itself.</summary>
public interface INotAudited;
