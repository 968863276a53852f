namespace QualityWatch.Core.Access;

/// <summary>GB/T 2260 code arithmetic: 2-digit province, 4-digit city, 6-digit county.</summary>
public static class RegionCodes
{
    /// <summary>The country as a whole (GB/T 2260 uses 100000 for 中华人民共和国).</summary>
    public const string National = "100000";

    /// <summary>
    /// The prefix every code in the region's subtree starts with: 440000 and 44 give 44, 440300 and 4403 give 4403.
    /// Null for the nation (no restriction).
    /// </summary>
    public static string? ToPrefix(string regionCode)
    {
        var code = regionCode.Trim();
        if (code is "" or National or "0" or "00" or "CN")
            return null;
        if (code.Length == 6 && code.EndsWith("0000", StringComparison.Ordinal))
            return code[..2];
        if (code.Length == 6 && code.EndsWith("00", StringComparison.Ordinal))
            return code[..4];
        return code;
    }

    /// <summary>Normalises a user-entered region to the short form stored on users: 44, 4403, 440305 or 100000.</summary>
    public static string Normalise(string regionCode) => ToPrefix(regionCode) ?? National;

    public static bool IsWellFormed(string code) =>
        code == National || (code.Length is 2 or 4 or 6 && code.All(char.IsAsciiDigit));
}
