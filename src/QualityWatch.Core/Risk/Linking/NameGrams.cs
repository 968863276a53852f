namespace QualityWatch.Core.Risk.Linking;

/// <summary>
/// Character bigrams (华盛) and skip-grams (华_医) packed into one integer, so the index holds no two-character
/// strings. A typo in a four-character core breaks two of its three bigrams; the skip-gram across it survives.
/// </summary>
internal static class NameGrams
{
    public static uint Pack(char a, char b) => ((uint)a << 16) | b;

    // A skip-gram flips the top bit of its second character; it can only collide with a bigram ending in a character
    // 0x8000 away (CJK against Latin or symbols), which at worst adds a candidate to the shortlist.
    private static uint PackSkip(char a, char b) => ((uint)a << 16) | (b ^ 0x8000u);

    /// <summary>Distinct bigrams then skip-grams; a one-character name is its own gram.</summary>
    public static List<uint> Of(string s)
    {
        var grams = new List<uint>(Math.Max(1, 2 * s.Length - 3));
        if (s.Length == 1)
            grams.Add(Pack(s[0], '\0'));
        for (var i = 0; i + 1 < s.Length; i++)
        {
            var g = Pack(s[i], s[i + 1]);
            if (!grams.Contains(g))
                grams.Add(g);
        }
        for (var i = 0; i + 2 < s.Length; i++)
        {
            var g = PackSkip(s[i], s[i + 2]);
            if (!grams.Contains(g))
                grams.Add(g);
        }
        return grams;
    }
}
