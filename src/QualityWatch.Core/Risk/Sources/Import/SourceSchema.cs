using System.Security.Cryptography;
using System.Text;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Risk.Sources.Import;

/// <summary>
/// How one source type arrives: its columns (Chinese template headers first) and how a row becomes an entity.
/// The first six columns are the same for every type, so the importer can read the key, time, region and
/// enterprise without knowing the type.
/// </summary>
public abstract class SourceSchema
{
    public const int SourceIdField = 0;
    public const int OccurredAtField = 1;
    public const int RegionField = 2;
    public const int EnterpriseNameField = 3;
    public const int CreditCodeField = 4;
    public const int ProductField = 5;

    /// <summary>complaint, inspection, case or opinion: the name used in series keys, URLs and the CLI.</summary>
    public abstract string Kind { get; }
    public abstract string NameZh { get; }
    public abstract IReadOnlyList<SourceColumn> Columns { get; }
    public abstract Type EntityType { get; }

    /// <summary>Items without a place (national news) are counted nationally rather than rejected.</summary>
    public virtual bool RegionRequired => true;

    public static readonly IReadOnlyList<SourceSchema> All = [new ComplaintSchema(), new InspectionSchema(), new CaseSchema(), new OpinionSchema()];

    public static SourceSchema? Find(string kind) => All.FirstOrDefault(s => string.Equals(s.Kind, kind, StringComparison.OrdinalIgnoreCase));

    protected static SourceColumn[] Common(string[] idHeaders, string[] timeHeaders, string[] enterpriseHeaders, string[] productHeaders, bool regionRequired = true) =>
    [
        new("sourceId", idHeaders, Required: true),
        new("occurredAt", timeHeaders, Required: true),
        new("regionCode", ["地区代码", "行政区划代码", "区划代码", "所在地区代码", "regionCode", "region_code"], Required: regionRequired),
        new("enterpriseName", enterpriseHeaders),
        new("creditCode", ["统一社会信用代码", "社会信用代码", "信用代码", "creditCode", "credit_code"]),
        new("product", productHeaders),
    ];

    /// <summary>Reads the type's own fields into a new entity; problems go to <see cref="SourceRow.Errors"/>.</summary>
    public abstract SourceRecord Create(SourceRow row);

    /// <summary>Copies the imported (not derived) fields of a re-sent record onto the stored one; blank cells keep stored values.</summary>
    public abstract void CopyImported(SourceRecord from, SourceRecord to);

    public abstract IQueryable<SourceRecord> Query(QualityWatchDbContext db);

    /// <summary>Identifies a record's content so an identical re-import is skipped.</summary>
    public static string Hash(SourceRow row)
    {
        var sb = new StringBuilder();
        foreach (var c in row.Cells)
            sb.Append(c).Append('\u001f');
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    protected static T Keep<T>(T? incoming, T stored) => incoming ?? stored;
}

/// <summary>Typed access to a source's DbSet.</summary>
public abstract class SourceSchema<T> : SourceSchema where T : SourceRecord
{
    public override Type EntityType => typeof(T);

    public override IQueryable<SourceRecord> Query(QualityWatchDbContext db) => db.Set<T>();

    public override void CopyImported(SourceRecord from, SourceRecord to)
    {
        to.OccurredAt = from.OccurredAt;
        to.Day = from.Day;
        to.RegionCode = from.RegionCode;
        to.EnterpriseName = Keep(from.EnterpriseName, to.EnterpriseName);
        to.EnterpriseCreditCode = Keep(from.EnterpriseCreditCode, to.EnterpriseCreditCode);
        to.ProductText = Keep(from.ProductText, to.ProductText);
        CopyOwn((T)from, (T)to);
    }

    protected abstract void CopyOwn(T from, T to);
}
