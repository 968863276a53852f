using System.Text.RegularExpressions;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Registry.Products;

namespace QualityWatch.Core.Certification.Verification;

/// <summary>Product groups that decide which schemes can apply.</summary>
public enum ProductFamily
{
    Unknown,
    /// <summary>Masks and respirators, medical or not.</summary>
    Mask,
    ProtectiveClothing,
    Thermometer,
    Fabric,
    Other,
}

/// <summary>
/// What a claim says the product is: a category when one can be told, plus the attributes the fraud rules need
/// (for children, a respirator grade, ear loops). Officers type "儿童口罩" or "KN95", not category codes.
/// </summary>
public sealed partial record ClaimedProduct(string? CategoryCode, ProductFamily Family, bool ForChildren, string? Grade, bool EarLoops)
{
    public ProductCategory? Category => ProductCategories.Find(CategoryCode);

    /// <summary>A grade of a foreign or Chinese standard that NIOSH never approves (GB 2626 KN/KP, EN 149 FFP).</summary>
    public bool NonNioshGrade => Grade is not null && (Grade.StartsWith('K') || Grade.StartsWith("FFP", StringComparison.Ordinal));

    public static ClaimedProduct? FromCategory(string? code) =>
        ProductCategories.Find(code) is { } c ? new(c.Code, FamilyOf(c.Code), c.Code == "MASK-CHILD", null, false) : null;

    /// <summary>Reads a category code or free text; null when the text says nothing about the product.</summary>
    public static ClaimedProduct? Resolve(string? claimed, string? context = null)
    {
        if (string.IsNullOrWhiteSpace(claimed) && string.IsNullOrWhiteSpace(context))
            return null;
        if (FromCategory(claimed?.Trim()) is { } exact)
            return exact with { ForChildren = exact.ForChildren || Children(context), EarLoops = EarLoop(context) };
        // The claim decides the category; the context (label, pasted text) only adds attributes.
        var text = TextFolding.Fold(claimed ?? string.Empty);
        var all = context is null ? text : text + " " + TextFolding.Fold(context);
        var children = Children(all);
        var grade = GradePattern().Match(text) is { Success: true } g ? g.Value.Replace(" ", string.Empty, StringComparison.Ordinal) : null;
        grade ??= GradePattern().Match(all) is { Success: true } g2 ? g2.Value.Replace(" ", string.Empty, StringComparison.Ordinal) : null;
        var code = CategoryFromText(text, children, grade) ?? (text.Length == 0 ? CategoryFromText(all, children, grade) : null);
        var family = code is not null ? FamilyOf(code) : FamilyFromText(all);
        if (code is null && family == ProductFamily.Unknown && grade is null && !children)
            return null;
        return new ClaimedProduct(code, family, children, grade, EarLoop(all));
    }

    public static ProductFamily FamilyOf(string code) => code switch
    {
        _ when code.StartsWith("MASK-", StringComparison.Ordinal) || code == "RESP-PART" => ProductFamily.Mask,
        "CLOTH-PROT" or "GOWN-ISO" => ProductFamily.ProtectiveClothing,
        _ when code.StartsWith("THERMO-", StringComparison.Ordinal) => ProductFamily.Thermometer,
        _ when code.StartsWith("FAB-", StringComparison.Ordinal) => ProductFamily.Fabric,
        _ => ProductFamily.Other,
    };

    private static string? CategoryFromText(string t, bool children, string? grade)
    {
        // Most specific first: 医用防护口罩 contains 医用…口罩, 医用外科口罩 contains 外科口罩.
        if (Has(t, "医用防护口罩", "GB 19083", "GB19083", "MEDICAL PROTECTIVE MASK"))
            return "MASK-MEDPROT";
        if (Has(t, "外科口罩", "YY 0469", "YY0469", "SURGICAL MASK", "SURGICAL"))
            return "MASK-SURG";
        if (Has(t, "医用口罩", "YY/T 0969", "YY/T0969", "YYT0969", "MEDICAL MASK", "MEDICAL FACE MASK"))
            return "MASK-MEDSU";
        if (children || Has(t, "GB/T 38880", "GB/T38880"))
            return "MASK-CHILD";
        if (grade is not null || Has(t, "防颗粒物", "呼吸器", "GB 2626", "GB2626", "RESPIRATOR", "EN 149", "EN149"))
            return "RESP-PART";
        if (Has(t, "日常防护", "GB/T 32610", "GB/T32610"))
            return "MASK-DAILY";
        if (Has(t, "防护服", "PROTECTIVE CLOTHING", "COVERALL", "GB 19082", "GB19082"))
            return "CLOTH-PROT";
        if (Has(t, "隔离衣", "ISOLATION GOWN"))
            return "GOWN-ISO";
        if (Has(t, "熔喷", "MELTBLOWN", "MELT-BLOWN"))
            return "FAB-MELTBLOWN";
        if (Has(t, "纺粘", "SPUNBOND"))
            return "FAB-SPUNBOND";
        if (Has(t, "耳温", "EAR THERMOMETER"))
            return "THERMO-EAR";
        if (Has(t, "额温", "FOREHEAD THERMOMETER"))
            return "THERMO-FORE";
        if (Has(t, "电子体温计", "ELECTRONIC THERMOMETER"))
            return "THERMO-ELEC";
        if (Has(t, "护目镜", "GOGGLE"))
            return "GOGGLES";
        if (Has(t, "手套", "GLOVE"))
            return "GLOVES-MED";
        if (Has(t, "消毒", "DISINFECT"))
            return "DISINFECT";
        return null;
    }

    private static ProductFamily FamilyFromText(string t) =>
        Has(t, "口罩", "MASK", "面罩") ? ProductFamily.Mask
        : Has(t, "体温", "THERMOMETER") ? ProductFamily.Thermometer
        : ProductFamily.Unknown;

    private static bool Children(string? t) =>
        t is not null && (Has(t, "儿童", "童用", "幼儿", "婴") || ChildWord().IsMatch(TextFolding.Fold(t)));

    private static bool EarLoop(string? t) => t is not null && Has(TextFolding.Fold(t), "耳挂", "耳带", "EAR LOOP", "EARLOOP", "EAR-LOOP");

    private static bool Has(string text, params ReadOnlySpan<string> words)
    {
        foreach (var w in words)
        {
            if (text.Contains(w, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    [GeneratedRegex(@"(?<![A-Z])(?:K[NP](?:90|95|100)|[NRP](?:95|99|100)|FFP\s?[123])(?!\d)")]
    private static partial Regex GradePattern();

    [GeneratedRegex(@"(?<![A-Z])(?:CHILD|CHILDREN|CHILDREN'S|KID|KIDS|PEDIATRIC|PAEDIATRIC)(?![A-Z])")]
    private static partial Regex ChildWord();
}
