namespace QualityWatch.Core.Registry.Enterprises.Import;

/// <summary>One failed field of one row: the row number as the spreadsheet shows it (header = row 1).</summary>
public sealed record ImportReject(int Row, string Field, string? Value, string Reason);

/// <summary>A row that was imported but deserves a look, such as a credit code that needs verification.</summary>
public sealed record ImportWarning(int Row, string Message);

/// <summary>Rows read so far and, when the size is known, the share of the file done (0–1).</summary>
public sealed record ImportProgress(int Rows, double? Fraction);

public sealed record ImportResult(
    int Rows,
    int Created,
    int Updated,
    int Unchanged,
    int RejectedRows,
    IReadOnlyList<ImportReject> Rejects,
    IReadOnlyList<ImportWarning> Warnings,
    IReadOnlyList<string> IgnoredColumns,
    TimeSpan Elapsed,
    string? RejectFile = null)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : Rows;
}

/// <summary>The file as a whole cannot be imported (unreadable, no header, no credit-code column).</summary>
public sealed class ImportFileException(string message, Exception? inner = null) : Exception(message, inner);
