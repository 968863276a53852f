using System.Globalization;
using QualityWatch.Core.Registry.Enterprises.Import;

namespace QualityWatch.Core.Certification.Import;

/// <summary>
/// One incoming row as text cells in schema-column order (from a sheet, an API batch or the demo generator), with the
/// problems found while reading it. A row with any error is rejected as a whole and reported per field.
/// </summary>
public sealed class SheetRow(int number, string?[] cells)
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日",
        "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm",
    ];

    /// <summary>Spreadsheet row (header = 1) or 1-based position in an API batch.</summary>
    public int Number { get; } = number;

    public string?[] Cells { get; } = cells;

    public List<(int Field, string Reason)> Errors { get; } = [];

    public List<string> Warnings { get; } = [];

    public string? this[int field] => field < Cells.Length ? Cells[field] : null;

    public void Error(int field, string reason) => Errors.Add((field, reason));

    public string? Text(int field, int maxLength)
    {
        var v = this[field];
        if (v is not null && v.Length > maxLength)
            Error(field, $"超过 {maxLength} 个字符 (longer than {maxLength} characters)");
        return v;
    }

    public string RequiredText(int field, int maxLength)
    {
        var v = Text(field, maxLength);
        if (v is null)
            Error(field, "必填 (required)");
        return v ?? "";
    }

    /// <summary>A list cell (甲；乙 or one per line), each item at most <paramref name="maxItemLength"/> characters.</summary>
    public List<string>? List(int field, int maxItemLength = 256)
    {
        var items = ImportEnterprises.SplitList(this[field])?.Distinct(StringComparer.Ordinal).ToList();
        if (items is not null && items.Any(i => i.Length > maxItemLength))
            Error(field, $"某项超过 {maxItemLength} 个字符 (an item is longer than {maxItemLength} characters)");
        return items;
    }

    public DateOnly? Date(int field, bool required)
    {
        var v = this[field];
        if (v is null)
        {
            if (required)
                Error(field, "必填 (required)");
            return null;
        }
        if (ParseDate(v) is { } d)
            return d;
        Error(field, "无法识别的日期，应为 yyyy-MM-dd (not a date: use yyyy-MM-dd)");
        return null;
    }

    /// <summary>Dates as Chinese offices write them, ISO timestamps from workbooks, and Excel serial numbers.</summary>
    public static DateOnly? ParseDate(string text)
    {
        var v = text.Trim();
        if (DateTime.TryParseExact(v, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
            return DateOnly.FromDateTime(dt);
        // A cell formatted as a number hands the date through as its serial.
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        return null;
    }

    public decimal? Money(int field)
    {
        var v = this[field]?.Replace(",", "", StringComparison.Ordinal).Replace("元", "", StringComparison.Ordinal).Replace("¥", "", StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(v))
            return null;
        if (decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d >= 0)
            return d;
        Error(field, "应为非负金额 (not a non-negative amount)");
        return null;
    }
}
