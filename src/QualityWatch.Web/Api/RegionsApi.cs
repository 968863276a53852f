using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Regions;

namespace QualityWatch.Web.Api;

public sealed record RegionDto(string Code, string Name, string? ParentCode, string Level);

public static class RegionsApi
{
    public static void MapRegionsApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/regions").WithTags("Regions");
        group.MapGet("/", ListAsync).WithName("ListRegions");
        group.MapGet("/{code}", GetAsync).WithName("GetRegion");
    }

    /// <summary>GB/T 2260 regions; without <c>parent</c> the provinces, with it the children of that code.</summary>
    private static async Task<Results<Ok<ListResponse<RegionDto>>, ValidationProblem>> ListAsync(
        QualityWatchDbContext db, string? parent, int? limit, string? cursor, CancellationToken ct)
    {
        // A province's children fit in one page, so the default is the maximum.
        if (Cursor.ValidateKey(limit, cursor, Cursor.MaxLimit, out var take, out var after) is { } errors)
            return ApiProblems.Invalid(errors);
        var q = db.Regions.AsNoTracking();
        q = string.IsNullOrEmpty(parent) ? q.Where(r => r.Level == RegionLevel.Province) : q.Where(r => r.ParentCode == parent);
        if (after.Length > 0)
            q = q.Where(r => string.Compare(r.Code, after) > 0);
        var rows = await q.OrderBy(r => r.Code).Take(take + 1)
            .Select(r => new RegionDto(r.Code, r.Name, r.ParentCode, r.Level.ToString())).ToListAsync(ct);
        var next = rows.Count > take ? Cursor.EncodeKey(rows[take - 1].Code) : null;
        return TypedResults.Ok(new ListResponse<RegionDto>(rows.Take(take).ToList(), next));
    }

    private static async Task<Results<Ok<RegionDto>, NotFound>> GetAsync(QualityWatchDbContext db, string code, CancellationToken ct)
    {
        var r = await db.Regions.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct);
        return r is null ? TypedResults.NotFound() : TypedResults.Ok(new RegionDto(r.Code, r.Name, r.ParentCode, r.Level.ToString()));
    }
}
