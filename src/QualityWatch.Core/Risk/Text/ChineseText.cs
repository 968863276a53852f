using System.Text;
using QualityWatch.Core.Registry.Names;

namespace QualityWatch.Core.Risk.Text;

/// <summary>
/// Text folded for matching, with a way back to the original: whitespace runs are collapsed, so the
/// normalised string can be shorter, and the UI highlights terms in the text the user actually wrote.
/// </summary>
public sealed class NormalisedText
{
    // Null while no whitespace was collapsed: then every index maps to itself and nothing is allocated.
    private readonly int[]? _toOriginal;

    internal NormalisedText(string original, string text, int[]? toOriginal)
    {
        Original = original;
        Text = text;
        _toOriginal = toOriginal;
    }

    public string Original { get; }

    public string Text { get; }

    /// <summary>Index in <see cref="Original"/> of the character at <paramref name="index"/> in <see cref="Text"/>.</summary>
    public int ToOriginal(int index)
    {
        if (_toOriginal is null)
            return index;
        return index >= _toOriginal.Length ? Original.Length : _toOriginal[index];
    }

    /// <summary>The original span covering normalised <paramref name="start"/>..start+length.</summary>
    public (int Start, int Length) ToOriginalSpan(int start, int length)
    {
        var s = ToOriginal(start);
        var e = length == 0 ? s : ToOriginal(start + length - 1) + 1;
        return (s, e - s);
    }
}

/// <summary>
/// Folding for Chinese complaint and news text: full-width → half-width, traditional → simplified (OpenCC
/// character table), Latin upper-cased (kn95 → KN95), whitespace collapsed to one space. Every non-space
/// character maps to exactly one character, so offsets survive.
/// </summary>
public static class ChineseText
{
    public static NormalisedText Normalise(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return new NormalisedText(string.Empty, string.Empty, null);

        var sb = new StringBuilder(text.Length);
        int[]? map = null;
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = Fold(text[i]);
            if (char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && !pendingSpace)
                {
                    pendingSpace = true;
                    map ??= Identity(i, text.Length);
                    map[sb.Length] = i;
                    sb.Append(' ');
                }
                else
                {
                    map ??= Identity(i, text.Length);
                }
                continue;
            }
            pendingSpace = false;
            if (map is not null)
                map[sb.Length] = i;
            sb.Append(c);
        }
        if (pendingSpace)
            sb.Length--;
        if (map is not null && sb.Length == text.Length)
            map = null;
        return new NormalisedText(text, sb.ToString(), map);
    }

    /// <summary>One character's folding; never changes the length.</summary>
    public static char Fold(char raw)
    {
        var c = raw switch
        {
            '\u3000' or '\u00A0' => ' ',
            >= '\uFF01' and <= '\uFF5E' => (char)(raw - 0xFEE0),
            _ => raw,
        };
        if (c < 128)
            return c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
        return TraditionalChinese.Map.TryGetValue(c, out var simplified) ? simplified : c;
    }

    internal static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static int[] Identity(int upTo, int length)
    {
        var map = new int[length];
        for (var k = 0; k < upTo; k++)
            map[k] = k;
        return map;
    }
}
