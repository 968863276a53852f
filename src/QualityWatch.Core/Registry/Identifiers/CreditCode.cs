namespace QualityWatch.Core.Registry.Identifiers;

public enum CreditCodeStatus
{
    /// <summary>Format, check character and embedded organisation code all pass.</summary>
    Valid = 0,
    /// <summary>Well-formed but a check fails: real early pilot codes (Fujian 2015) do, so it is kept and flagged, never called forged.</summary>
    NeedsVerification = 1,
    /// <summary>Not an 18-character code from the GB 32100 code set: rejected.</summary>
    Invalid = 2,
}

public sealed record CreditCodeCheck(string Normalised, CreditCodeStatus Status, string? Problem);

/// <summary>Unified social credit code (统一社会信用代码), GB 32100-2015, with the GB 11714 check of positions 9–17.</summary>
public static class CreditCode
{
    /// <summary>Annex A: index is the character's value; I, O, Z, S, V are absent.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Table 4: 3^(i−1) mod 31.</summary>
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private static readonly int[] OrgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    public static CreditCodeCheck Check(string? input)
    {
        var code = Normalise(input);
        if (code.Length != 18)
            return new(code, CreditCodeStatus.Invalid, $"长度应为18位，实际为{code.Length}位 (length must be 18)");
        foreach (var c in code)
        {
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
                return new(code, CreditCodeStatus.Invalid, $"含非法字符 '{c}' (character not in the GB 32100 code set)");
        }
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
                return new(code, CreditCodeStatus.Invalid, "第3–8位应为行政区划代码数字 (positions 3–8 must be digits)");
        }

        var expected = ComputeCheckCharacter(code.AsSpan(0, 17));
        if (expected != code[17])
            return new(code, CreditCodeStatus.NeedsVerification, $"校验码应为 {expected} (check character should be {expected})");
        if (!OrganisationCodeValid(code.AsSpan(8, 9)))
            return new(code, CreditCodeStatus.NeedsVerification, "内嵌组织机构代码校验失败 (embedded organisation code fails GB 11714)");
        return new(code, CreditCodeStatus.Valid, null);
    }

    /// <summary>Upper-cases and drops spaces and hyphens; full-width characters are folded too.</summary>
    public static string Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
            return string.Empty;
        Span<char> buffer = stackalloc char[Math.Min(input.Length, 64)];
        var n = 0;
        foreach (var raw in input)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (c is ' ' or '-' or '\u3000' or '\t')
                continue;
            if (n == buffer.Length)
                return input.Trim().ToUpperInvariant();
            buffer[n++] = char.ToUpperInvariant(c);
        }
        return new string(buffer[..n]);
    }

    public static char ComputeCheckCharacter(ReadOnlySpan<char> body17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += Alphabet.IndexOf(body17[i]) * Weights[i];
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>GB 11714-1997 over 9 characters; its value table is the full A–Z (J = 19), not the USCC one.</summary>
    public static bool OrganisationCodeValid(ReadOnlySpan<char> code9) =>
        OrganisationCheckCharacter(code9[..8]) is { } expected && code9[8] == expected;

    /// <summary>The GB 11714 check character of an 8-character body, or null when the body has a character outside 0–9, A–Z.</summary>
    public static char? OrganisationCheckCharacter(ReadOnlySpan<char> body8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body8[i];
            int v = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => -1,
            };
            if (v < 0)
                return null;
            sum += v * OrgWeights[i];
        }
        var check = 11 - sum % 11;
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }

    /// <summary>
    /// A fully valid code from its parts: authority and category (e.g. "91"), the 6-digit registering region and an
    /// 8-character organisation body (digits and USCC letters). Used by the demo generator and tests.
    /// </summary>
    public static string Build(string authorityAndCategory, string region6, string organisationBody8)
    {
        var org = organisationBody8 + OrganisationCheckCharacter(organisationBody8);
        return Complete(authorityAndCategory + region6 + org);
    }

    /// <summary>Builds a valid code from a 17-character body (used by the demo generator and tests).</summary>
    public static string Complete(string body17) => body17 + ComputeCheckCharacter(body17);
}
