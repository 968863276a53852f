using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Web.Api;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Audit;

public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>The audit log, newest first, read-only. Region scoping comes from the DbContext's filter on audit entries.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(QualityWatchDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<AuditEntry> Results { get; private set; } = new([], null);
    public List<string> EntityTypes { get; private set; } = [];

    public static readonly string[] Actions = ["create", "update", "delete"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        EntityTypes = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }

    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_Rows", this);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (!Core.Paging.Cursor.TryDecode(Cursor, out var before))
            return;
        // Dates are the user's calendar days in the server's time zone; "to" includes the whole day.
        DateTimeOffset? from = From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Local)) : null;
        DateTimeOffset? to = To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Local)) : null;
        var q = AuditApi.Apply(db.AuditEntries.AsNoTracking(), new AuditFilter(Trim(EntityType), Trim(EntityId), Trim(Actor), Trim(Action), from, to));
        if (before > 0)
            q = q.Where(a => a.Id < before);
        var rows = await q.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(ct);
        Results = Core.Paging.Cursor.ToPage(rows, PageSize, a => a.Id);
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static List<FieldChange> Changes(AuditEntry entry)
    {
        var list = new List<FieldChange>();
        try
        {
            using var doc = JsonDocument.Parse(entry.Changes);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                string? Side(string name) => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
                    ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
                    : null;
                list.Add(new FieldChange(p.Name, Side("before"), Side("after")));
            }
        }
        catch (JsonException)
        {
            list.Add(new FieldChange("?", null, entry.Changes));
        }
        return list;
    }

    public string NextQuery(string cursor, bool rowsOnly)
    {
        var qs = new Dictionary<string, string?>
        {
            ["entityType"] = EntityType,
            ["entityId"] = EntityId,
            ["actor"] = Actor,
            ["action"] = Action,
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["cursor"] = cursor,
            ["handler"] = rowsOnly ? "Rows" : null,
        };
        return QueryHelpers.AddQueryString("/audit", qs.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
