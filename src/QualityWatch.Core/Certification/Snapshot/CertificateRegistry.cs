using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Registry.Names;

namespace QualityWatch.Core.Certification.Snapshot;

/// <summary>
/// An immutable in-memory index over a registry snapshot: certificates by number key and by holder credit code,
/// bodies by id, number and name, credit listings by credit code, and the misleading-issuer list. Built once from
/// any enumerables (a database loader, seed files, a test); safe to share between threads.
/// </summary>
public sealed class CertificateRegistry
{
    private readonly Certificate[] _certificates;
    // Most numbers are unique, so the first certificate per key sits in the dictionary and the rare renewals or
    // cross-scheme collisions chain through _next: one int per certificate instead of a list per key.
    private readonly Dictionary<string, int> _firstByKey;
    private readonly int[] _next;
    private readonly Dictionary<string, Certificate[]> _byHolder;
    private readonly Dictionary<string, CertificationBody> _bodyById;
    private readonly Dictionary<string, CertificationBody> _bodyByNumber;
    private readonly Dictionary<string, CertificationBody> _bodyByName;
    private readonly Dictionary<string, CreditListing[]> _listings;
    private readonly MisleadingIssuerIndex _misleading;

    public static CertificateRegistry Empty { get; } = Build([], []);

    private CertificateRegistry(Certificate[] certificates, IEnumerable<CertificationBody> bodies, IEnumerable<MisleadingIssuer> misleading, IEnumerable<CreditListing> listings)
    {
        _certificates = certificates;
        _firstByKey = new Dictionary<string, int>(certificates.Length, StringComparer.Ordinal);
        _next = new int[certificates.Length];
        var lastByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var holderCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < certificates.Length; i++)
        {
            var c = certificates[i];
            _next[i] = -1;
            var key = CertificateNumber.Key(c.Scheme, c.Number);
            // Only keys that collide need their tail remembered; most never do.
            if (!_firstByKey.TryAdd(key, i))
            {
                var tail = lastByKey.TryGetValue(key, out var t) ? t : _firstByKey[key];
                _next[tail] = i;
                lastByKey[key] = i;
            }
            if (HolderKey(c) is { } h)
                holderCounts[h] = holderCounts.GetValueOrDefault(h) + 1;
        }

        _byHolder = new Dictionary<string, Certificate[]>(holderCounts.Count, StringComparer.Ordinal);
        var fill = new Dictionary<string, int>(holderCounts.Count, StringComparer.Ordinal);
        foreach (var c in certificates)
        {
            if (HolderKey(c) is not { } h)
                continue;
            if (!_byHolder.TryGetValue(h, out var arr))
                _byHolder[h] = arr = new Certificate[holderCounts[h]];
            ref var n = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(fill, h, out _);
            arr[n++] = c;
        }

        _bodyById = new Dictionary<string, CertificationBody>(StringComparer.Ordinal);
        _bodyByNumber = new Dictionary<string, CertificationBody>(StringComparer.Ordinal);
        _bodyByName = new Dictionary<string, CertificationBody>(StringComparer.Ordinal);
        foreach (var b in bodies)
        {
            if (!_bodyById.TryAdd(b.Id, b))
                throw new ArgumentException($"duplicate certification body id '{b.Id}'", nameof(bodies));
            if (b.Number is { Length: > 0 } number)
                _bodyByNumber.TryAdd(BodyNumberKey(number), b);
            foreach (var name in b.Aliases.Append(b.NameZh).Append(b.NameEn))
            {
                if (EnterpriseName.Normalise(name) is { Length: > 0 } key)
                    _bodyByName.TryAdd(key, b);
            }
        }

        _listings = listings.GroupBy(l => CreditCodeKey(l.CreditCode), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(l => l.ListedOn).ToArray(), StringComparer.Ordinal);
        _misleading = new MisleadingIssuerIndex(misleading);
        Bodies = [.. _bodyById.Values];
        MisleadingIssuers = _misleading.All;
    }

    public static CertificateRegistry Build(
        IEnumerable<CertificationBody> bodies,
        IEnumerable<Certificate> certificates,
        IEnumerable<MisleadingIssuer>? misleadingIssuers = null,
        IEnumerable<CreditListing>? creditListings = null) =>
        new([.. certificates], bodies, misleadingIssuers ?? [], creditListings ?? []);

    public int CertificateCount => _certificates.Length;

    public IReadOnlyList<Certificate> Certificates => _certificates;

    public IReadOnlyList<CertificationBody> Bodies { get; }

    public IReadOnlyList<MisleadingIssuer> MisleadingIssuers { get; }

    /// <summary>Certificates whose number has this key (<see cref="CertificateNumber.Key"/>), in input order.</summary>
    public IReadOnlyList<Certificate> FindByKey(string key)
    {
        if (!_firstByKey.TryGetValue(key, out var i))
            return [];
        if (_next[i] < 0)
            return [_certificates[i]];
        var list = new List<Certificate>();
        for (; i >= 0; i = _next[i])
            list.Add(_certificates[i]);
        return list;
    }

    public IReadOnlyList<Certificate> FindByNumber(CertificateScheme scheme, string number) =>
        FindByKey(CertificateNumber.Key(scheme, number));

    public IReadOnlyList<Certificate> ByHolderCreditCode(string? creditCode) =>
        creditCode is not null && _byHolder.TryGetValue(CreditCodeKey(creditCode), out var arr) ? arr : [];

    public CertificationBody? BodyById(string? id) => id is not null && _bodyById.TryGetValue(id, out var b) ? b : null;

    /// <summary>By CNCA approval number or notified-body number ("CE 1282" and "1282" both work).</summary>
    public CertificationBody? BodyByNumber(string? number) =>
        number is not null && _bodyByNumber.TryGetValue(BodyNumberKey(number), out var b) ? b : null;

    /// <summary>By name, short name or alias, compared in <see cref="EnterpriseName"/> form; a number is looked up as a number.</summary>
    public CertificationBody? FindBody(string? nameOrNumber)
    {
        if (string.IsNullOrWhiteSpace(nameOrNumber))
            return null;
        return BodyByNumber(nameOrNumber)
            ?? (_bodyByName.TryGetValue(EnterpriseName.Normalise(nameOrNumber), out var b) ? b : null);
    }

    public IReadOnlyList<CreditListing> CreditListingsOf(string? creditCode) =>
        creditCode is not null && _listings.TryGetValue(CreditCodeKey(creditCode), out var l) ? l : [];

    /// <summary>The misleading issuer named in <paramref name="text"/> or owning <paramref name="notifiedBodyNumber"/>.</summary>
    public MisleadingIssuer? FindMisleadingIssuer(string? text, string? notifiedBodyNumber = null) =>
        _misleading.Find(text, notifiedBodyNumber);

    private static string? HolderKey(Certificate c) => c.HolderCreditCode is { Length: > 0 } code ? CreditCodeKey(code) : null;

    private static string CreditCodeKey(string code) => code.Trim().ToUpperInvariant();

    private static string BodyNumberKey(string number)
    {
        var compact = TextFolding.Compact(number);
        return compact.StartsWith("CE", StringComparison.Ordinal) && compact.Length == 6 ? compact[2..] : compact;
    }
}
