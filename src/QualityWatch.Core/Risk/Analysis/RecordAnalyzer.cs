using System.Buffers;
using System.Text;
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
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

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
    public static async Task<RecordAnalyzer> CreateAsync(QualityWatchDbContext db, CancellationToken ct)
    {
        // The first use loads jieba's dictionaries and fits the model (about a second); that needs no database, so
        // it overlaps reading the registry.
        var text = Task.Run(() => TextAnalyzer.Shared, ct);
        var directory = await DirectoryCache.GetAsync(db, ct);
        return new(await text, directory);
    }

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
        record.Analysis = AnalysisJson(a, c, link);
        return lead;
    }

    /// <summary>
    /// The stored analysis (terms, identifiers and enterprise mentions with offsets for highlighting, keywords, the
    /// link), written directly: the reflection-based serialiser of an anonymous object cost about as much as linking.
    /// </summary>
    private static string AnalysisJson(TextAnalysis a, TextClassification c, LinkResult? link)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("rulesVersion", c.RulesVersion);
            w.WriteString("decidedBy", c.DecidedBy);
            w.WriteNumber("confidence", Math.Round(c.Confidence, 4));
            w.WriteNumber("categoryConfidence", Math.Round(c.CategoryConfidence, 4));
            w.WriteStartArray("terms");
            foreach (var t in c.Terms)
            {
                w.WriteStartObject();
                w.WriteString("term", t.Term);
                w.WriteNumber("start", t.Start);
                w.WriteNumber("length", t.Length);
                w.WriteString("supports", t.Supports);
                w.WriteBoolean("negated", t.Negated);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("identifiers");
            foreach (var i in a.Identifiers)
            {
                w.WriteStartObject();
                w.WriteString("kind", i.Kind.ToString());
                w.WriteString("value", i.Value);
                w.WriteNumber("start", i.Start);
                w.WriteNumber("length", i.Length);
                w.WriteBoolean("valid", i.Valid);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("enterprises");
            foreach (var e in a.Enterprises)
            {
                w.WriteStartObject();
                w.WriteString("name", e.Name);
                w.WriteNumber("start", e.Start);
                w.WriteNumber("length", e.Length);
                w.WriteString("kind", e.Kind.ToString());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("keywords");
            var keywords = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in a.Tokens)
            {
                if (t.Length >= 2 && keywords.Count < 12 && keywords.Add(t.Text))
                    w.WriteStringValue(t.Text);
            }
            w.WriteEndArray();
            if (link is null)
            {
                w.WriteNull("link");
            }
            else
            {
                w.WriteStartObject("link");
                w.WriteString("method", LinkCode(link.Method));
                w.WriteNumber("confidence", Math.Round(link.Confidence, 4));
                w.WriteString("explanation", link.Explanation);
                w.WriteBoolean("unregistered", link.IsUnregistered);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
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
