using System.Text;
using MiniExcelLibs;
using QualityWatch.Core.Certification.BatchVerify;
using QualityWatch.Core.Registry.Enterprises.Import;
using static QualityWatch.Core.Tests.Certification.TestRegistry;

namespace QualityWatch.Core.Tests.Certification.Import;

/// <summary>The spreadsheet round trip: the caller's sheet comes back unchanged with the verdict columns added.</summary>
public sealed class BatchVerifyTests
{
    private static readonly string Csv =
        "序号,证书编号,产品名称,持证人,备注\n" +
        $"1,粤械注准20202140123,医用外科口罩,{HolderA},甲\n" +
        "2,粤械注准20202140789,医用外科口罩,,乙\n" +
        "3,粤械注准20202140999,医用外科口罩,,\n" +
        "4,,,,空号\n" +
        $"5,粤械注准20202140123,医用外科口罩,{HolderB},借用\n" +
        "6,=1+1,,,\n";

    private static async Task<(BatchVerifyResult Result, byte[] Output)> RunAsync(byte[] input, string name, SpreadsheetFormat format)
    {
        using var output = new MemoryStream();
        var r = await VerifySpreadsheet.RunAsync(new MemoryStream(input), name, output, format, AsOf, Reg);
        return (r, output.ToArray());
    }

    private static List<string?[]> ReadBack(byte[] bytes, string name)
    {
        using var sheet = SheetReader.Open(new MemoryStream(bytes), name);
        var rows = new List<string?[]> { sheet.Headers.ToArray<string?>() };
        while (sheet.Read())
            rows.Add([.. Enumerable.Range(0, sheet.Headers.Count).Select(sheet.Cell)]);
        return rows;
    }

    [Fact]
    public async Task Csv_comes_back_as_csv_with_bom_and_the_verdict_columns()
    {
        var (r, bytes) = await RunAsync(Encoding.UTF8.GetBytes(Csv), "customs.csv", VerifySpreadsheet.OutputFormatFor("customs.csv"));
        Assert.Equal(SpreadsheetFormat.Csv, r.Format);
        Assert.Equal((6, 1, 0, 3, 1, 1), (r.Rows, r.Authentic, r.Suspicious, r.Invalid, r.Unknown, r.Blank));
        Assert.Equal("证书编号", r.NumberColumn);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = ReadBack(bytes, "out.csv");
        Assert.Equal((string?[])["序号", "证书编号", "产品名称", "持证人", "备注", .. VerifySpreadsheet.AddedHeaders], rows[0]);
        Assert.Equal((string?[])["1", "粤械注准20202140123", "医用外科口罩", HolderA, "甲"], rows[1][..5]);
        Assert.Equal("真实 authentic", rows[1][5]);
        Assert.Equal("有效 valid", rows[1][7]);
        Assert.Contains("深圳市康泽医疗用品有限公司", rows[1][8], StringComparison.Ordinal);
        Assert.Equal("广东省药品监督管理局", rows[1][9]);
        Assert.Equal("无效 invalid", rows[2][5]);
        Assert.Contains("status-on-date", rows[2][6], StringComparison.Ordinal);
        Assert.Equal("暂停 suspended", rows[2][7]);
        Assert.Equal("无法确认 unknown", rows[3][5]);
        Assert.Contains("in-registry", rows[3][6], StringComparison.Ordinal);
        Assert.Equal("未填写证书编号 no number", rows[4][5]);
        Assert.Equal("无效 invalid", rows[5][5]);
        Assert.Contains("holder-matches", rows[5][6], StringComparison.Ordinal);
        // A formula-looking cell is written inert, never as a formula.
        Assert.StartsWith("'=", rows[6][1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_and_xls_come_back_as_xlsx_and_a_second_run_refreshes_rather_than_adds_columns()
    {
        var input = new MemoryStream();
        await MiniExcel.SaveAsAsync(input, new[]
        {
            new Dictionary<string, object> { ["Certificate No."] = "TC-84A-9372", ["Product"] = "KN95 口罩", ["Scheme"] = "", ["Markings"] = "" },
            new Dictionary<string, object> { ["Certificate No."] = "2163-PPE-0451", ["Product"] = "FFP2", ["Scheme"] = "eu-type-examination", ["Markings"] = "CE 2163" },
        });
        var (r, bytes) = await RunAsync(input.ToArray(), "list.xlsx", VerifySpreadsheet.OutputFormatFor("list.xls"));
        Assert.Equal(SpreadsheetFormat.Xlsx, r.Format);
        Assert.Equal("list.verified.xlsx", VerifySpreadsheet.OutputFileName("list.xls", SpreadsheetFormat.Xlsx));
        Assert.Equal((2, 1, 1), (r.Rows, r.Invalid, r.Authentic));
        var rows = ReadBack(bytes, "out.xlsx");
        Assert.Equal(4 + VerifySpreadsheet.AddedHeaders.Count, rows[0].Length);
        Assert.Equal("无效 invalid", rows[1][4]);
        Assert.Contains("niosh-marking", rows[1][5], StringComparison.Ordinal);
        Assert.Equal("真实 authentic", rows[2][4]);

        var (again, bytes2) = await RunAsync(bytes, "out.xlsx", SpreadsheetFormat.Xlsx);
        Assert.Equal(2, again.Rows);
        var rows2 = ReadBack(bytes2, "again.xlsx");
        Assert.Equal(rows[0], rows2[0]);
        Assert.Equal(rows[1], rows2[1]);
    }

    [Fact]
    public async Task The_number_column_is_found_by_its_content_when_no_header_names_it_and_a_sheet_without_one_is_refused()
    {
        var csv = "货物,单号\n医用外科口罩,粤械注准20202140123\n医用外科口罩,粤械注准20202140456\n";
        var (r, _) = await RunAsync(Encoding.UTF8.GetBytes(csv), "x.csv", SpreadsheetFormat.Csv);
        Assert.Equal(("单号", 2), (r.NumberColumn, r.Authentic));

        var none = "货物,数量\n口罩,100\n手套,200\n";
        await Assert.ThrowsAsync<ImportFileException>(() => RunAsync(Encoding.UTF8.GetBytes(none), "y.csv", SpreadsheetFormat.Csv));
    }

    [Fact]
    public async Task Gb18030_csv_is_read_and_written_back_as_utf8()
    {
        var (r, bytes) = await RunAsync(SheetReader.Gb18030.GetBytes(Csv), "gb.csv", SpreadsheetFormat.Csv);
        Assert.Equal(1, r.Authentic);
        Assert.Contains("粤械注准20202140123", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }
}
