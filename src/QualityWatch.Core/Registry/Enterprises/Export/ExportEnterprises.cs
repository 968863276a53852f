using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Registry.Enterprises.Search;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Registry.Enterprises.Export;

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>One exported line. The headers are the import's Chinese headers, so an export can be edited and imported back.</summary>
public sealed class EnterpriseExportRow
{
    [ExcelColumnName("统一社会信用代码")][ExcelColumnWidth(22)] public string CreditCode { get; init; } = "";
    [ExcelColumnName("企业名称")][ExcelColumnWidth(36)] public string Name { get; init; } = "";
    [ExcelColumnName("所在地区代码")][ExcelColumnWidth(12)] public string RegionCode { get; init; } = "";
    /// <summary>For people reading the sheet; the import ignores this column.</summary>
    [ExcelColumnName("所在地区")][ExcelColumnWidth(16)] public string RegionName { get; init; } = "";
    [ExcelColumnName("地址")][ExcelColumnWidth(40)] public string Address { get; init; } = "";
    [ExcelColumnName("法定代表人")] public string LegalRepresentative { get; init; } = "";
    [ExcelColumnName("企业类型")][ExcelColumnWidth(20)] public string Types { get; init; } = "";
    [ExcelColumnName("生产许可证")][ExcelColumnWidth(24)] public string ProductionLicences { get; init; } = "";
    [ExcelColumnName("经营状态")] public string Status { get; init; } = "";
    [ExcelColumnName("别名")][ExcelColumnWidth(24)] public string Aliases { get; init; } = "";
    /// <summary>"需核实" when the credit code fails its checksum (pilot-era codes); ignored by the import.</summary>
    [ExcelColumnName("信用代码核验")] public string CreditCodeCheck { get; init; } = "";

    public string[] Cells() => [CreditCode, Name, RegionCode, RegionName, Address, LegalRepresentative, Types, ProductionLicences, Status, Aliases, CreditCodeCheck];

    public static readonly string[] Headers =
        ["统一社会信用代码", "企业名称", "所在地区代码", "所在地区", "地址", "法定代表人", "企业类型", "生产许可证", "经营状态", "别名", "信用代码核验"];
}

/// <summary>
/// Streams the enterprises the caller may see (through <see cref="EnterpriseQuery.FilteredAsync"/>, so the region
/// scope applies) as CSV (UTF-8 with BOM, for Excel) or XLSX, ordered by id, without loading them all.
/// </summary>
public sealed class ExportEnterprises(EnterpriseQuery query, QualityWatchDbContext db)
{
    public static string ContentType(ExportFormat format) => format == ExportFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(ExportFormat format, string? regionCode) =>
        $"enterprises-{(string.IsNullOrWhiteSpace(regionCode) ? "all" : regionCode.Trim())}.{(format == ExportFormat.Csv ? "csv" : "xlsx")}";

    public static bool TryParseFormat(string? text, out ExportFormat format)
    {
        format = ExportFormat.Csv;
        if (string.Equals(text, "csv", StringComparison.OrdinalIgnoreCase))
            return true;
        format = ExportFormat.Xlsx;
        return string.Equals(text, "xlsx", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Writes the export and returns the number of enterprises written.</summary>
    public async Task<int> WriteAsync(Stream output, ExportFormat format, EnterpriseFilter filter, CancellationToken ct = default)
    {
        var regionNames = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        return format == ExportFormat.Csv
            ? await WriteCsvAsync(output, filter, regionNames, ct)
            : await WriteXlsxAsync(output, filter, regionNames, ct);
    }

    private async Task<IQueryable<Enterprise>> RowsAsync(EnterpriseFilter filter, CancellationToken ct) =>
        (await query.FilteredAsync(filter, ct)).OrderBy(e => e.Id);

    private async Task<int> WriteCsvAsync(Stream output, EnterpriseFilter filter, Dictionary<string, string> regionNames, CancellationToken ct)
    {
        var count = 0;
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', EnterpriseExportRow.Headers));
        await foreach (var e in (await RowsAsync(filter, ct)).AsAsyncEnumerable().WithCancellation(ct))
        {
            await writer.WriteLineAsync(string.Join(',', ToRow(e, regionNames).Cells().Select(Csv.Quote)));
            count++;
        }
        return count;
    }

    private async Task<int> WriteXlsxAsync(Stream output, EnterpriseFilter filter, Dictionary<string, string> regionNames, CancellationToken ct)
    {
        if (!output.CanSeek)
        {
            // The xlsx writer seeks back to fill in the sheet dimension; a response body cannot seek.
            await using var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            var n = await WriteXlsxAsync(temp, filter, regionNames, ct);
            temp.Position = 0;
            await temp.CopyToAsync(output, ct);
            return n;
        }
        var count = 0;
        // MiniExcel pulls rows one by one from this sequence, so memory stays flat for any size.
        var rows = (await RowsAsync(filter, ct)).AsEnumerable().Select(e =>
        {
            count++;
            return ToRow(e, regionNames);
        });
        await MiniExcel.SaveAsAsync(output, rows, sheetName: "企业", excelType: ExcelType.XLSX, cancellationToken: ct);
        return count;
    }

    public static EnterpriseExportRow ToRow(Enterprise e, IReadOnlyDictionary<string, string> regionNames) => new()
    {
        CreditCode = e.CreditCode,
        Name = e.Name,
        RegionCode = e.RegionCode,
        RegionName = regionNames.GetValueOrDefault(e.RegionCode, ""),
        Address = e.Address ?? "",
        LegalRepresentative = e.LegalRepresentative ?? "",
        Types = EnterpriseTypeNames.ToChinese(e.Types),
        ProductionLicences = string.Join('；', e.ProductionLicences),
        Status = StatusZh(e.Status),
        Aliases = string.Join('；', e.Aliases),
        CreditCodeCheck = e.CreditCodeStatus == CreditCodeStatus.Valid ? "" : "需核实",
    };

    public static string StatusZh(EnterpriseStatus status) => status switch
    {
        EnterpriseStatus.Suspended => "停业",
        EnterpriseStatus.Revoked => "吊销",
        EnterpriseStatus.Deregistered => "注销",
        _ => "存续",
    };
}
