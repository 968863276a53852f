using System.Globalization;

namespace QualityWatch.Core.Risk.Sources.Import;

/// <summary>One incoming record as text cells in schema-column order, from a sheet row or an API object.</summary>
public sealed class SourceRow(int number, string?[] cells)
{
    /// <summary>Spreadsheet row (header = 1) or 1-based position in an API batch.</summary>
    public int Number { get; } = number;
    public string?[] Cells { get; } = cells;
    public List<(int Field, string Reason)> Errors { get; } = [];

    /// <summary>The configured feed an opinion item was pulled from.</summary>
    public string? Feed { get; init; }

    public string? this[int field] => Cells[field];

    public string? Text(int field, int maxLength)
    {
        var v = Cells[field];
        if (v is not null && v.Length > maxLength)
            Errors.Add((field, $"超过 {maxLength} 个字符 (longer than {maxLength} characters)"));
        return v;
    }

    public string RequiredText(int field, int maxLength)
    {
        var v = Text(field, maxLength);
        if (v is null)
            Errors.Add((field, "必填 (required)"));
        return v ?? "";
    }

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "yyyy-M-d H:mm:ss", "yyyy年M月d日 H:mm",
    ];


    /// <summary>Dates and times as Chinese offices write them; a time without an offset is Beijing time.</summary>
    public DateTimeOffset? Time(int field, bool required)
    {
        var v = Cells[field];
        if (v is null)
        {
            if (required)
                Errors.Add((field, "必填 (required)"));
            return null;
        }
        // The offset test is cheap and most times have none; the general parser is tried only when it matters.
        if (HasOffset(v) && DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            return withOffset.ToUniversalTime();
        // Stored in UTC: PostgreSQL's timestamptz accepts only offset 0 from Npgsql.
        if (DateTime.TryParseExact(v, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return new DateTimeOffset(local, SourceRecord.ChinaOffset).ToUniversalTime();
        // Excel hands dates through as serial numbers when a cell is formatted as a number.
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
            return new DateTimeOffset(DateTime.FromOADate(serial), SourceRecord.ChinaOffset).ToUniversalTime();
        Errors.Add((field, "无法识别的日期，应为 yyyy-MM-dd 或 yyyy-MM-dd HH:mm (not a date: use yyyy-MM-dd or yyyy-MM-dd HH:mm)"));
        return null;
    }

    private static bool HasOffset(string v) =>
        v.EndsWith('Z') || (v.Length > 6 && (v[^6] is '+' or '-') && v[^3] == ':');

    public decimal? Money(int field)
    {
        var v = Cells[field]?.Replace(",", "", StringComparison.Ordinal).Replace("元", "", StringComparison.Ordinal).Replace("¥", "", StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(v))
            return null;
        if (decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d >= 0)
            return d;
        Errors.Add((field, "应为非负金额 (not a non-negative amount)"));
        return null;
    }
}
