using QualityWatch.Core.Risk.Sources.Import;

namespace QualityWatch.Core.Certification.Import;

/// <summary>
/// The lifecycle-event sheet: one row per suspension, resumption, withdrawal, revocation, change or surveillance audit,
/// as certification bodies report them (证书暂停/恢复/注销/撤销信息). See docs/certification.md § Import.
/// </summary>
public static class EventColumns
{
    public const int Number = 0, Scheme = 1, Issuer = 2, Kind = 3, Date = 4, Note = 5, AuditResult = 6;

    public static IReadOnlyList<SourceColumn> All { get; } =
    [
        new("number", ["证书编号", "证书号", "注册证编号", "备案编号", "certificateNumber", "certificate number"], Required: true),
        new("scheme", ["认证类型", "证书类型", "scheme"], Description: "同一编号有多张证书时必填"),
        new("issuer", ["认证机构", "发证机构", "发证机关", "issuer"], Description: "同一编号有多张证书时必填"),
        new("kind", ["事件类型", "变更类型", "状态变更", "事件", "kind", "event"], Required: true,
            Description: "暂停 | 恢复 | 注销 | 撤销 | 变更 | 过期 | 颁发 | 监督审核"),
        new("date", ["日期", "变更日期", "发生日期", "审核日期", "date"], Required: true),
        new("note", ["说明", "原因", "变更原因", "备注", "note"]),
        new("auditResult", ["审核结论", "监督审核结论", "auditResult", "result"], Description: "监督审核：通过 | 不通过"),
    ];
}
