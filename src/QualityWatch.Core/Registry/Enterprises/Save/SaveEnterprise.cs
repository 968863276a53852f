using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Names;
using QualityWatch.Core.Registry.Regions;

namespace QualityWatch.Core.Registry.Enterprises.Save;

public enum SaveOutcome
{
    Created,
    Updated,
    Unchanged,
    Invalid,
    NotFound,
    Conflict,
}

public sealed record SaveResult(SaveOutcome Outcome, Enterprise? Enterprise, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<string> Warnings);

/// <summary>Creates or updates one enterprise; the caller's region scope applies to both the old and the new region.</summary>
public sealed class SaveEnterprise(QualityWatchDbContext db)
{
    private IReadOnlySet<string>? countyCodes;

    public async Task<IReadOnlySet<string>> CountyCodesAsync(CancellationToken ct)
    {
        countyCodes ??= (await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.County).Select(r => r.Code).ToListAsync(ct)).ToHashSet();
        return countyCodes;
    }

    public async Task<SaveResult> CreateAsync(EnterpriseInput input, CancellationToken ct = default)
    {
        var v = EnterpriseValidator.Validate(input, await CountyCodesAsync(ct), db.Scope);
        if (!v.IsValid)
            return new(SaveOutcome.Invalid, null, v.Errors, v.Warnings);
        if (await db.Enterprises.IgnoreQueryFilters().AnyAsync(e => e.CreditCode == v.CreditCode, ct))
            return new(SaveOutcome.Conflict, null, new Dictionary<string, string[]> { ["creditCode"] = [$"统一社会信用代码 {v.CreditCode} 已登记 (already registered)"] }, v.Warnings);
        var now = db.Clock.GetUtcNow();
        var e = new Enterprise { Name = v.Name, CreditCode = v.CreditCode, RegionCode = v.RegionCode, CreatedAt = now };
        Apply(e, input, v, now);
        db.Enterprises.Add(e);
        await db.SaveChangesAsync(ct);
        return new(SaveOutcome.Created, e, v.Errors, v.Warnings);
    }

    public async Task<SaveResult> UpdateAsync(long id, EnterpriseInput input, CancellationToken ct = default)
    {
        var e = await db.Enterprises.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
            return new(SaveOutcome.NotFound, null, new Dictionary<string, string[]>(), []);
        // Fields the client left out keep their values.
        var merged = input with
        {
            Name = input.Name ?? e.Name,
            CreditCode = input.CreditCode ?? e.CreditCode,
            RegionCode = input.RegionCode ?? e.RegionCode,
        };
        var v = EnterpriseValidator.Validate(merged, await CountyCodesAsync(ct), db.Scope);
        if (!v.IsValid)
            return new(SaveOutcome.Invalid, e, v.Errors, v.Warnings);
        if (v.CreditCode != e.CreditCode && await db.Enterprises.IgnoreQueryFilters().AnyAsync(x => x.CreditCode == v.CreditCode, ct))
            return new(SaveOutcome.Conflict, e, new Dictionary<string, string[]> { ["creditCode"] = [$"统一社会信用代码 {v.CreditCode} 已登记 (already registered)"] }, v.Warnings);
        e.Name = v.Name;
        e.CreditCode = v.CreditCode;
        e.RegionCode = v.RegionCode;
        Apply(e, merged, v, db.Clock.GetUtcNow(), keepMissing: true);
        var changed = db.ChangeTracker.HasChanges();
        if (!changed)
            return new(SaveOutcome.Unchanged, e, v.Errors, v.Warnings);
        e.UpdatedAt = db.Clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new(SaveOutcome.Updated, e, v.Errors, v.Warnings);
    }

    /// <summary>Copies validated and optional fields; with <paramref name="keepMissing"/> a null field keeps the stored value.</summary>
    public static void Apply(Enterprise e, EnterpriseInput input, ValidatedEnterprise v, DateTimeOffset now, bool keepMissing = false)
    {
        e.NormalizedName = EnterpriseName.Normalise(e.Name);
        e.CreditCodeStatus = v.CreditCodeStatus;
        if (!keepMissing || input.Address is not null)
            e.Address = NullIfBlank(input.Address);
        if (!keepMissing || input.LegalRepresentative is not null)
            e.LegalRepresentative = NullIfBlank(input.LegalRepresentative);
        if (!keepMissing || input.Types is not null)
            e.Types = v.Types;
        if (!keepMissing || input.Status is not null)
            e.Status = v.Status;
        if (!keepMissing || input.ProductionLicences is not null)
            SetList(e.ProductionLicences, input.ProductionLicences);
        if (!keepMissing || input.Aliases is not null)
            SetList(e.Aliases, input.Aliases);
        if (e.Id == 0)
            e.UpdatedAt = now;
    }

    private static void SetList(List<string> target, IReadOnlyList<string>? values)
    {
        var clean = (values ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        if (!target.SequenceEqual(clean))
        {
            target.Clear();
            target.AddRange(clean);
        }
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
