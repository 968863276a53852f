namespace QualityWatch.Core.Risk.Sources.Import;

/// <summary>12315-style complaints and reports.</summary>
public sealed class ComplaintSchema : SourceSchema<Complaint>
{
    private const int Channel = 6, ComplainantType = 7, ProblemText = 8, Amount = 9, Status = 10;

    public override string Kind => "complaint";
    public override string NameZh => "投诉举报";

    public override IReadOnlyList<SourceColumn> Columns { get; } =
    [
        .. Common(["投诉编号", "工单编号", "登记编号", "编号", "sourceId", "id"], ["登记时间", "受理时间", "投诉时间", "接收时间", "occurredAt", "receivedAt"],
            ["被投诉企业", "被投诉人", "被举报人", "涉事企业", "企业名称", "enterpriseName"], ["商品名称", "涉及商品", "产品描述", "product"]),
        new("channel", ["渠道", "来源渠道", "投诉渠道", "channel"]),
        new("complainantType", ["投诉人类型", "诉求人类型", "complainantType"]),
        new("problemText", ["问题描述", "投诉内容", "举报内容", "诉求内容", "problemText", "text"], Required: true),
        new("amount", ["涉及金额", "金额", "amount"]),
        new("status", ["处理状态", "办理状态", "状态", "status"]),
    ];

    public override SourceRecord Create(SourceRow row) => new Complaint
    {
        SourceId = row.RequiredText(SourceIdField, 256),
        RegionCode = "",
        Channel = row.Text(Channel, 32),
        ComplainantType = row.Text(ComplainantType, 32),
        ProblemText = row.RequiredText(ProblemText, 4000),
        Amount = row.Money(Amount),
        Status = row.Text(Status, 32),
    };

    protected override void CopyOwn(Complaint from, Complaint to)
    {
        to.Channel = Keep(from.Channel, to.Channel);
        to.ComplainantType = Keep(from.ComplainantType, to.ComplainantType);
        to.ProblemText = from.ProblemText;
        to.Amount = Keep(from.Amount, to.Amount);
        to.Status = Keep(from.Status, to.Status);
    }
}

/// <summary>Supervisory sampling-inspection results.</summary>
public sealed class InspectionSchema : SourceSchema<InspectionResult>
{
    private const int Plan = 6, Batch = 7, Standard = 8, Verdict = 9, FailedItems = 10;

    public override string Kind => "inspection";
    public override string NameZh => "抽检结果";

    public override IReadOnlyList<SourceColumn> Columns { get; } =
    [
        .. Common(["样品编号", "抽样单编号", "抽样编号", "sourceId", "sampleId"], ["抽样日期", "抽样时间", "sampledAt", "occurredAt"],
            ["被抽样单位", "受检单位", "生产企业", "标称生产企业", "enterpriseName"], ["样品名称", "产品名称", "product"]),
        new("plan", ["抽查计划", "计划名称", "任务来源", "plan"]),
        new("batchNumber", ["批号", "生产日期/批号", "生产批号", "batchNumber"]),
        new("standard", ["检验依据", "执行标准", "标准", "standard"]),
        new("verdict", ["检验结论", "判定结论", "结论", "verdict"], Required: true, Description: "合格 | 不合格 (pass | fail)"),
        new("failedItems", ["不合格项目", "不合格项", "failedItems"], Description: "项目: 实测值 (要求)，多项以；分隔"),
    ];

    public override SourceRecord Create(SourceRow row)
    {
        var verdict = row[Verdict] switch
        {
            "合格" or "pass" or "Pass" or "PASS" => InspectionVerdict.Pass,
            "不合格" or "fail" or "Fail" or "FAIL" => InspectionVerdict.Fail,
            null => (InspectionVerdict?)null,
            _ => null,
        };
        if (verdict is null)
            row.Errors.Add((Verdict, "应为“合格”或“不合格” (must be 合格 or 不合格)"));
        var failed = Registry.Enterprises.Import.ImportEnterprises.SplitList(row.Text(FailedItems, 2000))?.ToList() ?? [];
        if (verdict == InspectionVerdict.Fail && failed.Count == 0)
            row.Errors.Add((FailedItems, "不合格的样品须列出不合格项目 (a failed sample must list its failed items)"));
        return new InspectionResult
        {
            SourceId = row.RequiredText(SourceIdField, 256),
            RegionCode = "",
            Plan = row.Text(Plan, 128),
            BatchNumber = row.Text(Batch, 64),
            Standard = row.Text(Standard, 64),
            Verdict = verdict ?? InspectionVerdict.Pass,
            FailedItems = failed,
        };
    }

