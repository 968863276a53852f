namespace QualityWatch.Core.Risk.Detection;

/// <summary>
/// Severity of a problem type on the RAG-like 1–4 scale used by the risk score (docs/risk.md): what a product
/// with this problem can do to its user. Injury and failed protection can harm; labelling and price cannot.
/// </summary>
public static class ProblemSeverity
{
    public static int Of(string? problem) => problem switch
    {
        "injury" => 4,
        "substandard" => 4,
        "counterfeit" => 3,
        "unlicensed" => 3,
        "recycled" => 3,
        "false-advertising" => 2,
        "price" => 2,
        "labelling" => 1,
        _ => 1,
    };

    /// <summary>Chinese label of a problem code for titles and pages.</summary>
    public static string NameZh(string? problem) => problem switch
    {
        "counterfeit" => "假冒伪造",
        "substandard" => "防护性能不合格",
        "unlicensed" => "无证生产",
        "false-advertising" => "虚假宣传",
        "recycled" => "回收翻新",
        "labelling" => "标识问题",
        "price" => "价格问题",
        "injury" => "伤害或不良反应",
        _ => "其他",
    };

    public static string SourceNameZh(string source) => source switch
    {
        "complaint" => "投诉举报",
        "inspection" => "抽检",
        "case" => "执法案件",
        "opinion" => "舆情",
        "convergence" => "多源汇聚",
        "lead" => "线索核实",
        "certification" => "认证监管",
        _ => source,
    };
}
