using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Import;

/// <summary>
/// The 业务范围 cell of the body sheet: items separated by ；, ; or line breaks, each
/// <c>scheme|categories|legislation|from|until</c> with trailing parts optional and categories separated by 、 or ,
/// (blank = every category). Example: <c>voluntary|MASK-DAILY、MASK-CHILD||2016-05-01；ccc</c>.
/// </summary>
public static class ScopeCell
{
    public static IReadOnlyList<BodyScope> Parse(string cell, out string? error)
    {
        error = null;
        var scopes = new List<BodyScope>();
        foreach (var item in cell.Split(['；', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(['|', '｜']).Select(p => p.Trim()).ToArray();
            if (!SchemeWords.TryParseScheme(parts[0], out var scheme))
            {
                error = $"“{item}”：未知的认证类型“{parts[0]}” (unknown scheme '{parts[0]}')";
                return [];
            }
            var legislation = parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null;
            if (legislation is { Length: > 32 })
            {
                error = $"“{item}”：法规超过 32 个字符 (legislation longer than 32 characters)";
                return [];
            }
            DateOnly? from = null, until = null;
            if (parts.Length > 3 && parts[3].Length > 0 && (from = SheetRow.ParseDate(parts[3])) is null)
            {
                error = $"“{item}”：起始日期“{parts[3]}”无法识别 (not a date)";
                return [];
            }
            if (parts.Length > 4 && parts[4].Length > 0 && (until = SheetRow.ParseDate(parts[4])) is null)
            {
                error = $"“{item}”：截止日期“{parts[4]}”无法识别 (not a date)";
                return [];
            }
            if (from is not null && until <= from)
            {
                error = $"“{item}”：截止日期应晚于起始日期 (until must be after from)";
                return [];
            }
            // No category listed: the scope covers every category.
            string?[] categories = [null];
            if (parts.Length > 1 && parts[1].Length > 0)
                categories = parts[1].Split(['、', ',', '，', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var c in categories)
            {
                string? code = null;
                if (c is not null && (code = SchemeWords.Category(c)) is null)
                {
                    error = $"“{item}”：未知的产品类别“{c}” (unknown product category '{c}')";
                    return [];
                }
                scopes.Add(new BodyScope(scheme, code, legislation, from, until));
            }
        }
        return [.. scopes.Distinct()];
    }

    /// <summary>The cell text for a set of scopes, in the same grammar (used by the demo and exports).</summary>
    public static string Format(IEnumerable<BodyScope> scopes) => string.Join("；", scopes.Select(s =>
        string.Join('|', s.Scheme.Token(), s.ProductCategory ?? "", s.Legislation ?? "",
            s.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            s.Until?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "").TrimEnd('|')));
}
