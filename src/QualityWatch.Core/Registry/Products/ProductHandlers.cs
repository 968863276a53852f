using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Registry.Products;

public sealed record ProductInput
{
    public string? Category { get; init; }
    public string? Brand { get; init; }
    public string? Model { get; init; }
    public string? ClaimedStandard { get; init; }
    public string? Grade { get; init; }
    public string? Gtin { get; init; }
    public string? RegistrationNumber { get; init; }
    public long? ManufacturerId { get; init; }
    public IReadOnlyList<string>? IntendedUsers { get; init; }
}

public sealed record ProductDto(long Id, string Category, string? CategoryName, string? Brand, string Model, string? ClaimedStandard,
    string? Grade, string? Gtin, string? RegistrationNumber, long ManufacturerId, string? ManufacturerName, string RegionCode,
    string[] IntendedUsers, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ProductDto From(Product p) => new(p.Id, p.Category, ProductCategories.Find(p.Category)?.NameZh, p.Brand, p.Model,
        p.ClaimedStandard, p.Grade, p.Gtin, p.RegistrationNumber, p.ManufacturerId, p.Manufacturer?.Name, p.RegionCode,
        Enum.GetValues<IntendedUsers>().Where(u => u != Products.IntendedUsers.None && p.IntendedUsers.HasFlag(u)).Select(u => u.ToString()).ToArray(),
        p.CreatedAt, p.UpdatedAt);
}

public sealed record ProductResult(Product? Product, Dictionary<string, string[]> Errors, bool NotFound = false);

/// <summary>List, read, create and update products; the manufacturer must be visible to the caller.</summary>
public sealed class ProductHandlers(QualityWatchDbContext db)
{
    public async Task<Page<ProductDto>> ListAsync(string? category, long? manufacturerId, string? q, int take, long after, CancellationToken ct)
    {
        var query = db.Products.AsNoTracking().Include(p => p.Manufacturer).Where(p => p.Id > after);
        if (!string.IsNullOrWhiteSpace(category))
            query = query.Where(p => p.Category == category);
        if (manufacturerId is { } m)
            query = query.Where(p => p.ManufacturerId == m);
        if (!string.IsNullOrWhiteSpace(q))
            query = query.Where(p => p.Model.Contains(q) || (p.Brand != null && p.Brand.Contains(q)) || p.Gtin == q || p.RegistrationNumber == q);
        var rows = await query.OrderBy(p => p.Id).Take(take + 1).ToListAsync(ct);
        return Cursor.ToPage(rows.Select(ProductDto.From).ToList(), take, p => p.Id);
    }

    public Task<int> CountAsync(string? category, CancellationToken ct) =>
        (string.IsNullOrWhiteSpace(category) ? db.Products : db.Products.Where(p => p.Category == category)).CountAsync(ct);

    public Task<Product?> FindAsync(long id, CancellationToken ct) =>
        db.Products.AsNoTracking().Include(p => p.Manufacturer).FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task<ProductResult> SaveAsync(long? id, ProductInput input, CancellationToken ct)
    {
        Product? p = null;
        if (id is { } existingId)
        {
            p = await db.Products.FirstOrDefaultAsync(x => x.Id == existingId, ct);
            if (p is null)
                return new ProductResult(null, [], NotFound: true);
        }
        var errors = new Dictionary<string, string[]>();
        var category = input.Category ?? p?.Category;
        if (ProductCategories.Find(category) is null)
            errors["category"] = [$"未知的产品类别“{category}” (unknown product category; see /api/v1/products/categories)"];
        var model = (input.Model ?? p?.Model)?.Trim();
        if (string.IsNullOrEmpty(model))
            errors["model"] = ["型号不能为空 (model is required)"];
        var gtin = input.Gtin is null ? p?.Gtin : NullIfBlank(input.Gtin);
        if (gtin is not null && !Gtin.IsValid(gtin))
            errors["gtin"] = [$"GTIN {gtin} 校验位错误或长度不对 (GS1 mod-10 check digit fails)"];
        var manufacturerId = input.ManufacturerId ?? p?.ManufacturerId;
        // Only a manufacturer the caller can see can be named: the scope filter applies here too.
        var manufacturer = manufacturerId is null ? null : await db.Enterprises.FirstOrDefaultAsync(e => e.Id == manufacturerId, ct);
        if (manufacturer is null)
            errors["manufacturerId"] = ["生产企业不存在或不在您的管辖范围内 (manufacturer not found)"];
        var users = Products.IntendedUsers.None;
        foreach (var u in input.IntendedUsers ?? [])
        {
            if (Enum.TryParse<IntendedUsers>(u, true, out var parsed) && parsed != Products.IntendedUsers.None)
                users |= parsed;
            else if (u is "成人") users |= Products.IntendedUsers.Adults;
            else if (u is "儿童") users |= Products.IntendedUsers.Children;
            else if (u is "医务人员") users |= Products.IntendedUsers.MedicalStaff;
            else errors["intendedUsers"] = [$"未知的适用人群“{u}” (use adults, children, medicalStaff)"];
        }
        if (errors.Count > 0)
            return new ProductResult(p, errors);
        var now = db.Clock.GetUtcNow();
        if (p is null)
        {
            p = new Product { Category = category!, Model = model!, CreatedAt = now };
            db.Products.Add(p);
        }
        p.Category = category!;
        p.Model = model!;
        p.Brand = input.Brand is null ? p.Brand : NullIfBlank(input.Brand);
        p.ClaimedStandard = input.ClaimedStandard is null ? p.ClaimedStandard ?? ProductCategories.Find(category)!.Standard : NullIfBlank(input.ClaimedStandard);
        p.Grade = input.Grade is null ? p.Grade : NullIfBlank(input.Grade);
        p.Gtin = gtin;
        p.RegistrationNumber = input.RegistrationNumber is null ? p.RegistrationNumber : NullIfBlank(input.RegistrationNumber);
        p.ManufacturerId = manufacturer!.Id;
        p.RegionCode = manufacturer.RegionCode;
        if (input.IntendedUsers is not null)
            p.IntendedUsers = users;
        if (db.ChangeTracker.HasChanges())
        {
            p.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
        }
        p.Manufacturer = manufacturer;
        return new ProductResult(p, errors);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
