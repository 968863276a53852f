namespace QualityWatch.Core.Demo;

/// <summary>Word lists the demo generator draws realistic Chinese names, people and places from.</summary>
internal static class DemoWords
{
    /// <summary>Characters used in trade names (字号): the auspicious, clean and technical words real firms favour.</summary>
    public const string TradeNameCharacters =
        "康洁安护健优佳美华盛泰恒通达信诚鑫源宏兴隆昌瑞祥福润丰益德利新宇博创科正和嘉明亿远航川海天卓越嘉禾朗清蓝卫舒雅欣晨曦凯晟睿邦合众金鼎旭日辉帆";

    /// <summary>Legal representatives' surnames, roughly by frequency.</summary>
    public const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈姚卢";

    public static readonly string[] GivenNames =
    [
        "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
        "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "国庆", "建国", "丽华", "文博", "子涵", "浩然", "雨轩", "俊杰", "思远",
    ];

    public static readonly string[] Streets =
    [
        "工业大道", "科技路", "振兴路", "人民路", "建设路", "创业大道", "高新区科园路", "经济开发区纬二路", "解放路", "民营工业园", "中山路",
        "环城东路", "新华街", "金桥路", "滨河路", "光明大道", "物流园区", "产业园", "长江路", "黄河路",
    ];

    public static readonly string[] Buildings = ["", "", "", "1栋", "2栋", "A座", "B座", "3号厂房", "综合楼"];

    /// <summary>Industry words by what the firm does; the producer's main product category picks one.</summary>
    public static string[] IndustryFor(string category) => category switch
    {
        "MASK-MEDPROT" or "MASK-SURG" or "MASK-MEDSU" => ["医疗用品", "卫生材料", "医疗器械", "医用敷料"],
        "RESP-PART" => ["防护用品", "劳保用品", "安全防护科技", "呼吸防护"],
        "MASK-DAILY" or "MASK-CHILD" => ["口罩", "日用品", "卫生用品", "防护科技"],
        "FAB-MELTBLOWN" or "FAB-SPUNBOND" => ["无纺布制品", "非织造布", "新材料", "纺织科技"],
        "CLOTH-PROT" or "GOWN-ISO" => ["防护服装", "医疗器械", "服饰", "卫生材料"],
        "GOGGLES" => ["光学", "劳保用品", "眼镜", "防护用品"],
        "GLOVES-MED" => ["乳胶制品", "手套", "医疗器械", "橡塑制品"],
        "THERMO-ELEC" or "THERMO-EAR" or "THERMO-FORE" => ["医疗电子", "电子科技", "智能科技", "医疗设备"],
        "DISINFECT" => ["消毒用品", "生物科技", "日化", "消毒制品"],
        _ => ["实业"],
    };

    public static readonly string[] DistributorWords = ["医药", "商贸", "贸易", "医疗器械销售", "供应链管理"];
    public static readonly string[] RetailerWords = ["大药房", "医药连锁", "药店", "百货"];
    public static readonly string[] OnlineWords = ["电子商务", "网络科技", "电商"];
    public static readonly string[] ImporterWords = ["进出口", "国际贸易"];

    /// <summary>Medical-device registration prefixes (×1 in 粤械注准…) by province code.</summary>
    public static readonly Dictionary<string, string> ProvinceShort = new()
    {
        ["11"] = "京",
        ["12"] = "津",
        ["13"] = "冀",
        ["14"] = "晋",
        ["15"] = "蒙",
        ["21"] = "辽",
        ["22"] = "吉",
        ["23"] = "黑",
        ["31"] = "沪",
        ["32"] = "苏",
        ["33"] = "浙",
        ["34"] = "皖",
        ["35"] = "闽",
        ["36"] = "赣",
        ["37"] = "鲁",
        ["41"] = "豫",
        ["42"] = "鄂",
        ["43"] = "湘",
        ["44"] = "粤",
        ["45"] = "桂",
        ["46"] = "琼",
        ["50"] = "渝",
        ["51"] = "川",
        ["52"] = "黔",
        ["53"] = "滇",
        ["54"] = "藏",
        ["61"] = "陕",
        ["62"] = "甘",
        ["63"] = "青",
        ["64"] = "宁",
        ["65"] = "新",
    };

    /// <summary>Where production concentrates: the manufacturing provinces carry most of the weight.</summary>
    public static readonly Dictionary<string, int> ProvinceWeights = new()
    {
        ["44"] = 16,
        ["32"] = 12,
        ["33"] = 12,
        ["37"] = 10,
        ["13"] = 8,
        ["42"] = 7,
        ["41"] = 7,
        ["35"] = 6,
        ["34"] = 4,
        ["36"] = 3,
        ["43"] = 3,
        ["51"] = 3,
        ["31"] = 3,
        ["11"] = 2,
        ["12"] = 2,
        ["21"] = 2,
        ["50"] = 2,
    };

    public static string Unit(string category, Random r) => category switch
    {
        "FAB-MELTBLOWN" or "FAB-SPUNBOND" => r.Next(2) == 0 ? "kg" : "卷",
        "CLOTH-PROT" or "GOWN-ISO" => "件",
        "GOGGLES" => "副",
        "GLOVES-MED" => "双",
        "THERMO-ELEC" or "THERMO-EAR" or "THERMO-FORE" => "支",
        "DISINFECT" => r.Next(2) == 0 ? "瓶" : "桶",
        _ => r.Next(3) == 0 ? "片" : "只",
    };

    public static string ModelPrefix(string category) => category switch
    {
        "MASK-MEDPROT" => "YF",
        "MASK-SURG" => "WK",
        "MASK-MEDSU" => "YC",
        "RESP-PART" => "KN",
        "MASK-DAILY" => "RC",
        "MASK-CHILD" => "ET",
        "FAB-MELTBLOWN" => "MB",
        "FAB-SPUNBOND" => "SS",
        "CLOTH-PROT" => "FH",
        "GOWN-ISO" => "GL",
        "GOGGLES" => "HM",
        "GLOVES-MED" => "ST",
        "THERMO-ELEC" => "MT",
        "THERMO-EAR" => "IRT",
        "THERMO-FORE" => "HW",
        _ => "XD",
    };
}
