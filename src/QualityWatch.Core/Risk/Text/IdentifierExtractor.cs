using System.Text.RegularExpressions;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Risk.Text;

public enum IdentifierKind
{
    CreditCode = 0,
    Gtin = 1,
    CccCertificate = 2,
    MedicalDeviceRegistration = 3,
    MedicalDeviceFiling = 4,
    NioshApproval = 5,
    /// <summary>CE followed by a 4-digit notified-body number.</summary>
    NotifiedBody = 6,
    LaMark = 7,
    BatchNumber = 8,
}

/// <summary>
/// An identifier quoted in free text. Start and Length are in the original text. Valid means the format
/// and check digit pass — a screen only; the issuing register has the final word
/// (/work/shared/domain/identifiers.md).
/// </summary>
public sealed record ExtractedIdentifier(IdentifierKind Kind, string Value, int Start, int Length, bool Valid);

/// <summary>
/// Finds identifiers in complaint, inspection, case and news text. Kinds are tried from the most to the
/// least specific and a later kind never overlaps an earlier one, so a GTIN is not also read as a batch.
/// Bare numbers that could be anything (8-digit dates, 16-digit card numbers) need a keyword before them.
/// </summary>
public static partial class IdentifierExtractor
{
    private const string Provinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼黔滇";

    public static IReadOnlyList<ExtractedIdentifier> Extract(string? text) =>
        string.IsNullOrEmpty(text) ? [] : Extract(ChineseText.Normalise(text));

    public static IReadOnlyList<ExtractedIdentifier> Extract(NormalisedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Text;
        var found = new List<(int Start, int Length, IdentifierKind Kind, string Value, bool Valid)>();
        void Add(int start, int length, IdentifierKind kind, string value, bool valid)
        {
            foreach (var f in found)
            {
                if (start < f.Start + f.Length && f.Start < start + length)
                    return;
            }
            found.Add((start, length, kind, value, valid));
        }

        foreach (Match m in Registration().Matches(s))
        {
            var value = Compact(m.Value);
            Add(m.Index, m.Length, IdentifierKind.MedicalDeviceRegistration, value, RegistrationValid(value));
        }
        foreach (Match m in OldRegistration().Matches(s))
            Add(m.Index, m.Length, IdentifierKind.MedicalDeviceRegistration, Compact(m.Value), YearPlausible(m.Groups["year"].Value, 1990));
        foreach (Match m in Filing().Matches(s))
        {
            var value = Compact(m.Value);
            Add(m.Index, m.Length, IdentifierKind.MedicalDeviceFiling, value, YearPlausible(m.Groups["year"].Value, 2014) && m.Groups["serial"].Length == 4);
        }
        foreach (Match m in Niosh().Matches(s))
            Add(m.Index, m.Length, IdentifierKind.NioshApproval, $"TC-{m.Groups["schedule"].Value}-{m.Groups["number"].Value}", m.Groups["number"].Length == 4);
        foreach (Match m in LaMark().Matches(s))
            Add(m.Index, m.Length, IdentifierKind.LaMark, $"LA {m.Groups["number"].Value}", true);
        foreach (Match m in NotifiedBody().Matches(s))
            Add(m.Index, m.Length, IdentifierKind.NotifiedBody, $"CE {m.Groups["number"].Value}", true);
        foreach (Match m in CreditCodeCandidate().Matches(s))
        {
            var check = CreditCode.Check(m.Value);
            var keyword = HasKeywordBefore(s, m.Index, CreditKeyword());
            // 18 characters also fit a resident ID number; without a keyword only a passing check counts.
            if (check.Status == CreditCodeStatus.Valid || keyword)
                Add(m.Index, m.Length, IdentifierKind.CreditCode, check.Normalised, check.Status == CreditCodeStatus.Valid);
        }
        foreach (Match m in KeywordCode().Matches(s))
        {
            var code = m.Groups["code"];
            Add(code.Index, code.Length, IdentifierKind.CreditCode, CreditCode.Normalise(code.Value), false);
        }
        foreach (Match m in Batch().Matches(s))
        {
            var value = m.Groups["value"];
            if (value.Value.Any(char.IsAsciiDigit))
                Add(value.Index, value.Length, IdentifierKind.BatchNumber, value.Value.TrimEnd('-', '/'), true);
        }
        foreach (Match m in Ccc().Matches(s))
        {
            if (HasKeywordBefore(s, m.Index, CccKeyword()))
                Add(m.Index, m.Length, IdentifierKind.CccCertificate, m.Value, YearPlausible(m.Value[..4], 2002));
        }
        foreach (Match m in GtinCandidate().Matches(s))
        {
            var digits = m.Groups["digits"].Value;
            var valid = Gtin.IsValid(digits);
            var keyword = m.Groups["ai"].Success || HasKeywordBefore(s, m.Index, GtinKeyword());
            if (keyword || (valid && digits.Length is 13 or 14))
                Add(m.Groups["digits"].Index, digits.Length, IdentifierKind.Gtin, digits, valid);
        }

        return found
            .OrderBy(f => f.Start)
            .Select(f =>
            {
                var (start, length) = text.ToOriginalSpan(f.Start, f.Length);
                return new ExtractedIdentifier(f.Kind, f.Value, start, length, f.Valid);
            })
            .ToList();
    }

