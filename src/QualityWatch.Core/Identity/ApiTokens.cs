using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Identity;

public sealed record CreatedToken(long Id, string Token, string Prefix);

/// <summary>Create, resolve and revoke personal API tokens.</summary>
public sealed class ApiTokens(QualityWatchDbContext db, TimeProvider clock)
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

    /// <summary>The token's user when the token exists and is not revoked; null otherwise.</summary>
    public async Task<AppUser?> ResolveAsync(string secret, CancellationToken ct = default)
    {
        var hash = ApiToken.HashOf(secret);
        var token = await db.ApiTokens.AsNoTracking().Include(t => t.User)
            .FirstOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, ct);
        return token?.User;
    }

    public async Task<bool> RevokeAsync(string userId, long tokenId, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null, ct);
        if (token is null)
            return false;
        token.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public Task<List<ApiToken>> ListAsync(string userId, CancellationToken ct = default) =>
        db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id).ToListAsync(ct);
}
