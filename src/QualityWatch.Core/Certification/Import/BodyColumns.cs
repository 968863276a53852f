using QualityWatch.Core.Risk.Sources.Import;

namespace QualityWatch.Core.Certification.Import;

/// <summary>
/// The body sheet, one row per body, modelled on the CNCA list of approved certification bodies (机构名称, 批准号,
/// 机构状态, 业务范围) and NANDO for notified bodies. See docs/certification.md § Import.
/// </summary>
public static class BodyColumns
{
    public const int Key = 0, NameZh = 1, NameEn = 2, Number = 3, Kind = 4, Country = 5, Aliases = 6, Status = 7, StatusDate = 8,
        StatusNote = 9, ApprovedOn = 10, Scopes = 11, Source = 12;

    public static IReadOnlyList<SourceColumn> All { get; } =
    [
        new("key", ["机构标识", "key", "id"], Description: "留空时由批准号生成（cnca:CNCA-R-2002-001、nb:1282）；其他机构必填，如 mpa:44"),
        new("nameZh", ["机构名称", "认证机构名称", "中文名称", "名称", "nameZh", "name"], Required: true),
        new("nameEn", ["英文名称", "nameEn", "englishName"]),
        new("number", ["批准号", "批准书编号", "认证机构批准号", "公告机构编号", "机构编号", "number", "approvalNumber", "notifiedBodyNumber"]),
        new("kind", ["机构类型", "类型", "kind"], Description: "认证机构 | 公告机构 | NIOSH | 其他；留空时按编号判断"),
        new("country", ["国家", "国别", "国家或地区", "country"], Description: "ISO 3166 两位代码，如 CN、IT"),
        new("aliases", ["简称", "别名", "曾用名", "aliases"], Description: "多个以；分隔"),
        new("status", ["机构状态", "批准状态", "状态", "status"], Description: "批准 | 暂停 | 撤销"),
        new("statusDate", ["状态日期", "状态变更日期", "statusDate"]),
        new("statusNote", ["状态说明", "状态变更原因", "statusNote"]),
        new("approvedOn", ["批准日期", "首次批准日期", "approvedOn"]),
        new("scopes", ["业务范围", "认证领域", "批准范围", "scopes"],
            Description: "每项：认证类型|产品类别|法规|起始日期|截止日期（后几项可省略），多项以；或换行分隔，如 voluntary|MASK-DAILY、MASK-CHILD||2016-05-01"),
        new("source", ["来源", "数据来源", "source"]),
    ];
}