    protected override void CopyOwn(InspectionResult from, InspectionResult to)
    {
        to.Plan = Keep(from.Plan, to.Plan);
        to.BatchNumber = Keep(from.BatchNumber, to.BatchNumber);
        to.Standard = Keep(from.Standard, to.Standard);
        to.Verdict = from.Verdict;
        to.FailedItems = from.FailedItems;
    }
}

/// <summary>Enforcement and anti-counterfeiting cases.</summary>
public sealed class CaseSchema : SourceSchema<EnforcementCase>
{
    private const int ClosedAt = 6, ViolationType = 7, GoodsSeized = 8, Penalty = 9, Summary = 10;

    public override string Kind => "case";
    public override string NameZh => "执法案件";

    public override IReadOnlyList<SourceColumn> Columns { get; } =
    [
        .. Common(["案件编号", "立案号", "案号", "caseNumber", "sourceId"], ["立案日期", "立案时间", "openedAt", "occurredAt"],
            ["当事人", "涉案企业", "当事人名称", "enterpriseName"], ["涉案商品", "涉案产品", "product"]),
        new("closedAt", ["结案日期", "结案时间", "closedAt"]),
        new("violationType", ["违法类型", "案由", "违法行为", "violationType"]),
        new("goodsSeized", ["查扣物品", "涉案物品", "扣押物品", "goodsSeized"]),
        new("penalty", ["罚没金额", "罚款金额", "罚没款", "penalty"]),
        new("summary", ["案情摘要", "简要案情", "案情", "summary"]),
    ];

    public override SourceRecord Create(SourceRow row) => new EnforcementCase
    {
        SourceId = row.RequiredText(SourceIdField, 256),
        RegionCode = "",
        ClosedAt = row.Time(ClosedAt, required: false),
        ViolationType = row.Text(ViolationType, 64),
        GoodsSeized = row.Text(GoodsSeized, 512),
        Penalty = row.Money(Penalty),
        Summary = row.Text(Summary, 4000),
    };

    protected override void CopyOwn(EnforcementCase from, EnforcementCase to)
    {
        to.ClosedAt = Keep(from.ClosedAt, to.ClosedAt);
        to.ViolationType = Keep(from.ViolationType, to.ViolationType);
        to.GoodsSeized = Keep(from.GoodsSeized, to.GoodsSeized);
        to.Penalty = Keep(from.Penalty, to.Penalty);
        to.Summary = Keep(from.Summary, to.Summary);
    }
}

/// <summary>News and social-media items.</summary>
public sealed class OpinionSchema : SourceSchema<OpinionItem>
{
    public const int SiteField = 6, TitleField = 7, TextField = 8;
    private const int Site = SiteField, Title = TitleField, Text = TextField;

    public override string Kind => "opinion";
    public override string NameZh => "舆情信息";
    public override bool RegionRequired => false;

    public override IReadOnlyList<SourceColumn> Columns { get; } =
    [
        .. Common(["链接", "网址", "原文链接", "url", "sourceId"], ["发布时间", "发布日期", "publishedAt", "occurredAt"],
            ["涉及企业", "企业名称", "enterpriseName"], ["涉及商品", "商品", "product"], regionRequired: false),
        new("sourceSite", ["来源网站", "来源", "媒体", "sourceSite"]),
        new("title", ["标题", "title"], Required: true),
        new("text", ["正文", "内容", "摘要", "text"]),
    ];

    public override SourceRecord Create(SourceRow row)
    {
        var url = row.RequiredText(SourceIdField, 1024);
        if (url.Length > 0 && !Uri.TryCreate(url, UriKind.Absolute, out _))
            row.Errors.Add((SourceIdField, "不是有效的网址 (not an absolute URL)"));
        return new OpinionItem
        {
            SourceId = url,
            RegionCode = "",
            SourceSite = row.Text(Site, 128),
            Title = row.RequiredText(Title, 512),
            Text = row.Text(Text, 8000),
            Feed = row.Feed,
        };
    }

    protected override void CopyOwn(OpinionItem from, OpinionItem to)
    {
        to.SourceSite = Keep(from.SourceSite, to.SourceSite);
        to.Title = from.Title;
        to.Text = Keep(from.Text, to.Text);
    }
}