    /// <summary>identifiers.md §4.1: 国 ⇔ (class III ∧ 准) ∨ 进 ∨ 许; a province prefix ⇒ class II ∧ 准.</summary>
    private static bool RegistrationValid(string value)
    {
        var m = RegistrationStrict().Match(value);
        if (!m.Success || !YearPlausible(m.Groups["year"].Value, 2000))
            return false;
        var national = m.Groups["prefix"].Value == "国";
        var kind = m.Groups["kind"].Value;
        var cls = m.Groups["class"].Value;
        return national ? (cls == "3" && kind == "准") || kind is "进" or "许" : cls == "2" && kind == "准";
    }

    private static bool YearPlausible(string year, int from) =>
        int.TryParse(year, out var y) && y >= from && y <= DateTime.UtcNow.Year + 1;

    private static bool HasKeywordBefore(string s, int index, Regex keyword)
    {
        var from = Math.Max(0, index - 16);
        return keyword.IsMatch(s.AsSpan(from, index - from));
    }

    private static string Compact(string value) => value.Replace(" ", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex($"(?<prefix>[国{Provinces}])械注(?<kind>[准进许]) ?\\d[\\d ]{{5,14}}\\d(?!\\d)")]
    private static partial Regex Registration();

    [GeneratedRegex(@"^(?<prefix>.)械注(?<kind>.)(?<year>\d{4})(?<class>[23])(?<category>\d{2})(?<serial>\d{4})$")]
    private static partial Regex RegistrationStrict();

    [GeneratedRegex($"[国{Provinces}]?食?药监械\\((?<kind>[准进许])\\)字(?<year>\\d{{4}})第(?<serial>\\d{{7}})号")]
    private static partial Regex OldRegistration();

    [GeneratedRegex($"(?:国|[{Provinces}][\\u4e00-\\u9fa5]?)械备 ?(?<year>\\d{{4}})(?<serial>\\d{{4,5}})(?!\\d)号?")]
    private static partial Regex Filing();

    [GeneratedRegex(@"(?<![A-Z])TC[- ]?(?<schedule>\d{2}[A-Z])[- ]?(?<number>\d{3,5})(?!\d)")]
    private static partial Regex Niosh();

    [GeneratedRegex(@"(?:(?<![A-Z])LA|安全标志(?:编号|证号)?:?) ?(?<number>\d{2}-\d{2}-\d{6})(?!\d)")]
    private static partial Regex LaMark();

    [GeneratedRegex(@"(?<![A-Z])CE[- ]?(?<number>\d{4})(?!\d)")]
    private static partial Regex NotifiedBody();

    [GeneratedRegex(@"(?<![0-9A-Z])[0-9A-Z]{2}\d{6}[0-9A-Z]{10}(?![0-9A-Z])")]
    private static partial Regex CreditCodeCandidate();

    [GeneratedRegex(@"(?:统一社会信用代码|社会信用代码|信用代码|USCC)(?:为|是)?:? ?(?<code>[0-9A-Z]{15,20})(?![0-9A-Z])")]
    private static partial Regex KeywordCode();

    [GeneratedRegex(@"统一社会信用代码|社会信用代码|信用代码|USCC|营业执照")]
    private static partial Regex CreditKeyword();

    [GeneratedRegex(@"(?:生产批号|产品批号|批次号|批号|批次|LOT ?(?:NO\.?|NUMBER)?)(?:为|是)? ?:? ?(?<value>[0-9A-Z][0-9A-Z\-/]{2,19})(?![0-9A-Z])")]
    private static partial Regex Batch();

    [GeneratedRegex(@"(?<!\d)20\d{14}(?!\d)")]
    private static partial Regex Ccc();

    [GeneratedRegex(@"CCC|3C|强制性产品认证|认证证书|证书编号|证书号")]
    private static partial Regex CccKeyword();

    [GeneratedRegex(@"(?<ai>\(01\) ?)?(?<!\d)(?<digits>\d{14}|\d{13}|\d{12}|\d{8})(?!\d)")]
    private static partial Regex GtinCandidate();

    [GeneratedRegex(@"条码|条形码|商品码|GTIN|EAN|UPC|GS1")]
    private static partial Regex GtinKeyword();
}
