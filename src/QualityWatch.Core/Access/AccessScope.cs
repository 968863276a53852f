namespace QualityWatch.Core.Access;

/// <summary>
/// Who is asking, reduced to what decides visibility. Every region-owned query goes through the
/// global query filters in <see cref="Persistence.QualityWatchDbContext"/>, which read this object,
/// so lists, details, counts, search, exports and updates all see the same subset.
/// </summary>
public sealed class AccessScope
{
    /// <summary>Never matches a GB/T 2260 code, so an anonymous caller sees no region-owned record.</summary>
    private const string NothingPrefix = "~";

    public string Actor { get; private set; } = "anonymous";

    /// <summary>Null means unrestricted (national level or the system itself).</summary>
    public string? RegionPrefix { get; private set; } = NothingPrefix;

    /// <summary>Set for enterprise users: they see only their own enterprise.</summary>
    public long? EnterpriseId { get; private set; }

    public bool IsUnrestricted => RegionPrefix is null && EnterpriseId is null;

    public static AccessScope System(string actor = "system") => new AccessScope().AsSystem(actor);

    public AccessScope AsSystem(string actor)
    {
        Actor = actor;
        RegionPrefix = null;
        EnterpriseId = null;
        return this;
    }

    public AccessScope AsUser(string actor, string regionCode, long? enterpriseId)
    {
        Actor = actor;
        RegionPrefix = RegionCodes.ToPrefix(regionCode);
        EnterpriseId = enterpriseId;
        return this;
    }

    public AccessScope AsAnonymous()
    {
        Actor = "anonymous";
        RegionPrefix = NothingPrefix;
        EnterpriseId = null;
        return this;
    }

    /// <summary>True when a record owned by <paramref name="regionCode"/> is inside this scope.</summary>
    public bool Covers(string regionCode) =>
        RegionPrefix is null || regionCode.StartsWith(RegionPrefix, StringComparison.Ordinal);
}
