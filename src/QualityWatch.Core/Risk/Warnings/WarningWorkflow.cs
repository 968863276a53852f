using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Outbox;

namespace QualityWatch.Core.Risk.Warnings;

public enum AssessDecision
{
    Issue = 0,
    Dismiss = 1,
}

public sealed record AssessInput(string? Judgement, AssessDecision? Decision, WarningLevel? Level, string? RiskAssessment, List<string>? IssueTo);

public sealed record TaskInput(DisposalKind? Kind, string? Title, string? RegionCode, string? Assignee, DateTimeOffset? DueAt);

public sealed record TaskUpdate(DisposalStatus? Status, string? Result);

/// <summary>The outcome of a workflow step: the warning, or why the step was refused.</summary>
public sealed record WorkflowResult(RiskWarning? Warning, Dictionary<string, string[]> Errors, bool NotFound = false)
{
    public static WorkflowResult Missing => new(null, [], NotFound: true);

    public static WorkflowResult Refused(string field, string message) => new(null, new() { [field] = [message] });
}

/// <summary>
/// 研判 → 预警 → 处置 → 办结. Each step checks the state it starts from, sets the next deadline from the level,
/// and is audited by SaveChanges; every lookup goes through the region filters, so an officer can act only on
/// warnings in their region. Issuing writes in-app notices and webhook messages in the same transaction.
/// </summary>
public sealed class WarningWorkflow(QualityWatchDbContext db, IOptions<RiskOptions> options)
{
    private readonly RiskOptions o = options.Value;

    public Task<RiskWarning?> FindAsync(long id, CancellationToken ct) => db.RiskWarnings.FirstOrDefaultAsync(w => w.Id == id, ct);

