using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Api;

public sealed record AuditFilter(string? EntityType, string? EntityId, string? Actor, string? Action, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>Read-only: no route edits or deletes an audit entry.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync).WithName("ListAudit");
    }

    public static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> q, AuditFilter f)
    {
        if (!string.IsNullOrWhiteSpace(f.EntityType)) q = q.Where(a => a.EntityType == f.EntityType);
        if (!string.IsNullOrWhiteSpace(f.EntityId)) q = q.Where(a => a.EntityId == f.EntityId);
        if (!string.IsNullOrWhiteSpace(f.Actor)) q = q.Where(a => a.Actor == f.Actor);
        if (!string.IsNullOrWhiteSpace(f.Action)) q = q.Where(a => a.Action == f.Action);
        if (f.From is { } from) q = q.Where(a => a.At >= from);
        if (f.To is { } to) q = q.Where(a => a.At < to);
        return q;
    }

    private static async Task<Results<Ok<ListResponse<AuditEntry>>, ValidationProblem>> ListAsync(
        QualityWatchDbContext db, string? entityType, string? entityId, string? actor, string? action,
        DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor, CancellationToken ct)
    {
        if (Cursor.Validate(limit, cursor, out var take, out var after) is { } errors)
            return ApiProblems.Invalid(errors);
        var q = Apply(db.AuditEntries.AsNoTracking(), new AuditFilter(entityType, entityId, actor, action, from, to));
        // Newest first: the cursor walks down the ids.
        if (after > 0)
            q = q.Where(a => a.Id < after);
        var rows = await q.OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(ListResponse<AuditEntry>.From(Cursor.ToPage(rows, take, a => a.Id)));
    }
}
