using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;

namespace QualityWatch.Core.Risk.Sources;

/// <summary>Users the notice asks regulators to protect first; they raise a record's weight in the risk score.</summary>
[Flags]
public enum VulnerableGroups
{
    None = 0,
    Children = 1,
    MedicalStaff = 2,
}

/// <summary>
/// What the four source types share: the key they arrived with (imports are idempotent by it), when and where,
/// the enterprise as given and as linked, and what the text analysis made of it. Each type has its own table;
/// this class is not mapped on its own so that each table stays narrow and independently indexed.
/// </summary>
public abstract class SourceRecord : IAudited
{
    public long Id { get; set; }
    /// <summary>The sender's identifier (12315 ticket, sample number, case number, URL).</summary>
    public required string SourceId { get; set; }
    /// <summary>Received, sampled, opened or published: the date the record counts on.</summary>
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>
    /// The Beijing-time date of <see cref="OccurredAt"/> as <see cref="DateOnly.DayNumber"/>. Day 0 was a Monday, so
    /// Day / 7 is the week: the scan groups by it in SQL on both databases without date functions.
    /// </summary>
    public int Day { get; set; }
    /// <summary>6-digit GB/T 2260 code; national items without a place use 100000.</summary>
    public required string RegionCode { get; set; }
    public string? EnterpriseName { get; set; }
    public string? EnterpriseCreditCode { get; set; }
    public long? EnterpriseId { get; set; }
    /// <summary>credit-code, name, alias, fuzzy or none; with the confidence, so officers can judge a fuzzy link.</summary>
    public string? LinkMethod { get; set; }
    public double? LinkConfidence { get; set; }
    public string? ProductText { get; set; }
    /// <summary>Code from the product taxonomy, given or classified.</summary>
    public string? ProductCategory { get; set; }
    /// <summary>Problem type code (counterfeit, substandard, unlicensed …), classified from the text.</summary>
    public string Problem { get; set; } = "other";
    public double ClassificationConfidence { get; set; }
    public VulnerableGroups Vulnerable { get; set; }
    /// <summary>JSON: matched terms with offsets, extracted identifiers, enterprise mentions, rules version.</summary>
    public string? Analysis { get; set; }
    /// <summary>Hash of the imported fields: an identical re-import is recognised without comparing every column.</summary>
    public string ContentHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The Beijing-time calendar date of an instant: what "today" and a record's day mean everywhere.</summary>
    public static DateOnly ChinaDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaOffset).DateTime);

    public static int DayOf(DateTimeOffset at) => ChinaDate(at).DayNumber;

    /// <summary>The text the analysis reads.</summary>
    public abstract string AnalysedText { get; }

    string IAudited.AuditId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    string? IAudited.AuditRegionCode => RegionCode;
}

internal static class SourceRecordConfiguration
{
    public static void ConfigureCommon<T>(EntityTypeBuilder<T> builder, string table) where T : SourceRecord
    {
        builder.ToTable(table);
        builder.Property(r => r.SourceId).HasMaxLength(256);
        builder.Property(r => r.RegionCode).HasMaxLength(6);
        builder.Property(r => r.EnterpriseName).HasMaxLength(256);
        builder.Property(r => r.EnterpriseCreditCode).HasMaxLength(32);
        builder.Property(r => r.LinkMethod).HasMaxLength(32); // "credit-code-corrected" is 21
        builder.Property(r => r.ProductText).HasMaxLength(512);
        builder.Property(r => r.ProductCategory).HasMaxLength(16);
        builder.Property(r => r.Problem).HasMaxLength(24);
        builder.Property(r => r.ContentHash).HasMaxLength(44);
        builder.Ignore(r => r.AnalysedText);
        builder.HasIndex(r => r.SourceId).IsUnique();
        // The scan counts by time window first, then groups; the enterprise index serves convergence and the enterprise page.
        builder.HasIndex(r => r.Day);
        builder.HasIndex(r => r.RegionCode);
        builder.HasIndex(r => r.EnterpriseId);
    }
}
