using System.Globalization;
using System.Text;

namespace QualityWatch.Core.Registry.Enterprises.Import;

/// <summary>
/// The rows an import refused, one line per failed field (row,field,value,reason), as UTF-8 with BOM so
/// Excel on a Chinese Windows opens it without garbling.
/// </summary>
public static class RejectFile
{
    /// <summary>companies.xlsx → companies.rejects.csv in the same folder.</summary>
    public static string PathFor(string inputPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(inputPath))!, Path.GetFileNameWithoutExtension(inputPath) + ".rejects.csv");

    public static async Task WriteAsync(Stream output, IEnumerable<ImportReject> rejects, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync("row,field,value,reason");
        foreach (var r in rejects)
        {
            ct.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(string.Join(',',
                r.Row.ToString(CultureInfo.InvariantCulture), Csv.Quote(r.Field), Csv.Quote(r.Value), Csv.Quote(r.Reason)));
        }
    }

    public static async Task WriteAsync(string path, IEnumerable<ImportReject> rejects, CancellationToken ct = default)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
        await WriteAsync(file, rejects, ct);
    }
}

/// <summary>RFC 4180 quoting for the few CSV files the platform writes itself.</summary>
public static class Csv
{
    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        // A leading = + - @ would make Excel evaluate the cell as a formula (CSV injection).
        var v = value[0] is '=' or '+' or '@' || (value[0] == '-' && value.Length > 1 && !char.IsAsciiDigit(value[1])) ? "'" + value : value;
        return v.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }
}
