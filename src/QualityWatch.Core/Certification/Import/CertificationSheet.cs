using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Risk.Sources.Import;

namespace QualityWatch.Core.Certification.Import;

/// <summary>Reads a CSV/XLSX/XLS sheet into <see cref="SheetRow"/>s of a schema, using the registry import's reader and header matching.</summary>
public static class CertificationSheet
{
    /// <summary>Maps the headers; a sheet without one of the <paramref name="required"/> columns cannot be imported at all.</summary>
    public static ColumnMap Map(SheetReader sheet, IReadOnlyList<SourceColumn> columns, params int[] required)
    {
        var map = ColumnMap.Build(columns, sheet.Headers);
        foreach (var field in required)
        {
            if (map[field] < 0)
                throw new ImportFileException($"缺少“{columns[field].ChineseHeader}”列 (no {columns[field].Api} column)");
        }
        return map;
    }

    public static IEnumerable<SheetRow> Rows(SheetReader sheet, ColumnMap map, int fields)
    {
        while (sheet.Read())
        {
            var cells = new string?[fields];
            for (var f = 0; f < fields; f++)
                cells[f] = map[f] < 0 ? null : sheet.Cell(map[f]);
            yield return new SheetRow(sheet.RowNumber, cells);
        }
    }

    /// <summary>A row for API batches and generated data: cells by field index, in schema order.</summary>
    public static SheetRow Row(int number, int fields, params (int Field, string? Value)[] values)
    {
        var cells = new string?[fields];
        foreach (var (field, value) in values)
            cells[field] = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return new SheetRow(number, cells);
    }
}

/// <summary>Counts and problems of one import run, shared by the body, certificate and event imports.</summary>
internal sealed class ImportTally(IReadOnlyList<SourceColumn> columns)
{
    public List<ImportReject> Rejects { get; } = [];
    public List<ImportWarning> Warnings { get; } = [];
    public int Rows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int RejectedRows { get; set; }

    /// <summary>Reports every error of the row (one reject line per failed field); true when there was any.</summary>
    public bool RejectIfInvalid(SheetRow row)
    {
        Warn(row);
        if (row.Errors.Count == 0)
            return false;
        foreach (var (field, reason) in row.Errors)
            Rejects.Add(new ImportReject(row.Number, columns[field].ChineseHeader, row[field], reason));
        RejectedRows++;
        return true;
    }

    /// <summary>Keeps the warnings of an imported row.</summary>
    public void Warn(SheetRow row)
    {
        foreach (var w in row.Warnings)
            Warnings.Add(new ImportWarning(row.Number, w));
        row.Warnings.Clear();
    }

    public void Reject(SheetRow row, int field, string reason)
    {
        row.Error(field, reason);
        RejectIfInvalid(row);
    }

    public ImportResult Result(IReadOnlyList<string> ignored, TimeSpan elapsed) =>
        new(Rows, Created, Updated, Unchanged, RejectedRows, Rejects, Warnings, ignored, elapsed);
}
