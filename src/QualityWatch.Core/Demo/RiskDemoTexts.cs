namespace QualityWatch.Core.Demo;

/// <summary>
/// Phrases for demo records, written the way 12315 tickets, laboratory reports, case files and news are. They
/// feed the real text pipeline, so the demo exercises classification instead of bypassing it.
/// </summary>
internal static class RiskDemoTexts
{
    public static readonly (string Category, string Product)[] Products =
    [
        ("MASK-SURG", "医用外科口罩"), ("MASK-MEDSU", "一次性使用医用口罩"), ("RESP-PART", "KN95口罩"), ("MASK-DAILY", "日常防护型口罩"),
        ("MASK-CHILD", "儿童口罩"), ("FAB-MELTBLOWN", "熔喷布"), ("CLOTH-PROT", "医用防护服"), ("THERMO-FORE", "额温枪"),
        ("GLOVES-MED", "医用手套"), ("DISINFECT", "消毒液"), ("MASK-MEDPROT", "医用防护口罩"), ("GOGGLES", "护目镜"),
    ];

    /// <summary>Background complaint problems with their weights: mostly quality and price, rarely injury.</summary>
    public static readonly (string Problem, int Weight, string[] Texts)[] Complaints =
    [
        ("substandard", 25, ["买的{p}戴上感觉不透气，过滤效果很差，怀疑不合格", "{p}质量太差，闻着有异味，一戴就起毛", "收到的{p}熔喷层很薄，对着光能看透，防护效果存疑"]),
        ("price", 20, ["药店卖的{p}比上周贵了一倍，哄抬价格", "{p}一盒卖到九十九元，明显涨价过高", "网店{p}标价和结算价不一致，多收了钱"]),
        ("labelling", 15, ["{p}包装上没有生产日期和执行标准", "{p}外包装没有中文标识，也没有厂名厂址", "{p}标签上的批号和盒子上的对不上"]),
        ("false-advertising", 12, ["商家宣称{p}能防病毒百分之百，虚假宣传", "页面写着医用级{p}，收到的却是普通款", "广告说{p}可以重复使用一个月，明显夸大"]),
        ("counterfeit", 8, ["怀疑买到假冒的{p}，包装印刷模糊", "{p}上的品牌标志和官网的不一样，可能是假货", "{p}合格证是复印的，怀疑伪造"]),
        ("recycled", 5, ["{p}有明显使用过的痕迹，怀疑是回收翻新的", "收到的{p}散装没有包装，像是二手回收的"]),
        ("injury", 3, ["戴了{p}以后脸上起红疹过敏", "{p}耳带勒得耳朵破皮，孩子戴完皮肤发红"]),
        ("other", 12, ["{p}快递一直没有送到，商家不回复", "想咨询{p}的退货流程", "{p}发错了型号，要求换货"]),
    ];

    public static readonly string[] Channels = ["12315热线", "全国12315平台", "微信小程序", "来信", "来访"];

    public static readonly Dictionary<string, string[]> FailedItems = new()
    {
        ["MASK-SURG"] = ["细菌过滤效率: 实测 88% (要求 ≥95%)", "颗粒过滤效率: 实测 21% (要求 ≥30%)", "通气阻力: 实测 62 Pa (要求 ≤49 Pa)"],
        ["MASK-MEDSU"] = ["细菌过滤效率: 实测 90% (要求 ≥95%)", "通气阻力: 实测 55 Pa (要求 ≤49 Pa)"],
        ["RESP-PART"] = ["过滤效率: 实测 82.3% (要求 ≥95%)", "泄漏性: 实测 13% (要求 ≤8%)"],
        ["MASK-DAILY"] = ["过滤效率: 实测 71% (要求 ≥90%)", "标识: 未标注防护效果级别"],
        ["MASK-CHILD"] = ["颗粒物过滤效率: 实测 76.2% (要求 ≥90%)", "通气阻力: 实测 38 Pa (要求 ≤30 Pa)"],
        ["FAB-MELTBLOWN"] = ["过滤效率: 实测 85% (要求 ≥95%)", "单位面积质量偏差: 实测 -9% (要求 ±5%)"],
        ["CLOTH-PROT"] = ["抗合成血液穿透性: 实测 1级 (要求 ≥2级)", "断裂强力: 实测 38 N (要求 ≥45 N)"],
        ["THERMO-FORE"] = ["测量误差: 实测 ±0.5 ℃ (要求 ±0.3 ℃)"],
        ["GLOVES-MED"] = ["不透水性: 不合格", "扯断力: 实测 5.2 N (要求 ≥6 N)"],
        ["DISINFECT"] = ["有效成分含量: 实测 3.1% (标示 5%)"],
        ["MASK-MEDPROT"] = ["过滤效率: 实测 91% (要求 ≥95%)"],
        ["GOGGLES"] = ["透光率: 实测 82% (要求 ≥89%)"],
    };

    public static readonly (string Violation, string Summary)[] Cases =
    [
        ("无照经营", "当事人未取得营业执照销售{p}，现场查扣{p}一批"),
        ("哄抬价格", "当事人在疫情期间大幅提高{p}售价，涉嫌哄抬价格"),
        ("虚假宣传", "当事人在网店宣传{p}具有医用防护效果，与实际不符"),
        ("标识违法", "当事人销售的{p}无中文标识、无生产日期"),
        ("销售不合格产品", "当事人销售的{p}经抽检过滤效率不合格"),
    ];

    public static readonly string[] OpinionBackground =
    [
        "专家提示：正确佩戴{p}，注意及时更换", "多地药店{p}供应充足，价格平稳", "市场监管部门开展{p}质量抽查",
        "如何辨别合格的{p}？看这几个标识", "电商平台加强{p}商品审核", "消费者反映部分网店{p}涨价",
    ];

    public static readonly string[] Sites = ["人民网", "新华网", "澎湃新闻", "微博", "今日头条", "地方论坛"];
}
