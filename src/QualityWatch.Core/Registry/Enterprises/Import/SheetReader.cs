using System.Globalization;
using System.Text;
using ExcelDataReader;
using Sylvan.Data.Csv;

namespace QualityWatch.Core.Registry.Enterprises.Import;

/// <summary>
/// Reads the first sheet of an .xlsx/.xls workbook or a CSV file as header + text cells, so the import
/// logic never cares which format arrived. Row numbers are what a spreadsheet shows: the header is row 1.
/// </summary>
public abstract class SheetReader : IDisposable
{
    static SheetReader()
    {
        // GB18030 CSVs and legacy .xls code pages are not in .NET's built-in encodings.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public IReadOnlyList<string> Headers { get; protected set; } = [];

    /// <summary>1-based spreadsheet row of the current record.</summary>
    public int RowNumber { get; protected set; } = 1;

    /// <summary>Share of the input consumed, when it can be known.</summary>
    public abstract double? Fraction { get; }

    /// <summary>Moves to the next row that has at least one non-blank cell.</summary>
    public abstract bool Read();

    /// <summary>The trimmed cell text, or null when the cell is blank or the row is short.</summary>
    public abstract string? Cell(int column);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    /// <summary>Chooses the format from the file name, falling back to the file's magic bytes.</summary>
    public static SheetReader Open(Stream seekable, string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        var isExcel = ext is ".xlsx" or ".xls" || (ext != ".csv" && LooksLikeWorkbook(seekable));
        try
        {
            return isExcel ? new ExcelSheet(seekable) : new CsvSheet(seekable);
        }
        catch (Exception e) when (e is not ImportFileException and not OperationCanceledException)
        {
            throw new ImportFileException($"无法读取文件 {fileName}：{e.Message} (the file is not a readable {(isExcel ? "workbook" : "CSV")})", e);
        }
    }

    private static bool LooksLikeWorkbook(Stream s)
    {
        Span<byte> head = stackalloc byte[4];
        var n = s.Read(head);
        s.Position = 0;
        // "PK" starts a zip (xlsx); D0 CF 11 E0 starts an OLE compound file (xls).
        return n == 4 && ((head[0] == 0x50 && head[1] == 0x4B) || (head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0));
    }

    /// <summary>
    /// UTF-8 (with or without BOM) when the whole file decodes strictly as UTF-8, otherwise GB18030,
    /// which is what Excel and WPS on a Chinese Windows save as "CSV". GB18030 text is almost never
    /// valid UTF-8, so a strict decode of every byte is a reliable test.
    /// </summary>
    public static Encoding DetectCsvEncoding(Stream seekable)
    {
        var start = seekable.Position;
        try
        {
            var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
            var bytes = new byte[1 << 16];
            var chars = new char[bytes.Length + 4];
            int n;
            while ((n = seekable.Read(bytes, 0, bytes.Length)) > 0)
                decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
            decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030;
        }
        finally
        {
            seekable.Position = start;
        }
    }

    protected static string? Clean(string? text)
    {
        if (text is null)
            return null;
        var t = text.Trim().Trim('\uFEFF', '\u3000').Trim();
        return t.Length == 0 ? null : t;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);

    private sealed class CsvSheet : SheetReader
    {
        private readonly Stream stream;
        private readonly long length;
        private readonly CsvDataReader csv;

        public CsvSheet(Stream stream)
        {
            this.stream = stream;
            length = stream.Length;
            var encoding = DetectCsvEncoding(stream);
            // detectEncodingFromByteOrderMarks also consumes a UTF-8 BOM so it never reaches the first header.
            var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
            csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, OwnsReader = true, MaxBufferSize = 1 << 22 });
            var headers = new string[csv.FieldCount];
            for (var i = 0; i < headers.Length; i++)
                headers[i] = Clean(csv.GetName(i)) ?? "";
            Headers = headers;
        }

        public override double? Fraction => length > 0 ? Math.Min(1, (double)stream.Position / length) : null;

        public override bool Read()
        {
            while (csv.Read())
            {
                RowNumber++;
                for (var i = 0; i < csv.FieldCount; i++)
                {
                    if (Cell(i) is not null)
                        return true;
                }
            }
            return false;
        }

        public override string? Cell(int column) =>
            column >= 0 && column < csv.FieldCount ? Clean(csv.GetString(column)) : null;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                csv.Dispose();
        }
    }

    private sealed class ExcelSheet : SheetReader
    {
        private readonly IExcelDataReader excel;
        private readonly int rowCount;

        public ExcelSheet(Stream stream)
        {
            excel = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { LeaveOpen = true });
            rowCount = excel.RowCount;
            if (!excel.Read())
                throw new ImportFileException("工作表为空，缺少表头行 (the first sheet is empty: no header row)");
            var headers = new string[excel.FieldCount];
            for (var i = 0; i < headers.Length; i++)
                headers[i] = Clean(Text(excel.GetValue(i))) ?? "";
            Headers = headers;
        }

        public override double? Fraction => rowCount > 0 ? Math.Min(1, (double)RowNumber / rowCount) : null;

        public override bool Read()
        {
            while (excel.Read())
            {
                RowNumber++;
                for (var i = 0; i < excel.FieldCount; i++)
                {
                    if (Cell(i) is not null)
                        return true;
                }
            }
            return false;
        }

        public override string? Cell(int column) =>
            column >= 0 && column < excel.FieldCount ? Clean(Text(excel.GetValue(column))) : null;

        /// <summary>Numbers typed into cells (region codes, all-digit credit codes) come back as doubles.</summary>
        private static string? Text(object? value) => value switch
        {
            null => null,
            string s => s,
            double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToString("s", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                excel.Dispose();
        }
    }
}
