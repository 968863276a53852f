using static QualityWatch.Core.Registry.Identifiers.CreditCode;

namespace QualityWatch.Core.Risk.Linking;

/// <summary>
/// The valid codes one keying error away from a code that fails its check character: one character wrong, two
/// neighbours swapped, one dropped or one doubled. The check character pins a substitution down to one value per
/// position (the weights are invertible mod 31), so this yields tens of codes, not hundreds.
/// </summary>
public static class CreditCodeRepair
{
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>True for an 18-character code whose check character is right; such a code is read as typed.</summary>
    public static bool PassesCheck(string code)
    {
        if (code.Length != 18)
            return false;
        for (var i = 0; i < 18; i++)
        {
            var v = Alphabet.IndexOf(code[i], StringComparison.Ordinal);
            if (v < 0 || (i is >= 2 and < 8 && v > 9))
                return false;
        }
        return ComputeCheckCharacter(code.AsSpan(0, 17)) == code[17];
    }

    /// <summary>Distinct check-passing codes at one edit from a normalised code (none when it already passes).</summary>
    public static IReadOnlyList<string> Candidates(string code)
    {
        var found = new List<string>();
        if (code.Length == 18 && !PassesCheck(code))
        {
            Substitutions(code, found);
            for (var i = 0; i < 17; i++)
            {
                if (code[i] != code[i + 1])
                    Keep(string.Concat(code.AsSpan(0, i), code.AsSpan(i + 1, 1), code.AsSpan(i, 1), code.AsSpan(i + 2)), found);
            }
        }
        else if (code.Length == 17)
        {
            for (var i = 0; i <= 17; i++)
                Substitutions(code.Insert(i, "0"), found, only: i);
        }
        else if (code.Length == 19)
        {
            for (var i = 0; i < 19; i++)
                Keep(code.Remove(i, 1), found);
        }
        return found;
    }

    /// <summary>For each position, the one character that makes the check pass (the last position is the check itself).</summary>
    private static void Substitutions(string code, List<string> found, int only = -1)
    {
        Span<char> buffer = stackalloc char[18];
        code.AsSpan().CopyTo(buffer);
        var check = Alphabet.IndexOf(code[17], StringComparison.Ordinal);
        var sum = 0;
        var bad = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(code[i], StringComparison.Ordinal);
            if (v < 0)
                bad++;
            else
                sum += v * Weights[i];
        }
        for (var i = only < 0 ? 0 : only; i <= (only < 0 ? 17 : only); i++)
        {
            var own = i < 17 ? Alphabet.IndexOf(code[i], StringComparison.Ordinal) : check;
            // Only the single unreadable character may be the one replaced, and the check character must be readable to solve for it.
            if (bad > (own < 0 ? 1 : 0) || (i < 17 && check < 0))
                continue;
            if (i == 17)
            {
                buffer[17] = ComputeCheckCharacter(buffer[..17]);
            }
            else
            {
                var rest = sum - (own < 0 ? 0 : own * Weights[i]);
                // Check character c = (31 − S mod 31) mod 31, so S ≡ −c (mod 31); solve v·w ≡ −c − rest.
                var target = ((-check - rest) % 31 + 31) % 31;
                var v = target * Inverse(Weights[i]) % 31;
                buffer[i] = Alphabet[v];
            }
            Keep(new string(buffer), found);
            buffer[i] = code[i];
        }
    }

    private static int Inverse(int w)
    {
        // 31 is prime: w^29 ≡ w^−1.
        var result = 1;
        for (var k = 0; k < 29; k++)
            result = result * w % 31;
        return result;
    }

    private static void Keep(string candidate, List<string> found)
    {
        if (PassesCheck(candidate) && !found.Contains(candidate))
            found.Add(candidate);
    }
}
