using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Risk.Warnings;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Api;

public sealed record TaskDto(
    long Id, long WarningId, DisposalKind Kind, string Title, string RegionCode, string? Assignee, DateTimeOffset DueAt,
    DisposalStatus Status, bool Overdue, string? Result, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static TaskDto From(DisposalTask t, DateTimeOffset now) => new(
        t.Id, t.WarningId, t.Kind, t.Title, t.RegionCode, t.Assignee, t.DueAt, t.Status,
        t.Status is DisposalStatus.Open or DisposalStatus.InProgress && t.DueAt < now, t.Result, t.CreatedAt, t.CompletedAt);
}

/// <summary>A warning with the signals behind it and its disposal tasks (enterprise users see neither).</summary>
public sealed record WarningDetail(WarningDto Warning, IReadOnlyList<SignalDto> Signals, IReadOnlyList<TaskDto> Tasks);

public sealed record CloseInput(string? Outcome);

public sealed record NoticeDto(long Id, long WarningId, string RegionCode, long? EnterpriseId, string Text, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NoticeDto From(Notice n) => new(n.Id, n.WarningId, n.RegionCode, n.EnterpriseId, n.Text, n.CreatedAt, n.ReadAt);
}

/// <summary>
/// /api/v1/risk/warnings and /risk/tasks: the 发现 → 研判 → 预警 → 处置 → 办结 workflow over <see cref="WarningWorkflow"/>,
/// plus the caller's in-app notices under /me/notices. A step the workflow refuses because of the warning's state
/// answers 409; missing input answers 400; a warning outside the caller's region answers 404.
/// </summary>
public static class RiskWarningsApi
{
    private static readonly WarningState[] OpenStates = WarningRules.OpenStates;

    /// <summary>Workflow refusals keyed by these fields are about the warning's state, not the request.</summary>
    private static readonly HashSet<string> ConflictFields = ["state", "tasks"];

    public static void MapRiskWarningsApi(this RouteGroupBuilder v1)
    {
        var risk = v1.MapGroup("/risk").WithTags("RiskWarnings");
        // Enterprise users may read the warnings issued about their own enterprise: the query filters decide.
        risk.MapGet("/warnings", ListAsync).WithName("ListRiskWarnings")
            .WithDescription("Newest first. state: detected, assessing, warned, disposing, closed, dismissed or open (any of the first four); level: red, orange, yellow, blue; overdue=true: open and past its deadline.");
        risk.MapGet("/warnings/{id:long}", GetAsync).WithName("GetRiskWarning");
        risk.MapPost("/warnings/{id:long}/start-assessment", StartAssessmentAsync).WithName("StartWarningAssessment").RequireAuthorization(Policies.RegistryEditor);
        risk.MapPost("/warnings/{id:long}/assess", AssessAsync).WithName("AssessWarning").RequireAuthorization(Policies.RegistryEditor)
            .WithDescription("decision: issue or dismiss; level optionally corrects the level; issueTo lists region codes (default the warning's region).");
        risk.MapPost("/warnings/{id:long}/tasks", AddTaskAsync).WithName("AddDisposalTask").RequireAuthorization(Policies.RegistryEditor);
        risk.MapPost("/warnings/{id:long}/close", CloseAsync).WithName("CloseWarning").RequireAuthorization(Policies.RegistryEditor);
        risk.MapGet("/tasks", ListTasksAsync).WithName("ListDisposalTasks").RequireAuthorization(Policies.Staff)
            .WithDescription("Newest first. status: open, inProgress, done, cancelled; overdue=true: open or in progress and past its due date.");
        risk.MapPut("/tasks/{taskId:long}", UpdateTaskAsync).WithName("UpdateDisposalTask").RequireAuthorization(Policies.RegistryEditor);

        var me = v1.MapGroup("/me/notices").WithTags("Me");
        me.MapGet("/", ListNoticesAsync).WithName("ListNotices");
        me.MapPost("/{id:long}/read", ReadNoticeAsync).WithName("ReadNotice");
    }

