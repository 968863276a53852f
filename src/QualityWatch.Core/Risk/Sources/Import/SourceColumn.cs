using QualityWatch.Core.Registry.Enterprises.Import;

namespace QualityWatch.Core.Risk.Sources.Import;

/// <summary>One importable field: its API name, the headers a spreadsheet may use for it (the first is the template's), and whether a row needs it.</summary>
public sealed record SourceColumn(string Api, string[] Headers, bool Required = false, string? Description = null)
{
    public string ChineseHeader => Headers[0];
}

/// <summary>Maps a sheet's headers to a schema's columns.</summary>
public sealed class ColumnMap
{
    private readonly int[] sheetColumn;

    private ColumnMap(int[] sheetColumn, IReadOnlyList<string> ignored)
    {
        this.sheetColumn = sheetColumn;
        Ignored = ignored;
    }

    public IReadOnlyList<string> Ignored { get; }

    /// <summary>Sheet column of schema column <paramref name="field"/>, or -1 when the sheet lacks it.</summary>
    public int this[int field] => sheetColumn[field];

    public static ColumnMap Build(IReadOnlyList<SourceColumn> columns, IReadOnlyList<string> headers)
    {
        var byHeader = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var f = 0; f < columns.Count; f++)
        {
            foreach (var h in columns[f].Headers.Append(columns[f].Api))
                byHeader.TryAdd(EnterpriseColumns.NormaliseHeader(h), f);
        }
        var map = new int[columns.Count];
        Array.Fill(map, -1);
        var ignored = new List<string>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (byHeader.TryGetValue(EnterpriseColumns.NormaliseHeader(headers[i]), out var f) && map[f] < 0)
                map[f] = i;
            else if (headers[i].Length > 0)
                ignored.Add(headers[i]);
        }
        return new ColumnMap(map, ignored);
    }
}
