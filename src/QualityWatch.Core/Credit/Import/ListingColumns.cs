using System.Globalization;
using QualityWatch.Core.Risk.Sources.Import;

namespace QualityWatch.Core.Credit.Import;

/// <summary>
/// The columns of a listing spreadsheet: the first header is the template's (as GSXT and local bureaus label their
/// exports), then synonyms and the API name. Headers are matched after <see cref="ColumnMap"/>'s normalisation.
/// </summary>
public static class ListingColumns
{
    public const int DecisionNumber = 0;
    public const int CreditCode = 1;
    public const int EntityName = 2;
    public const int Category = 3;
    public const int LegalBasis = 4;
    public const int Reason = 5;
    public const int Authority = 6;
    public const int DecidedOn = 7;
    public const int PublishedOn = 8;
    public const int CaseNumber = 9;
    public const int Measures = 10;

    public static readonly IReadOnlyList<SourceColumn> All =
    [
        new("decisionNumber", ["列入决定书文号", "列入决定文号", "决定书文号", "列入文号"], Required: true, Description: "the key: a re-import with the same number updates or changes nothing"),
        new("creditCode", ["统一社会信用代码", "社会信用代码", "信用代码"], Required: true),
        new("entityName", ["当事人名称", "市场主体名称", "企业名称", "名称"], Description: "required when no registered enterprise has the credit code"),
        new("category", ["列入类别", "违法失信类别", "违法行为类别", "类别"], Required: true),
        new("legalBasis", ["列入依据", "法律依据", "依据"], Required: true),
        new("reason", ["列入事由", "列入原因", "主要违法事实", "违法事实"], Required: true),
        new("authority", ["作出决定机关", "列入决定机关", "决定机关", "列入机关"], Required: true),
        new("decidedOn", ["列入日期", "作出决定日期", "决定日期"], Required: true, Description: "yyyy-MM-dd"),
        new("publishedOn", ["公示日期", "公示开始日期"], Description: "yyyy-MM-dd; when given the listing is published with that date"),
        new("caseNumber", ["行政处罚决定书文号", "处罚决定书文号", "案件编号", "案号"]),
        new("measures", ["管理措施", "惩戒措施"], Description: "separated by ；, ; or 、; the configured defaults when blank"),
    ];

    public static string Header(int field) => All[field].ChineseHeader;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>Dates as Chinese offices write them, or as Excel hands them over (a serial number).</summary>
    public static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (text is null)
            return true;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = DateOnly.FromDateTime(d);
            return true;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }
        return false;
    }

    public static List<string> SplitMeasures(string? text) =>
        text is null ? [] : [.. text.Split(['；', ';', '、', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
