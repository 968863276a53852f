using System.Diagnostics;
using System.Text;
using MiniExcelLibs;
using QualityWatch.Core.Certification.Import;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Certification.BatchVerify;

public enum SpreadsheetFormat
{
    Csv,
    Xlsx,
}

public sealed record BatchVerifyResult(
    int Rows,
    int Authentic,
    int Suspicious,
    int Invalid,
    int Unknown,
    int Blank,
    string NumberColumn,
    SpreadsheetFormat Format,
    TimeSpan Elapsed);

/// <summary>
/// Verifies every row of an uploaded spreadsheet (what a customs officer does with 500 certificate numbers) against
/// one registry snapshot and writes the same sheet back with the verdict columns added: the caller's columns and
/// rows stay as they were, so the result can be filtered and sorted in Excel. Pure apart from the streams: the web
/// upload, the API and <c>qw certs verify --file</c> all call <see cref="RunAsync"/>.
/// </summary>
public static class VerifySpreadsheet
{
    /// <summary>Upper bound on data rows, so an upload cannot tie the server up (a customs list is hundreds).</summary>
    public const int MaxRows = 100_000;

    /// <summary>The columns appended (or refreshed, when the sheet is an earlier result).</summary>
    public static readonly IReadOnlyList<string> AddedHeaders = ["核验结论 verdict", "未通过的检查 failed checks", "证书状态 status", "持证人 holder", "发证机构 issuer"];

    /// <summary>CSV in, CSV out (UTF-8 with BOM); xlsx and xls in, xlsx out.</summary>
    public static SpreadsheetFormat OutputFormatFor(string fileName) =>
        string.Equals(Path.GetExtension(fileName), ".csv", StringComparison.OrdinalIgnoreCase) ? SpreadsheetFormat.Csv : SpreadsheetFormat.Xlsx;

    public static string ContentType(SpreadsheetFormat format) => format == SpreadsheetFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>customs.xls → customs.verified.xlsx.</summary>
    public static string OutputFileName(string inputFileName, SpreadsheetFormat format) =>
        Path.GetFileNameWithoutExtension(inputFileName) + ".verified." + (format == SpreadsheetFormat.Csv ? "csv" : "xlsx");

