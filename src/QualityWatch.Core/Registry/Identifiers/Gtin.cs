namespace QualityWatch.Core.Registry.Identifiers;

/// <summary>GS1 mod-10 check digit for GTIN-8/12/13/14 (and GLN, SSCC).</summary>
public static class Gtin
{
    public static bool IsValid(string? gtin)
    {
        if (gtin is null || gtin.Length is not (8 or 12 or 13 or 14) || !gtin.All(char.IsAsciiDigit))
            return false;
        return CheckDigit(gtin.AsSpan(0, gtin.Length - 1)) == gtin[^1] - '0';
    }

    /// <summary>Weights 3,1,3,… from the rightmost data digit.</summary>
    public static int CheckDigit(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var d = body[body.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? 3 * d : d;
        }
        return (10 - sum % 10) % 10;
    }

    public static string Complete(string body) => body + (char)('0' + CheckDigit(body));
}
