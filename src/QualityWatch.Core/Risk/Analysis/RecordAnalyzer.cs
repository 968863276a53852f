using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using QualityWatch.Core.Access;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Names;
using QualityWatch.Core.Risk.Linking;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Text;

namespace QualityWatch.Core.Risk.Analysis;

/// <summary>A producer named in a record that matches no registered enterprise.</summary>
public sealed record LeadMention(string Name, string NormalizedName, string RegionCode, string Kind, string SourceId);

/// <summary>
/// Understands one record: classifies its text, extracts identifiers and enterprise mentions, links the named
/// enterprise to the registry and reports unregistered producers. Built once per import or scan, then used from
/// many threads. The record's <see cref="SourceRecord.Analysis"/> JSON keeps what was found, with offsets into
/// <see cref="SourceRecord.AnalysedText"/>, so pages can highlight the matched terms.
/// </summary>
public sealed class RecordAnalyzer
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private static readonly string[] ChildWords = ["儿童", "孩子", "小孩", "学生", "幼儿", "幼儿园", "学校", "宝宝", "婴儿"];
    private static readonly string[] MedicalWords = ["医护", "医务", "医院", "护士", "医生", "医疗机构", "一线医"];
    private static readonly HashSet<string> MedicalStaffCategories = ["MASK-MEDPROT", "CLOTH-PROT", "GOWN-ISO", "GLOVES-MED"];

    private readonly TextAnalyzer text;
    private readonly EnterpriseLinker linker;

    public RecordAnalyzer(TextAnalyzer text, EnterpriseDirectory directory)
    {
        this.text = text;
        linker = new EnterpriseLinker(directory);
        Directory = directory;
    }

    public EnterpriseDirectory Directory { get; }

    /// <summary>Uses the shared text pipeline and a registry snapshot that is reloaded only when enterprises changed.</summary>
    public static async Task<RecordAnalyzer> CreateAsync(QualityWatchDbContext db, CancellationToken ct) =>
        new(TextAnalyzer.Shared, await DirectoryCache.GetAsync(db, ct));

    /// <summary>Sets the derived fields of <paramref name="record"/>; returns an unregistered producer, if any.</summary>
    public LeadMention? Analyse(SourceRecord record, string kind)
    {
        var analysed = record.AnalysedText;
        var a = text.Analyze(null, analysed);
        var c = a.Classification;
        record.Problem = ProblemCode(c.Problem);
        record.ClassificationConfidence = Math.Round(c.Confidence, 4);
        record.ProductCategory ??= c.ProductCategory;
        record.Vulnerable = Vulnerable(record.ProductCategory, analysed);

        // The enterprise as the sender gave it; failing that, the first registered-looking name in the text.
        var name = record.EnterpriseName;
        if (name is null && record.EnterpriseCreditCode is null)
            name = a.Enterprises.FirstOrDefault(e => e.Kind == EnterpriseMentionKind.Named)?.Name;
        LinkResult? link = null;
        LeadMention? lead = null;
        if (name is not null || record.EnterpriseCreditCode is not null)
        {
            var region = record.RegionCode == RegionCodes.National ? null : record.RegionCode;
            link = linker.Link(new LinkQuery(record.EnterpriseCreditCode, name, region));
            record.EnterpriseId = link.EnterpriseId;
            record.LinkMethod = LinkCode(link.Method);
            record.LinkConfidence = Math.Round(link.Confidence, 4);
            if (link.IsUnregistered && name is not null)
                lead = new LeadMention(name, EnterpriseName.Normalise(name), record.RegionCode, kind, record.SourceId);
        }
        else
        {
            record.EnterpriseId = null;
            record.LinkMethod = null;
            record.LinkConfidence = null;
        }
        record.Analysis = JsonSerializer.Serialize(new
        {
            rulesVersion = c.RulesVersion,
            decidedBy = c.DecidedBy,
            confidence = Math.Round(c.Confidence, 4),
            categoryConfidence = Math.Round(c.CategoryConfidence, 4),
            terms = c.Terms.Select(t => new { term = t.Term, start = t.Start, length = t.Length, supports = t.Supports, negated = t.Negated }),
            identifiers = a.Identifiers.Select(i => new { kind = i.Kind.ToString(), value = i.Value, start = i.Start, length = i.Length, valid = i.Valid }),
            enterprises = a.Enterprises.Select(e => new { name = e.Name, start = e.Start, length = e.Length, kind = e.Kind.ToString() }),
            keywords = a.Tokens.Where(t => t.Length >= 2).Select(t => t.Text).Distinct().Take(12),
            link = link is null ? null : new { method = LinkCode(link.Method), confidence = Math.Round(link.Confidence, 4), explanation = link.Explanation, unregistered = link.IsUnregistered },
        }, Json);
        return lead;
    }

    public static string ProblemCode(ProblemType p) => p switch
    {
        ProblemType.Counterfeit => "counterfeit",
        ProblemType.Substandard => "substandard",
        ProblemType.Unlicensed => "unlicensed",
        ProblemType.FalseAdvertising => "false-advertising",
        ProblemType.Recycled => "recycled",
        ProblemType.Labelling => "labelling",
        ProblemType.Price => "price",
        ProblemType.Injury => "injury",
        _ => "other",
    };

    private static string LinkCode(LinkMethod m) => m switch
    {
        LinkMethod.CreditCode => "credit-code",
        LinkMethod.CreditCodeCorrected => "credit-code-corrected",
        LinkMethod.ExactName => "name",
        LinkMethod.Alias => "alias",
        LinkMethod.FuzzyName => "fuzzy",
        _ => "none",
    };

    private static VulnerableGroups Vulnerable(string? category, string analysed)
    {
        var v = VulnerableGroups.None;
        if (category == "MASK-CHILD" || ChildWords.Any(w => analysed.Contains(w, StringComparison.Ordinal)))
            v |= VulnerableGroups.Children;
        if ((category is not null && MedicalStaffCategories.Contains(category)) || MedicalWords.Any(w => analysed.Contains(w, StringComparison.Ordinal)))
            v |= VulnerableGroups.MedicalStaff;
        return v;
    }
}
