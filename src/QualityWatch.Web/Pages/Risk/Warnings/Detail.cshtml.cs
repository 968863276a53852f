using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;
using QualityWatch.Core.Risk.Warnings;
using QualityWatch.Web.Hosting;
using QualityWatch.Web.Ui;

namespace QualityWatch.Web.Pages.Risk.Warnings;

public sealed class AssessForm
{
    public string? Judgement { get; set; }
    public string? Decision { get; set; }
    public string? Level { get; set; }
    public string? RiskAssessment { get; set; }
    /// <summary>Region codes and e+enterprise ids, separated by commas, spaces or 、; empty = the warning's region.</summary>
    public string? IssueTo { get; set; }
}

public sealed class TaskForm
{
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public string? RegionCode { get; set; }
    public string? Assignee { get; set; }
    public DateOnly? DueDate { get; set; }
}

public sealed class TaskUpdateForm
{
    public long TaskId { get; set; }
    public string? Status { get; set; }
    public string? Result { get; set; }
}

/// <summary>
/// One warning: level, score and its contributions, the signals, the disposal tasks, the workflow forms and the history
/// from the audit log. Reading is open to every signed-in user (the query filters decide what exists); the workflow
/// steps need a registry editor's role (not analysts, not enterprise users) and are checked on the server.
/// </summary>
public sealed class DetailModel(QualityWatchDbContext db, WarningWorkflow workflow, IAuthorizationService authz) : PageModel
{
    public RiskWarning Warning { get; private set; } = null!;
    public IReadOnlyList<ScoreContribution> Contributions { get; private set; } = [];
    public List<RiskSignal> Signals { get; private set; } = [];
    public List<DisposalTask> Tasks { get; private set; } = [];
    public List<AuditEntry> History { get; private set; } = [];
    public string? EnterpriseName { get; private set; }
    public bool CanAct { get; private set; }
    public DateTimeOffset Now { get; private set; }

    /// <summary>Errors of the last submitted form, keyed by form name (start, assess, task, update, close) then field.</summary>
    public Dictionary<string, Dictionary<string, string[]>> Errors { get; } = [];
    public long? FailedTaskId { get; private set; }

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public AssessForm Assess { get; set; } = new();

    [BindProperty]
    public TaskForm NewTask { get; set; } = new();

    [BindProperty]
    public TaskUpdateForm Update { get; set; } = new();

