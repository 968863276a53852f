using QualityWatch.Core.Risk.Sources.Import;

namespace QualityWatch.Core.Certification.Import;

/// <summary>
/// The certificate sheet, modelled on the CNCA certificate query export (证书编号, 证书状态, 颁证日期, 认证委托人 …) and
/// NMPA registration lists; the first header of each column is the template's. See docs/certification.md § Import.
/// </summary>
public static class CertificateColumns
{
    public const int Number = 0, Scheme = 1, Issuer = 2, IssuerNumber = 3, Holder = 4, HolderCreditCode = 5, Manufacturer = 6, Factory = 7,
        Products = 8, Models = 9, Standard = 10, Category = 11, IssuedOn = 12, ExpiresOn = 13, Status = 14, StatusDate = 15, StatusNote = 16,
        Legislation = 17, Module = 18, AppliedOn = 19, Fee = 20, PrivateLabels = 21;

    public static IReadOnlyList<SourceColumn> All { get; } =
    [
        new("number", ["证书编号", "证书号", "注册证编号", "备案编号", "批准文号", "certificateNumber", "certificate number", "certificate no"], Required: true),
        new("scheme", ["认证类型", "证书类型", "认证项目", "认证制度", "scheme"], Description: "ccc | voluntary | nmpa-registration | nmpa-filing | eu-type-examination | eu-production-quality | niosh | fda-eua | test-report | la-mark，或中文名称；留空时按编号格式识别"),
        new("issuer", ["认证机构", "认证机构名称", "发证机构", "颁证机构", "发证机关", "审批部门", "issuer", "issuerName"], Required: true, Description: "机构名称、简称、批准号、公告机构编号或机构标识"),
        new("issuerNumber", ["认证机构批准号", "机构批准号", "公告机构编号", "issuerNumber"]),
        new("holder", ["认证委托人", "持证人", "认证委托人名称", "注册人", "备案人", "委托人", "holder", "holderName"], Required: true),
        new("holderCreditCode", ["统一社会信用代码", "认证委托人统一社会信用代码", "持证人统一社会信用代码", "社会信用代码", "信用代码", "holderCreditCode", "creditCode"]),
        new("manufacturer", ["生产者(制造商)", "生产者", "制造商", "manufacturer"]),
        new("factory", ["生产企业", "生产厂", "生产场所", "工厂", "factory"]),
        new("products", ["产品名称", "产品", "products", "product"], Description: "多个以；分隔"),
        new("models", ["型号规格", "规格型号", "型号", "models", "model"], Description: "多个以；或、分隔"),
        new("standard", ["认证依据/标准", "认证依据", "标准", "执行标准", "产品标准", "standard"]),
        new("category", ["产品类别", "产品类别代码", "productCategory", "category"], Description: "目录代码（MASK-SURG）或类别名称；留空时按产品名称识别"),
        new("issuedOn", ["颁证日期", "发证日期", "批准日期", "注册日期", "备案日期", "issuedOn", "issue date"], Required: true),
        new("expiresOn", ["证书到期日期", "有效期至", "到期日期", "有效期截止日期", "expiresOn", "expiry date"]),
        new("status", ["证书状态", "状态", "status"], Description: "有效 | 暂停 | 注销 | 撤销 | 过期"),
        new("statusDate", ["状态变更日期", "状态日期", "状态变化日期", "statusDate"], Description: "留空时为导入当天"),
        new("statusNote", ["状态变更原因", "变更原因", "状态说明", "statusNote"]),
        new("legislation", ["适用法规", "法规", "legislation"], Description: "欧盟证书：如 (EU) 2016/425"),
        new("module", ["模块", "符合性评估模块", "module"], Description: "欧盟证书：B、C2、D"),
        new("appliedOn", ["申请日期", "受理日期", "appliedOn"]),
        new("fee", ["认证费用", "收费金额", "fee"], Description: "元"),
        new("privateLabels", ["贴牌名称", "其他名称", "privateLabels"], Description: "持证人也以这些名称销售（OEM、NIOSH private label），多个以；分隔"),
    ];
}