    private static bool TryParseEnum<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text.Trim()[0]);

    private static bool TryParseFlag(string? text, out bool value)
    {
        value = false;
        return string.IsNullOrWhiteSpace(text) || bool.TryParse(text.Trim(), out value);
    }

    private static async Task<Results<Ok<ListResponse<WarningDto>>, ValidationProblem>> ListAsync(
        QualityWatchDbContext db, string? state, string? level, string? regionCode, string? productCategory, long? enterpriseId,
        string? overdue, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = RiskSourcesApi.ParseCommon(null, null, regionCode, out _, out _, out var prefix);
        WarningState[]? states = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (string.Equals(state.Trim(), "open", StringComparison.OrdinalIgnoreCase))
                states = OpenStates;
            else if (TryParseEnum<WarningState>(state, out var s))
                states = [s];
            else
                errors["state"] = ["state must be open, detected, assessing, warned, disposing, closed or dismissed"];
        }
        WarningLevel? lv = null;
        if (!string.IsNullOrWhiteSpace(level))
        {
            if (TryParseEnum<WarningLevel>(level, out var l))
                lv = l;
            else
                errors["level"] = ["level must be red, orange, yellow or blue"];
        }
        if (!TryParseFlag(overdue, out var onlyOverdue))
            errors["overdue"] = ["overdue must be true or false"];
        RiskSourcesApi.AddPaging(errors, limit, cursor, out var take, out var after);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var q = db.RiskWarnings.AsNoTracking();
        if (states is not null)
            q = q.Where(w => states.Contains(w.State));
        if (lv is { } wl)
            q = q.Where(w => w.Level == wl);
        if (prefix is not null)
            q = q.Where(w => w.RegionCode.StartsWith(prefix));
        if (!string.IsNullOrWhiteSpace(productCategory))
            q = q.Where(w => w.ProductCategory == productCategory);
        if (enterpriseId is { } e)
            q = q.Where(w => w.EnterpriseId == e);
        if (onlyOverdue)
        {
            var now = db.Clock.GetUtcNow();
            q = q.Where(w => OpenStates.Contains(w.State) && w.DueAt != null && w.DueAt < now);
        }
        if (after > 0)
            q = q.Where(w => w.Id < after);
        var rows = await q.OrderByDescending(w => w.Id).Take(take + 1).ToListAsync(ct);
        var page = Cursor.ToPage(rows, take, w => w.Id);
        return TypedResults.Ok(new ListResponse<WarningDto>(page.Items.Select(WarningDto.From).ToList(), page.NextCursor));
    }

    private static async Task<Results<Ok<WarningDetail>, NotFound>> GetAsync(QualityWatchDbContext db, long id, CancellationToken ct)
    {
        if (await db.RiskWarnings.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct) is not { } w)
            return TypedResults.NotFound();
        var signals = await db.RiskSignals.AsNoTracking().Where(s => s.WarningId == id).OrderBy(s => s.Id).ToListAsync(ct);
        var tasks = await db.DisposalTasks.AsNoTracking().Where(t => t.WarningId == id).OrderBy(t => t.Id).ToListAsync(ct);
        var now = db.Clock.GetUtcNow();
        return TypedResults.Ok(new WarningDetail(WarningDto.From(w), signals.Select(SignalDto.From).ToList(), tasks.Select(t => TaskDto.From(t, now)).ToList()));
    }

    /// <summary>The workflow's refusal as problem+json: 409 when the warning's state forbids the step, 400 when input is missing.</summary>
    private static Results<Ok<WarningDto>, NotFound, ValidationProblem, ProblemHttpResult> Answer(WorkflowResult r)
    {
        if (r.NotFound)
            return TypedResults.NotFound();
        if (r.Errors.Count > 0)
            return Refusal(r.Errors);
        return TypedResults.Ok(WarningDto.From(r.Warning!));
    }

    private static Results<Ok<WarningDto>, NotFound, ValidationProblem, ProblemHttpResult> Refusal(Dictionary<string, string[]> errors) =>
        IsStateConflict(errors) ? StateConflict(errors) : ApiProblems.Invalid(errors);

    private static bool IsStateConflict(Dictionary<string, string[]> errors) => errors.Keys.Any(ConflictFields.Contains);

    private static ProblemHttpResult StateConflict(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The warning's state does not allow this step.",
            detail: string.Join(" ", errors.Values.SelectMany(v => v)),
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    private static async Task<Results<Ok<WarningDto>, NotFound, ValidationProblem, ProblemHttpResult>> StartAssessmentAsync(
        WarningWorkflow workflow, long id, CancellationToken ct) =>
        Answer(await workflow.StartAssessmentAsync(id, ct));

    private static async Task<Results<Ok<WarningDto>, NotFound, ValidationProblem, ProblemHttpResult>> AssessAsync(
        WarningWorkflow workflow, long id, AssessInput input, CancellationToken ct) =>
        Answer(await workflow.AssessAsync(id, input, ct));

    private static async Task<Results<Ok<WarningDto>, NotFound, ValidationProblem, ProblemHttpResult>> CloseAsync(
        WarningWorkflow workflow, long id, CloseInput input, CancellationToken ct) =>
        Answer(await workflow.CloseAsync(id, input.Outcome, ct));

    private static async Task<Results<Created<TaskDto>, NotFound, ValidationProblem, ProblemHttpResult>> AddTaskAsync(
        WarningWorkflow workflow, QualityWatchDbContext db, long id, TaskInput input, CancellationToken ct)
    {
        var (r, task) = await workflow.AddTaskAsync(id, input, ct);
        if (r.NotFound)
            return TypedResults.NotFound();
        if (r.Errors.Count > 0)
            return IsStateConflict(r.Errors) ? StateConflict(r.Errors) : ApiProblems.Invalid(r.Errors);
        return TypedResults.Created($"/api/v1/risk/tasks/{task!.Id}", TaskDto.From(task, db.Clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<TaskDto>, NotFound, ValidationProblem>> UpdateTaskAsync(
        WarningWorkflow workflow, QualityWatchDbContext db, long taskId, TaskUpdate input, CancellationToken ct)
    {
        var (found, errors, task) = await workflow.UpdateTaskAsync(taskId, input, ct);
        if (!found)
            return TypedResults.NotFound();
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        return TypedResults.Ok(TaskDto.From(task!, db.Clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<ListResponse<TaskDto>>, ValidationProblem>> ListTasksAsync(
        QualityWatchDbContext db, string? status, string? overdue, string? regionCode, long? warningId, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = RiskSourcesApi.ParseCommon(null, null, regionCode, out _, out _, out var prefix);
        DisposalStatus? st = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (TryParseEnum<DisposalStatus>(status, out var s))
                st = s;
            else
                errors["status"] = ["status must be open, inProgress, done or cancelled"];
        }
        if (!TryParseFlag(overdue, out var onlyOverdue))
            errors["overdue"] = ["overdue must be true or false"];
        RiskSourcesApi.AddPaging(errors, limit, cursor, out var take, out var after);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var now = db.Clock.GetUtcNow();
        var q = db.DisposalTasks.AsNoTracking();
        if (st is { } ds)
            q = q.Where(t => t.Status == ds);
        if (onlyOverdue)
            q = q.Where(t => (t.Status == DisposalStatus.Open || t.Status == DisposalStatus.InProgress) && t.DueAt < now);
        if (prefix is not null)
            q = q.Where(t => t.RegionCode.StartsWith(prefix));
        if (warningId is { } w)
            q = q.Where(t => t.WarningId == w);
        if (after > 0)
            q = q.Where(t => t.Id < after);
        var rows = await q.OrderByDescending(t => t.Id).Take(take + 1).ToListAsync(ct);
        var page = Cursor.ToPage(rows, take, t => t.Id);
        return TypedResults.Ok(new ListResponse<TaskDto>(page.Items.Select(t => TaskDto.From(t, now)).ToList(), page.NextCursor));
    }

    /// <summary>
    /// Notices in the caller's region (officers) or about the caller's enterprise (enterprise users). Officers do not
    /// see the copy addressed to an enterprise: they have their own.
    /// </summary>
    private static IQueryable<Notice> Notices(QualityWatchDbContext db) =>
        db.Scope.EnterpriseId is null ? db.Notices.Where(n => n.EnterpriseId == null) : db.Notices;

    private static async Task<Results<Ok<ListResponse<NoticeDto>>, ValidationProblem>> ListNoticesAsync(
        QualityWatchDbContext db, string? unread, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TryParseFlag(unread, out var onlyUnread))
            errors["unread"] = ["unread must be true or false"];
        RiskSourcesApi.AddPaging(errors, limit, cursor, out var take, out var after);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        var q = Notices(db).AsNoTracking();
        if (onlyUnread)
            q = q.Where(n => n.ReadAt == null);
        if (after > 0)
            q = q.Where(n => n.Id < after);
        var rows = await q.OrderByDescending(n => n.Id).Take(take + 1).ToListAsync(ct);
        var page = Cursor.ToPage(rows, take, n => n.Id);
        return TypedResults.Ok(new ListResponse<NoticeDto>(page.Items.Select(NoticeDto.From).ToList(), page.NextCursor));
    }

    private static async Task<Results<Ok<NoticeDto>, NotFound>> ReadNoticeAsync(QualityWatchDbContext db, long id, CancellationToken ct)
    {
        if (await Notices(db).FirstOrDefaultAsync(n => n.Id == id, ct) is not { } n)
            return TypedResults.NotFound();
        if (n.ReadAt is null)
        {
            n.ReadAt = db.Clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(NoticeDto.From(n));
    }
}
