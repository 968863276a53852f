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
        // One buffer and writer per thread, reset per record: allocating them per record was a third of the JSON's cost.
        var buffer = jsonBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var w = jsonWriter ??= new Utf8JsonWriter(buffer, WriterOptions);
        w.Reset(buffer);
        w.WriteStartObject();
        w.WriteString(Names.RulesVersion, c.RulesVersion);
        w.WriteString(Names.DecidedBy, c.DecidedBy);
        w.WriteNumber(Names.Confidence, Math.Round(c.Confidence, 4));
        w.WriteNumber(Names.CategoryConfidence, Math.Round(c.CategoryConfidence, 4));
        w.WriteStartArray(Names.Terms);
        foreach (var t in c.Terms)
        {
            w.WriteStartObject();
            w.WriteString(Names.Term, t.Term);
            w.WriteNumber(Names.Start, t.Start);
            w.WriteNumber(Names.Length, t.Length);
            w.WriteString(Names.Supports, t.Supports);
            w.WriteBoolean(Names.Negated, t.Negated);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray(Names.Identifiers);
        foreach (var i in a.Identifiers)
        {
            w.WriteStartObject();
            w.WriteString(Names.Kind, i.Kind.ToString());
            w.WriteString(Names.Value, i.Value);
            w.WriteNumber(Names.Start, i.Start);
            w.WriteNumber(Names.Length, i.Length);
            w.WriteBoolean(Names.Valid, i.Valid);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray(Names.Enterprises);
        foreach (var e in a.Enterprises)
        {
            w.WriteStartObject();
            w.WriteString(Names.Name, e.Name);
            w.WriteNumber(Names.Start, e.Start);
            w.WriteNumber(Names.Length, e.Length);
            w.WriteString(Names.Kind, e.Kind.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray(Names.Keywords);
        var keywords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in a.Tokens)
        {
            if (t.Length >= 2 && keywords.Count < 12 && keywords.Add(t.Text))
                w.WriteStringValue(t.Text);
        }
        w.WriteEndArray();
        if (link is null)
        {
            w.WriteNull(Names.Link);
        }
        else
        {
            w.WriteStartObject(Names.Link);
            w.WriteString(Names.Method, LinkCode(link.Method));
            w.WriteNumber(Names.Confidence, Math.Round(link.Confidence, 4));
            w.WriteString(Names.Explanation, link.Explanation);
            w.WriteBoolean(Names.Unregistered, link.IsUnregistered);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? jsonBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? jsonWriter;

    /// <summary>Property names encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText RulesVersion = JsonEncodedText.Encode("rulesVersion");
        public static readonly JsonEncodedText DecidedBy = JsonEncodedText.Encode("decidedBy");
        public static readonly JsonEncodedText Confidence = JsonEncodedText.Encode("confidence");
        public static readonly JsonEncodedText CategoryConfidence = JsonEncodedText.Encode("categoryConfidence");
        public static readonly JsonEncodedText Terms = JsonEncodedText.Encode("terms");
        public static readonly JsonEncodedText Term = JsonEncodedText.Encode("term");
        public static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
        public static readonly JsonEncodedText Length = JsonEncodedText.Encode("length");
        public static readonly JsonEncodedText Supports = JsonEncodedText.Encode("supports");
        public static readonly JsonEncodedText Negated = JsonEncodedText.Encode("negated");
        public static readonly JsonEncodedText Identifiers = JsonEncodedText.Encode("identifiers");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText Valid = JsonEncodedText.Encode("valid");
        public static readonly JsonEncodedText Enterprises = JsonEncodedText.Encode("enterprises");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Keywords = JsonEncodedText.Encode("keywords");
        public static readonly JsonEncodedText Link = JsonEncodedText.Encode("link");
        public static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
        public static readonly JsonEncodedText Explanation = JsonEncodedText.Encode("explanation");
        public static readonly JsonEncodedText Unregistered = JsonEncodedText.Encode("unregistered");
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
