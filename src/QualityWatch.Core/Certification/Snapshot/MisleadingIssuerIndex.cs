using QualityWatch.Core.Certification.Numbers;

namespace QualityWatch.Core.Certification.Snapshot;

/// <summary>
/// Matches claimed issuer text against misleading-issuer names. Latin short names must stand as words ("ITC" must
/// not fire inside "WITCH"); Chinese names match as substrings because Chinese has no word boundaries.
/// </summary>
internal sealed class MisleadingIssuerIndex
{
    private readonly (string Alias, bool Latin, MisleadingIssuer Issuer)[] _aliases;
    private readonly Dictionary<string, MisleadingIssuer> _byNumber = new(StringComparer.Ordinal);

    public MisleadingIssuerIndex(IEnumerable<MisleadingIssuer> issuers)
    {
        All = [.. issuers];
        var aliases = new List<(string, bool, MisleadingIssuer)>();
        foreach (var m in All)
        {
            foreach (var a in m.Aliases.Prepend(m.Name))
            {
                var folded = TextFolding.Fold(a).Trim();
                if (folded.Length > 0)
                    aliases.Add((folded, !folded.Any(ChinaProvinces.IsCjk), m));
            }
            if (m.NotifiedBodyNumber is { } nb)
                _byNumber.TryAdd(nb, m);
        }
        // Longest first, so "Shenzhen ITC" is reported rather than a shorter alias of another entry.
        _aliases = [.. aliases.OrderByDescending(a => a.Item1.Length)];
    }

    public IReadOnlyList<MisleadingIssuer> All { get; }

    public MisleadingIssuer? Find(string? text, string? notifiedBodyNumber)
    {
        if (notifiedBodyNumber is not null && _byNumber.TryGetValue(notifiedBodyNumber, out var byNumber))
            return byNumber;
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var folded = TextFolding.Fold(text);
        foreach (var (alias, latin, issuer) in _aliases)
        {
            if (latin ? ContainsWord(folded, alias) : folded.Contains(alias, StringComparison.Ordinal))
                return issuer;
        }
        return null;
    }

    private static bool ContainsWord(string text, string word)
    {
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + 1, StringComparison.Ordinal))
        {
            var before = i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1]);
            var end = i + word.Length;
            var after = end == text.Length || !char.IsAsciiLetterOrDigit(text[end]);
            if (before && after)
                return true;
        }
        return false;
    }
}