    /// <summary>An officer opens the evidence: 发现 → 研判.</summary>
    public async Task<WorkflowResult> StartAssessmentAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } w)
            return WorkflowResult.Missing;
        if (w.State != WarningState.Detected)
            return WorkflowResult.Refused("state", $"只能对“发现”状态的预警开始研判 (only a detected warning can be taken into assessment; it is {w.State})");
        w.State = WarningState.Assessing;
        w.UpdatedAt = db.Clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new WorkflowResult(w, []);
    }

    /// <summary>研判 recorded: issue the warning (预警) or dismiss it, with a judgement and optionally a corrected level.</summary>
    public async Task<WorkflowResult> AssessAsync(long id, AssessInput input, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } w)
            return WorkflowResult.Missing;
        if (w.State is not (WarningState.Detected or WarningState.Assessing))
            return WorkflowResult.Refused("state", $"该预警已研判 (already assessed; it is {w.State})");
        if (string.IsNullOrWhiteSpace(input.Judgement))
            return WorkflowResult.Refused("judgement", "请填写研判意见 (a judgement is required)");
        if (input.Decision is null)
            return WorkflowResult.Refused("decision", "请选择发布预警或排除 (choose issue or dismiss)");
        var issueTo = new List<string>();
        if (input.Decision == AssessDecision.Issue && input.IssueTo is { Count: > 0 })
        {
            if (await IssueTargetsAsync(input.IssueTo, ct) is { } bad)
                return WorkflowResult.Refused("issueTo", bad);
            issueTo = [.. input.IssueTo.Select(t => t.Trim()).Select(t => t.StartsWith('e') ? t : SixDigits(t)).Distinct(StringComparer.Ordinal)];
        }
        var now = db.Clock.GetUtcNow();
        w.Judgement = input.Judgement.Trim();
        w.RiskAssessment = input.RiskAssessment;
        w.AssessedBy = db.Scope.Actor;
        w.AssessedAt = now;
        w.UpdatedAt = now;
        if (input.Decision == AssessDecision.Dismiss)
        {
            w.State = WarningState.Dismissed;
            w.ClosedAt = now;
            w.DueAt = null;
            w.Outcome = "研判排除 (dismissed at assessment)";
            await db.SaveChangesAsync(ct);
            return new WorkflowResult(w, []);
        }
        if (input.Level is { } level)
            w.Level = level;
        w.State = WarningState.Warned;
        w.IssuedAt = now;
        w.DueAt = o.Calendar.AddWorkingDays(now, o.DisposeWorkingDays[(int)w.Level - 1]);
        w.IssuedTo = issueTo.Count > 0 ? issueTo : [w.RegionCode];
        var text = $"【{WarningRules.NameZh(w.Level)}预警】{w.Number} {w.Title}";
        foreach (var region in w.IssuedTo.Where(r => !r.StartsWith('e')))
            db.Notices.Add(new Notice { WarningId = w.Id, RegionCode = region, Text = text, CreatedAt = now });
        if (w.EnterpriseId is { } enterpriseId)
            db.Notices.Add(new Notice { WarningId = w.Id, RegionCode = w.RegionCode, EnterpriseId = enterpriseId, Text = text, CreatedAt = now });
        var named = w.IssuedTo.Where(t => t.StartsWith('e')).Select(t => long.Parse(t.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture))
            .Where(id => id != w.EnterpriseId).ToList();
        foreach (var e in await db.Enterprises.IgnoreQueryFilters().Where(e => named.Contains(e.Id)).Select(e => new { e.Id, e.RegionCode }).ToListAsync(ct))
            db.Notices.Add(new Notice { WarningId = w.Id, RegionCode = e.RegionCode, EnterpriseId = e.Id, Text = text, CreatedAt = now });
        Enqueue("warning.issued", w, now);
        await db.SaveChangesAsync(ct);
        return new WorkflowResult(w, []);
    }

    /// <summary>
    /// Recipients are region codes (any region: a warning may go to the neighbouring provinces a product is sold in)
    /// or "e" + an enterprise id; an unknown one is refused rather than silently notifying nobody.
    /// </summary>
    private async Task<string?> IssueTargetsAsync(List<string> targets, CancellationToken ct)
    {
        var regions = new List<string>();
        var enterprises = new List<long>();
        foreach (var raw in targets.Select(t => t.Trim()))
        {
            if (raw.Length > 1 && raw[0] == 'e' && long.TryParse(raw.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture, out var id))
                enterprises.Add(id);
            else if (Access.RegionCodes.IsWellFormed(raw))
                regions.Add(raw);
            else
                return $"“{raw}”不是行政区划代码或企业（e+编号） (not a region code or e+enterprise id)";
        }
        // Regions are stored by prefix (44, 4403, 440305); 440000 and 440300 name the same province and city.
        var prefixes = regions.Select(Access.RegionCodes.ToPrefix).OfType<string>().Distinct().ToList();
        var known = await db.Regions.AsNoTracking().Where(r => prefixes.Contains(r.Code)).Select(r => r.Code).ToListAsync(ct);
        if (regions.FirstOrDefault(r => Access.RegionCodes.ToPrefix(r) is { } p && !known.Contains(p)) is { } unknownRegion)
            return $"行政区划代码 {unknownRegion} 不存在 (unknown region code)";
        var found = await db.Enterprises.IgnoreQueryFilters().Where(e => enterprises.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        if (enterprises.Except(found).Select(e => (long?)e).FirstOrDefault() is { } unknownEnterprise)
            return $"企业 e{unknownEnterprise} 不存在 (unknown enterprise)";
        return null;
    }

    /// <summary>Notices and warnings keep regions as 6-digit codes (440000, 440300, 440305, 100000).</summary>
    private static string SixDigits(string code) => Access.RegionCodes.ToPrefix(code) is { } p ? p.PadRight(6, '0') : Access.RegionCodes.National;

    /// <summary>处置: orders an action; the first task moves an issued warning to 处置.</summary>
    public async Task<(WorkflowResult Result, DisposalTask? Task)> AddTaskAsync(long id, TaskInput input, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } w)
            return (WorkflowResult.Missing, null);
        if (w.State is not (WarningState.Warned or WarningState.Disposing))
            return (WorkflowResult.Refused("state", "只能对已发布的预警安排处置 (tasks can be added to issued warnings only)"), null);
        var errors = new Dictionary<string, string[]>();
        if (input.Kind is null)
            errors["kind"] = ["请选择处置方式 (kind is required)"];
        if (string.IsNullOrWhiteSpace(input.Title))
            errors["title"] = ["请填写任务名称 (title is required)"];
        var region = input.RegionCode ?? w.RegionCode;
        if (!db.Scope.Covers(region))
            errors["regionCode"] = ["不在您的管辖范围内 (outside your region)"];
        var now = db.Clock.GetUtcNow();
        if (input.DueAt is { } due && due <= now)
            errors["dueAt"] = ["期限须晚于现在 (due date must be in the future)"];
        if (errors.Count > 0)
            return (new WorkflowResult(null, errors), null);
        var task = new DisposalTask
        {
            WarningId = w.Id,
            Kind = input.Kind!.Value,
            Title = input.Title!.Trim(),
            RegionCode = region,
            Assignee = input.Assignee,
            DueAt = input.DueAt ?? o.Calendar.AddWorkingDays(now, o.DisposeWorkingDays[(int)w.Level - 1]),
            CreatedAt = now,
        };
        db.DisposalTasks.Add(task);
        w.State = WarningState.Disposing;
        w.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return (new WorkflowResult(w, []), task);
    }

    public async Task<(bool Found, Dictionary<string, string[]> Errors, DisposalTask? Task)> UpdateTaskAsync(long taskId, TaskUpdate input, CancellationToken ct)
    {
        if (await db.DisposalTasks.FirstOrDefaultAsync(t => t.Id == taskId, ct) is not { } task)
            return (false, [], null);
        if (input.Status is null)
            return (true, new() { ["status"] = ["请选择状态 (status is required)"] }, null);
        if (input.Status is DisposalStatus.Done && string.IsNullOrWhiteSpace(input.Result ?? task.Result))
            return (true, new() { ["result"] = ["完成任务须填写处置结果 (a done task needs its result)"] }, null);
        task.Status = input.Status.Value;
        task.Result = input.Result ?? task.Result;
        task.CompletedAt = input.Status is DisposalStatus.Done or DisposalStatus.Cancelled ? db.Clock.GetUtcNow() : null;
        await db.SaveChangesAsync(ct);
        return (true, [], task);
    }

    /// <summary>办结: closes a warning once every task is done or cancelled.</summary>
    public async Task<WorkflowResult> CloseAsync(long id, string? outcome, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } w)
            return WorkflowResult.Missing;
        if (w.State is not (WarningState.Warned or WarningState.Disposing))
            return WorkflowResult.Refused("state", "只能办结已发布的预警 (only an issued warning can be closed)");
        if (string.IsNullOrWhiteSpace(outcome))
            return WorkflowResult.Refused("outcome", "请填写办结情况 (an outcome is required)");
        var open = await db.DisposalTasks.IgnoreQueryFilters().CountAsync(t => t.WarningId == id && (t.Status == DisposalStatus.Open || t.Status == DisposalStatus.InProgress), ct);
        if (open > 0)
            return WorkflowResult.Refused("tasks", $"尚有 {open} 项处置任务未完成 ({open} tasks still open)");
        var now = db.Clock.GetUtcNow();
        w.State = WarningState.Closed;
        w.Outcome = outcome.Trim();
        w.ClosedAt = now;
        w.DueAt = null;
        w.UpdatedAt = now;
        Enqueue("warning.closed", w, now);
        await db.SaveChangesAsync(ct);
        return new WorkflowResult(w, []);
    }

    private void Enqueue(string type, RiskWarning w, DateTimeOffset now)
    {
        var payload = JsonSerializer.Serialize(new
        {
            type,
            number = w.Number,
            title = w.Title,
            level = w.Level.ToString().ToLowerInvariant(),
            state = w.State.ToString().ToLowerInvariant(),
            regionCode = w.RegionCode,
            productCategory = w.ProductCategory,
            problem = w.Problem,
            enterpriseId = w.EnterpriseId,
            score = w.Score,
            issuedTo = w.IssuedTo,
            at = now,
        });
        foreach (var target in o.Webhooks)
            db.OutboxMessages.Add(new OutboxMessage { Type = type, Payload = payload, Target = target, CreatedAt = now, NextAttemptAt = now });
    }
}
