using System.Collections.Concurrent;

namespace QualityWatch.Core.Identity;

/// <summary>
/// Resolved bearer tokens, kept for a few seconds so an API call does not cost a database round trip for its token
/// (the lookup was the largest share of a verification call's server time). Safe against revocation in this process:
/// <see cref="Invalidate"/> (called after every revocation is committed) bumps a generation number, and an entry is
/// only served while its generation is current. An entry stores the generation read <em>before</em> its database
/// query, so a lookup that raced a revocation is never served afterwards. A revocation made by another process (the
/// CLI, a second web instance) takes effect within <see cref="Lifetime"/>. Unknown or revoked tokens are not cached.
/// </summary>
public sealed class ApiTokenCache(TimeProvider clock)
{
    /// <summary>How long a resolved token is trusted without asking the database again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    /// <summary>Bound on entries: a flood of distinct live tokens empties the cache rather than growing it.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long generation;

    private sealed record Entry(TokenHolder Holder, long Generation, DateTimeOffset Until);

    /// <summary>Read before the database query whose result is then passed to <see cref="Set"/>.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public bool TryGet(string hash, out TokenHolder? holder)
    {
        holder = null;
        if (!entries.TryGetValue(hash, out var entry))
            return false;
        if (entry.Generation != Generation || clock.GetUtcNow() >= entry.Until)
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
            return false;
        }
        holder = entry.Holder;
        return true;
    }

    public void Set(string hash, TokenHolder holder, long readGeneration)
    {
        if (entries.Count >= MaxEntries)
            entries.Clear();
        entries[hash] = new Entry(holder, readGeneration, clock.GetUtcNow() + Lifetime);
    }

    /// <summary>Forgets every resolved token: after a revocation or any change to a token holder's account.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }
}
