using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Identity;

public sealed record CreatedToken(long Id, string Token, string Prefix);

/// <summary>What a bearer request needs to know about its user, read in one round trip.</summary>
public sealed record TokenHolder(string UserId, string UserName, string? DisplayName, string RegionCode, long? EnterpriseId, DateTimeOffset? LockoutEnd, List<string> Roles);

/// <summary>Create, resolve and revoke personal API tokens.</summary>
public sealed class ApiTokens(QualityWatchDbContext db, TimeProvider clock, ApiTokenCache cache)
{
    public async Task<CreatedToken> CreateAsync(AppUser user, string name, CancellationToken ct = default)
    {
        var secret = ApiToken.NewSecret();
        var token = new ApiToken
        {
            UserId = user.Id,
            Name = name,
            Prefix = secret[..10],
            Hash = ApiToken.HashOf(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedToken(token.Id, secret, token.Prefix);
    }

    /// <summary>
    /// The holder of a live token with its roles, or null; used on every API call, so one query, and its answer is
    /// kept briefly in <see cref="ApiTokenCache"/>.
    /// </summary>
    public async Task<TokenHolder?> ResolveHolderAsync(string secret, CancellationToken ct = default)
    {
        var hash = ApiToken.HashOf(secret);
        if (cache.TryGet(hash, out var cached))
            return cached;
        var generation = cache.Generation;
        var holder = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedAt == null)
            .Select(t => new TokenHolder(t.User!.Id, t.User.UserName!, t.User.DisplayName, t.User.RegionCode, t.User.EnterpriseId, t.User.LockoutEnd,
                db.UserRoles.Where(ur => ur.UserId == t.UserId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList()))
            .FirstOrDefaultAsync(ct);
        if (holder is not null)
            cache.Set(hash, holder, generation);
        return holder;
    }

    public async Task<bool> RevokeAsync(string userId, long tokenId, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null, ct);
        if (token is null)
            return false;
        token.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        // After the commit: a lookup that read the token before it is not served from the cache (see ApiTokenCache).
        cache.Invalidate();
        return true;
    }

    public Task<List<ApiToken>> ListAsync(string userId, CancellationToken ct = default) =>
        db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id).ToListAsync(ct);
}