    [BindProperty]
    public string? Outcome { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostStartAsync(long id, CancellationToken ct) =>
        ActAsync(id, "start", async () => (await workflow.StartAssessmentAsync(id, ct)) is var r && r.NotFound ? null : r.Errors, ct);

    public Task<IActionResult> OnPostAssessAsync(long id, CancellationToken ct) =>
        ActAsync(id, "assess", async () =>
        {
            var errors = new Dictionary<string, string[]>();
            AssessDecision? decision = Assess.Decision switch { "issue" => AssessDecision.Issue, "dismiss" => AssessDecision.Dismiss, _ => null };
            WarningLevel? level = null;
            if (!string.IsNullOrWhiteSpace(Assess.Level))
            {
                if (Enum.TryParse<WarningLevel>(Assess.Level, ignoreCase: true, out var l) && Enum.IsDefined(l))
                    level = l;
                else
                    errors["level"] = ["不是有效的预警级别 (not a warning level)"];
            }
            if (errors.Count > 0)
                return errors;
            var r = await workflow.AssessAsync(id, new AssessInput(Assess.Judgement, decision, level, Blank(Assess.RiskAssessment), SplitTargets(Assess.IssueTo)), ct);
            return r.NotFound ? null : r.Errors;
        }, ct);

    public Task<IActionResult> OnPostAddTaskAsync(long id, CancellationToken ct) =>
        ActAsync(id, "task", async () =>
        {
            DisposalKind? kind = Enum.TryParse<DisposalKind>(NewTask.Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null;
            // A due date is the end of that day, Beijing time.
            DateTimeOffset? due = NewTask.DueDate is { } d ? new DateTimeOffset(d.ToDateTime(new TimeOnly(23, 59, 59)), SourceRecord.ChinaOffset) : null;
            var (r, _) = await workflow.AddTaskAsync(id, new TaskInput(kind, Blank(NewTask.Title), Blank(NewTask.RegionCode), Blank(NewTask.Assignee), due), ct);
            return r.NotFound ? null : r.Errors;
        }, ct);

    public Task<IActionResult> OnPostUpdateTaskAsync(long id, CancellationToken ct) =>
        ActAsync(id, "update", async () =>
        {
            FailedTaskId = Update.TaskId;
            DisposalStatus? status = Enum.TryParse<DisposalStatus>(Update.Status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
            // Only tasks of this warning are updated from its page.
            if (!await db.DisposalTasks.AnyAsync(t => t.Id == Update.TaskId && t.WarningId == id, ct))
                return null;
            var (found, errors, _) = await workflow.UpdateTaskAsync(Update.TaskId, new TaskUpdate(status, Blank(Update.Result)), ct);
            return found ? errors : null;
        }, ct);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) =>
        ActAsync(id, "close", async () => (await workflow.CloseAsync(id, Outcome, ct)) is var r && r.NotFound ? null : r.Errors, ct);

    /// <summary>Runs one workflow step: null from the step means not found; errors re-show the page next to the form.</summary>
    private async Task<IActionResult> ActAsync(long id, string form, Func<Task<Dictionary<string, string[]>?>> step, CancellationToken ct)
    {
        if (!(await authz.AuthorizeAsync(User, Policies.RegistryEditor)).Succeeded)
            return Forbid();
        var errors = await step();
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            Done = form;
            return RedirectToPage(new { id });
        }
        Errors[form] = errors;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static List<string>? SplitTargets(string? s) => string.IsNullOrWhiteSpace(s)
        ? null
        : [.. s.Split([',', '，', '、', ';', '；', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var w = await db.RiskWarnings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null)
            return false;
        Warning = w;
        Now = db.Clock.GetUtcNow();
        CanAct = (await authz.AuthorizeAsync(User, Policies.RegistryEditor)).Succeeded;
        try
        {
            Contributions = JsonSerializer.Deserialize<List<ScoreContribution>>(w.ScoreBreakdown) ?? [];
        }
        catch (JsonException)
        {
            Contributions = [];
        }
        Signals = await db.RiskSignals.AsNoTracking().Where(s => s.WarningId == id).OrderByDescending(s => s.Strength).ThenBy(s => s.Id).ToListAsync(ct);
        Tasks = await db.DisposalTasks.AsNoTracking().Where(t => t.WarningId == id).OrderBy(t => t.Id).ToListAsync(ct);
        if (w.EnterpriseId is { } e)
            EnterpriseName = await db.Enterprises.AsNoTracking().Where(x => x.Id == e).Select(x => x.Name).FirstOrDefaultAsync(ct);
        var key = id.ToString(CultureInfo.InvariantCulture);
        var taskKeys = Tasks.Select(t => t.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == nameof(RiskWarning) && a.EntityId == key) || (a.EntityType == nameof(DisposalTask) && taskKeys.Contains(a.EntityId)))
            .OrderByDescending(a => a.Id).Take(200).ToListAsync(ct);
        return true;
    }

    /// <summary>An audit value as the page shows it: enum numbers as their names, long values cut short.</summary>
    public static string HistoryValue(Microsoft.Extensions.Localization.IStringLocalizer t, string entityType, string field, string? value)
    {
        if (value is null)
            return "∅";
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            string? label = (entityType, field) switch
            {
                (nameof(RiskWarning), "State") when Enum.IsDefined((WarningState)n) => t.Label("RiskState", ((WarningState)n).ToString()),
                (nameof(RiskWarning), "Level") when Enum.IsDefined((WarningLevel)n) => t.Label("RiskLevel", ((WarningLevel)n).ToString()),
                (nameof(DisposalTask), "Status") when Enum.IsDefined((DisposalStatus)n) => t.Label("DisposalStatus", ((DisposalStatus)n).ToString()),
                (nameof(DisposalTask), "Kind") when Enum.IsDefined((DisposalKind)n) => t.Label("DisposalKind", ((DisposalKind)n).ToString()),
                _ => null,
            };
            if (label is not null)
                return label;
        }
        return value.Length > 120 ? value[..120] + "…" : value;
    }
}