    /// <summary>
    /// Reads <paramref name="input"/> (CSV in UTF-8 or GB18030, xlsx, xls; the format from <paramref name="fileName"/>
    /// or the file's first bytes), verifies each row as of <paramref name="asOf"/> and writes the result to
    /// <paramref name="output"/>. Throws <see cref="ImportFileException"/> when the file cannot be read, has no
    /// certificate-number column or more than <see cref="MaxRows"/> rows.
    /// <paramref name="fullView"/> decides what the verdict text may say, by the rule of the single-verify API: given
    /// the certificates the rows resolved to, it answers the ids of those whose record the caller may see (a regional
    /// officer: holders in their region); rows on any other certificate, and rows that found none, get the
    /// <see cref="PublicView"/> evidence (no lifecycle or surveillance notes, no credit history beyond listings in force).
    /// Null gives every row the full evidence (the CLI, run by the registry's operators, and national staff).
    /// </summary>
    public static async Task<BatchVerifyResult> RunAsync(Stream input, string fileName, Stream output, SpreadsheetFormat format,
        DateOnly asOf, CertificateRegistry registry,
        Func<IReadOnlyCollection<Certificate>, CancellationToken, Task<IReadOnlySet<string>>>? fullView = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(registry);
        var clock = Stopwatch.StartNew();
        var (headers, rows) = await ReadAsync(input, fileName, ct);
        var columns = BatchColumns.Detect(headers, rows.Take(50).ToList())
            ?? throw new ImportFileException($"{fileName}：找不到证书编号列（表头应为“证书编号”或 certificate number）(no certificate-number column)");

        // Columns added by an earlier run are refreshed in place rather than added twice.
        var outHeaders = headers.ToList();
        var added = new int[AddedHeaders.Count];
        for (var i = 0; i < added.Length; i++)
        {
            added[i] = outHeaders.IndexOf(AddedHeaders[i]);
            if (added[i] < 0)
            {
                added[i] = outHeaders.Count;
                outHeaders.Add(AddedHeaders[i]);
            }
        }
        int authentic = 0, suspicious = 0, invalid = 0, unknown = 0, blank = 0;
        var outRows = new List<string?[]>(rows.Count);
        var verified = new List<(string?[] Cells, VerificationRequest Request, VerificationResult Result)>(rows.Count);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            var cells = new string?[outHeaders.Count];
            Array.Copy(row, cells, Math.Min(row.Length, headers.Count));
            outRows.Add(cells);
            if (Cell(row, columns.Number) is not { } number)
            {
                blank++;
                cells[added[0]] = "未填写证书编号 no number";
                continue;
            }
            var request = Request(row, number, columns);
            var result = CertificateVerifier.Verify(request, registry, asOf);
            switch (result.Verdict)
            {
                case Verdict.Authentic: authentic++; break;
                case Verdict.Suspicious: suspicious++; break;
                case Verdict.Invalid: invalid++; break;
                default: unknown++; break;
            }
            verified.Add((cells, request, result));
        }
        // One visibility question for the whole sheet, then each row's evidence as that caller may read it.
        var visible = fullView is null
            ? null
            : await fullView([.. verified.Select(v => v.Result.Certificate).OfType<Certificate>().DistinctBy(c => c.Id)], ct);
        foreach (var (cells, request, result) in verified)
        {
            var full = visible is null || (result.Certificate is { } found && visible.Contains(found.Id));
            cells[added[0]] = $"{VerdictZh(result.Verdict)} {result.Verdict.Token()}";
            cells[added[1]] = string.Join("；", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Id}：{(full ? c.EvidenceZh : PublicView.Evidence(c, result, request, registry).Zh)}"));
            cells[added[2]] = result.CertificateStatus is { } st ? $"{SchemeWords.StatusZh(st)} {SchemeWords.StatusToken(st)}" : null;
            // Holder (name and credit code) and issuer are on the public record (see PublicView).
            cells[added[3]] = result.Certificate is { } cert ? (cert.HolderCreditCode is { } code ? $"{cert.HolderName}（{code}）" : cert.HolderName) : null;
            cells[added[4]] = result.Issuer is { } issuer ? (issuer.Number is { } n ? $"{issuer.NameZh}（{n}）" : issuer.NameZh) : null;
        }
        if (format == SpreadsheetFormat.Csv)
            await WriteCsvAsync(output, outHeaders, outRows, ct);
        else
            await WriteXlsxAsync(output, outHeaders, outRows, ct);
        return new BatchVerifyResult(rows.Count, authentic, suspicious, invalid, unknown, blank, headers[columns.Number], format, clock.Elapsed);
    }

    public static string VerdictZh(Verdict v) => v switch
    {
        Verdict.Authentic => "真实",
        Verdict.Suspicious => "可疑",
        Verdict.Invalid => "无效",
        _ => "无法确认",
    };

    private static VerificationRequest Request(string?[] row, string number, BatchColumns c)
    {
        var holder = Cell(row, c.Holder);
        var code = Cell(row, c.HolderCreditCode);
        // A holder column may carry the credit code instead of the name.
        if (code is null && holder is not null && CreditCode.Check(holder).Status != CreditCodeStatus.Invalid)
            (code, holder) = (holder, null);
        CertificateScheme? scheme = SchemeWords.TryParseScheme(Cell(row, c.Scheme), out var s) ? s : null;
        var freeText = number.Contains(' ', StringComparison.Ordinal) || number.Contains('\u3000', StringComparison.Ordinal);
        return new VerificationRequest
        {
            Number = freeText ? null : number,
            FreeText = freeText ? number : null,
            ClaimedScheme = scheme,
            ClaimedProduct = Cell(row, c.Product),
            Model = Cell(row, c.Model),
            ClaimedHolderName = holder,
            ClaimedHolderCreditCode = code,
            ClaimedIssuer = Cell(row, c.Issuer),
            Markings = Cell(row, c.Markings),
        };
    }

    private static string? Cell(string?[] row, int column) => column >= 0 && column < row.Length ? row[column] : null;

    private static async Task<(IReadOnlyList<string> Headers, List<string?[]> Rows)> ReadAsync(Stream input, string fileName, CancellationToken ct)
    {
        if (!input.CanSeek)
        {
            // The readers seek (format sniffing, encoding detection): an upload body is buffered first.
            await using var buffered = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            await input.CopyToAsync(buffered, ct);
            buffered.Position = 0;
            return Read(buffered, fileName, ct);
        }
        return Read(input, fileName, ct);
    }

    private static (IReadOnlyList<string> Headers, List<string?[]> Rows) Read(Stream seekable, string fileName, CancellationToken ct)
    {
        using var sheet = SheetReader.Open(seekable, fileName);
        var headers = sheet.Headers;
        if (headers.Count == 0)
            throw new ImportFileException($"{fileName}：缺少表头行 (no header row)");
        var rows = new List<string?[]>();
        while (sheet.Read())
        {
            ct.ThrowIfCancellationRequested();
            if (rows.Count == MaxRows)
                throw new ImportFileException($"{fileName}：超过 {MaxRows:N0} 行，请分批核验 (more than {MaxRows:N0} rows: split the file)");
            var cells = new string?[headers.Count];
            for (var i = 0; i < cells.Length; i++)
                cells[i] = sheet.Cell(i);
            rows.Add(cells);
        }
        return (headers, rows);
    }

    private static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> headers, List<string?[]> rows, CancellationToken ct)
    {
        // UTF-8 with BOM: Excel on a Chinese Windows opens it without garbling.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', headers.Select(Csv.Quote)));
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(string.Join(',', row.Select(Csv.Quote)));
        }
    }

    private static async Task WriteXlsxAsync(Stream output, IReadOnlyList<string> headers, List<string?[]> rows, CancellationToken ct)
    {
        if (!output.CanSeek)
        {
            // The xlsx writer seeks back to fill in the sheet dimension; a response body cannot seek.
            await using var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            await WriteXlsxAsync(temp, headers, rows, ct);
            temp.Position = 0;
            await temp.CopyToAsync(output, ct);
            return;
        }
        // Dictionary rows keep the caller's headers as written; blank or repeated headers get a unique key.
        var keys = new string[headers.Count];
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            var key = headers[i].Length > 0 ? headers[i] : $"列{i + 1}";
            for (var n = 2; !used.Add(key); n++)
                key = $"{headers[i]} ({n})";
            keys[i] = key;
        }
        var data = rows.Select(r =>
        {
            var d = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
                d[keys[i]] = r[i] ?? "";
            return d;
        });
        await MiniExcel.SaveAsAsync(output, data, sheetName: "核验结果", excelType: ExcelType.XLSX, cancellationToken: ct);
    }
}
