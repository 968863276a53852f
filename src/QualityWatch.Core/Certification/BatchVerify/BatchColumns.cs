using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Registry.Enterprises.Import;

namespace QualityWatch.Core.Certification.BatchVerify;

/// <summary>
/// Which columns of an uploaded sheet hold the number and the optional claims. Customs lists and inspection
/// spreadsheets have no template, so headers are matched loosely, and when no header names the number the column
/// whose cells most often read as certificate numbers is taken.
/// </summary>
public sealed record BatchColumns(int Number, int Product, int Model, int Holder, int HolderCreditCode, int Scheme, int Issuer, int Markings)
{
    private static readonly string[] NumberHeaders =
        ["证书编号", "证书号", "注册证编号", "注册证号", "备案编号", "认证证书编号", "证书编号/注册证号", "编号", "certificateNumber", "certificate number", "certificate no", "certificate no.", "cert no", "cert no.", "number"];
    private static readonly string[] ProductHeaders = ["产品名称", "产品", "商品名称", "品名", "货物名称", "product", "productName"];
    private static readonly string[] ModelHeaders = ["型号", "型号规格", "规格型号", "model"];
    private static readonly string[] HolderHeaders = ["持证人", "认证委托人", "企业名称", "生产企业", "申报单位", "生产商", "holder", "company", "manufacturer"];
    private static readonly string[] CreditCodeHeaders = ["统一社会信用代码", "社会信用代码", "信用代码", "creditCode", "holderCreditCode"];
    private static readonly string[] SchemeHeaders = ["认证类型", "证书类型", "scheme"];
    private static readonly string[] IssuerHeaders = ["认证机构", "发证机构", "发证机关", "issuer"];
    private static readonly string[] MarkingHeaders = ["标识", "标志", "标签", "包装标识", "标识内容", "markings", "label"];

    public static BatchColumns? Detect(IReadOnlyList<string> headers, IReadOnlyList<string?[]> sample)
    {
        var number = Find(headers, NumberHeaders);
        if (number < 0)
            number = MostNumberLike(headers.Count, sample);
        if (number < 0)
            return null;
        return new BatchColumns(number, Find(headers, ProductHeaders), Find(headers, ModelHeaders), Find(headers, HolderHeaders),
            Find(headers, CreditCodeHeaders), Find(headers, SchemeHeaders), Find(headers, IssuerHeaders), Find(headers, MarkingHeaders));
    }

    private static int Find(IReadOnlyList<string> headers, string[] names)
    {
        // The first name is the most specific: 证书编号 wins over a column merely called 编号.
        foreach (var name in names)
        {
            var wanted = EnterpriseColumns.NormaliseHeader(name);
            for (var i = 0; i < headers.Count; i++)
            {
                if (EnterpriseColumns.NormaliseHeader(headers[i]) == wanted)
                    return i;
            }
        }
        return -1;
    }

    private static int MostNumberLike(int columns, IReadOnlyList<string?[]> sample)
    {
        var best = -1;
        var bestHits = 0;
        for (var c = 0; c < columns; c++)
        {
            var hits = sample.Count(r => c < r.Length && r[c] is { } v && CertificateNumber.Parse(v).Primary is { IsWellFormed: true } p && !p.Kind.IsBodyIdentifier());
            if (hits > bestHits)
                (best, bestHits) = (c, hits);
        }
        // Half the sample at least, so a column of dates or amounts is never mistaken for numbers.
        return bestHits * 2 >= Math.Max(1, sample.Count(r => r.Any(x => x is not null))) ? best : -1;
    }
}
