using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityWatch.Core.Audit;

namespace QualityWatch.Core.Registry.Enterprises.Search;

/// <summary>
/// One character bigram of an enterprise's normalised name. Chinese names have no word boundaries and users
/// type fragments (康洁, 医疗用品); a LIKE '%…%' scan over 100,000 names costs tens of milliseconds, while
/// intersecting bigram postings is an index lookup on SQLite and PostgreSQL alike.
/// </summary>
public sealed class EnterpriseNameGram : INotAudited
{
    public long EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public required string Gram { get; set; }
}

internal sealed class EnterpriseNameGramConfiguration : IEntityTypeConfiguration<EnterpriseNameGram>
{
    public void Configure(EntityTypeBuilder<EnterpriseNameGram> builder)
    {
        builder.ToTable("enterprise_name_grams");
        builder.HasKey(g => new { g.Gram, g.EnterpriseId });
        builder.Property(g => g.Gram).HasMaxLength(2);
        builder.HasIndex(g => g.EnterpriseId);
        builder.HasOne(g => g.Enterprise).WithMany().HasForeignKey(g => g.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class EnterpriseNameIndex
{
    /// <summary>Distinct bigrams of a normalised name (a one-character name is its own gram).</summary>
    public static IEnumerable<string> Grams(string normalisedName)
    {
        if (normalisedName.Length == 1)
            return [normalisedName];
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < normalisedName.Length; i++)
            grams.Add(normalisedName.Substring(i, 2));
        return grams;
    }

    /// <summary>
    /// Indexes enterprises that were bulk-inserted past SaveChanges (imports, demo data). The database cuts
    /// the grams itself in one statement: binding a million two-character rows one by one from .NET cost
    /// more than the enterprise rows they index. The SQL is the same on SQLite and PostgreSQL.
    /// Grams are cut from the stored normalised name, so they match what <see cref="Grams"/> gives.
    /// </summary>
    public static async Task IndexAsync(Persistence.QualityWatchDbContext db, IReadOnlyCollection<Enterprise> enterprises, CancellationToken ct = default)
    {
        foreach (var chunk in enterprises.Chunk(5000))
            await IndexChunkAsync(db, chunk, ct);
    }

    private static async Task IndexChunkAsync(Persistence.QualityWatchDbContext db, Enterprise[] enterprises, CancellationToken ct)
    {
        // Ids are numbers formatted invariantly, so inlining them is safe and avoids parameter limits.
        var ids = string.Join(',', enterprises.Select(e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // The offsets table only needs to reach the longest name of the chunk.
        var longest = Math.Max(1, enterprises.Max(e => e.NormalizedName.Length) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sql = $"""
            WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < {longest})
            INSERT INTO enterprise_name_grams ("Gram", "EnterpriseId")
            SELECT DISTINCT substr(e."NormalizedName", k.n, 2), e."Id"
            FROM enterprises e JOIN k ON k.n <= CASE WHEN length(e."NormalizedName") = 1 THEN 1 ELSE length(e."NormalizedName") - 1 END
            WHERE e."Id" IN ({ids})
            """;
#pragma warning disable EF1002 // only invariant-formatted numbers are interpolated
        await db.Database.ExecuteSqlRawAsync(sql, ct);
#pragma warning restore EF1002
    }

    /// <summary>
    /// Called by SaveChanges: adds the grams of new enterprises and replaces those of renamed ones, in the same
    /// transaction as the change, so the index can never disagree with the names.
    /// </summary>
    internal static void Maintain(ChangeTracker tracker)
    {
        List<(Enterprise Enterprise, string? Old)>? work = null;
        foreach (var entry in tracker.Entries<Enterprise>())
        {
            if (entry.State == EntityState.Added)
                (work ??= []).Add((entry.Entity, null));
            else if (entry.State == EntityState.Modified && entry.Property(e => e.NormalizedName) is { IsModified: true } p
                     && !string.Equals((string?)p.OriginalValue, p.CurrentValue, StringComparison.Ordinal))
                (work ??= []).Add((entry.Entity, (string?)p.OriginalValue ?? ""));
        }
        if (work is null)
            return;
        var context = tracker.Context;
        foreach (var (enterprise, old) in work)
        {
            var current = Grams(enterprise.NormalizedName).ToHashSet(StringComparer.Ordinal);
            if (old is not null)
            {
                var previous = Grams(old).ToHashSet(StringComparer.Ordinal);
                foreach (var gone in previous.Except(current))
                    context.Entry(new EnterpriseNameGram { EnterpriseId = enterprise.Id, Gram = gone }).State = EntityState.Deleted;
                current.ExceptWith(previous);
            }
            foreach (var gram in current)
                context.Add(new EnterpriseNameGram { Enterprise = enterprise, EnterpriseId = enterprise.Id, Gram = gram });
        }
    }
}
