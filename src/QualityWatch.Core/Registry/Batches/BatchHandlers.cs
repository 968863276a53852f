using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Registry.Batches;

public sealed record BatchInput
{
    public long? ProductId { get; init; }
    public string? LotNumber { get; init; }
    public DateOnly? ProductionDate { get; init; }
    public long? Quantity { get; init; }
    public string? Unit { get; init; }
}

public sealed record BatchDto(long Id, long ProductId, string LotNumber, DateOnly? ProductionDate, long Quantity, string Unit, string RegionCode)
{
    public static BatchDto From(Batch b) => new(b.Id, b.ProductId, b.LotNumber, b.ProductionDate, b.Quantity, b.Unit, b.RegionCode);
}

public sealed record BatchResult(Batch? Batch, Dictionary<string, string[]> Errors, bool NotFound = false);

public sealed class BatchHandlers(QualityWatchDbContext db)
{
    public async Task<Page<BatchDto>> ListAsync(long? productId, int take, long after, CancellationToken ct)
    {
        var q = db.Batches.AsNoTracking().Where(b => b.Id > after);
        if (productId is { } p)
            q = q.Where(b => b.ProductId == p);
        var rows = await q.OrderBy(b => b.Id).Take(take + 1).ToListAsync(ct);
        return Cursor.ToPage(rows.Select(BatchDto.From).ToList(), take, b => b.Id);
    }

    public Task<Batch?> FindAsync(long id, CancellationToken ct) => db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);

    public async Task<BatchResult> SaveAsync(long? id, BatchInput input, CancellationToken ct)
    {
        Batch? b = null;
        if (id is { } existing)
        {
            b = await db.Batches.FirstOrDefaultAsync(x => x.Id == existing, ct);
            if (b is null)
                return new BatchResult(null, [], NotFound: true);
        }
        var errors = new Dictionary<string, string[]>();
        var productId = input.ProductId ?? b?.ProductId;
        var product = productId is null ? null : await db.Products.FirstOrDefaultAsync(p => p.Id == productId, ct);
        if (product is null)
            errors["productId"] = ["产品不存在或不在您的管辖范围内 (product not found)"];
        var lot = (input.LotNumber ?? b?.LotNumber)?.Trim();
        if (string.IsNullOrEmpty(lot))
            errors["lotNumber"] = ["批号不能为空 (lot number is required)"];
        var quantity = input.Quantity ?? b?.Quantity ?? 0;
        if (quantity < 0)
            errors["quantity"] = ["数量不能为负 (quantity must not be negative)"];
        var unit = (input.Unit ?? b?.Unit)?.Trim();
        if (string.IsNullOrEmpty(unit))
            errors["unit"] = ["单位不能为空 (unit is required)"];
        if (input.ProductionDate is { } d && d > DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime.AddDays(1)))
            errors["productionDate"] = ["生产日期晚于今天 (production date is in the future)"];
        if (errors.Count == 0 && await db.Batches.IgnoreQueryFilters().AnyAsync(x => x.ProductId == productId && x.LotNumber == lot && (b == null || x.Id != b.Id), ct))
            errors["lotNumber"] = [$"该产品已有批号 {lot} (lot already recorded for this product)"];
        if (errors.Count > 0)
            return new BatchResult(b, errors);
        var now = db.Clock.GetUtcNow();
        if (b is null)
        {
            b = new Batch { LotNumber = lot!, Unit = unit!, CreatedAt = now };
            db.Batches.Add(b);
        }
        b.ProductId = product!.Id;
        b.LotNumber = lot!;
        b.Unit = unit!;
        b.Quantity = quantity;
        b.ProductionDate = input.ProductionDate ?? b.ProductionDate;
        b.RegionCode = product.RegionCode;
        if (db.ChangeTracker.HasChanges())
        {
            b.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return new BatchResult(b, errors);
    }
}
