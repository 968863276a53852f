using System.Text;

namespace QualityWatch.Core.Certification.Numbers;

/// <summary>
/// Pasted numbers come from PDFs, WeChat screenshots and Word files: full-width digits and brackets, odd dashes and
/// lower case are common and never meaningful, so they are folded before any pattern is applied.
/// </summary>
internal static class TextFolding
{
    public static string Fold(string input) => string.Create(input.Length, input, static (dst, src) =>
    {
        for (var i = 0; i < src.Length; i++)
            dst[i] = FoldChar(src[i]);
    });

    /// <summary>Folded and without any whitespace: the form used to match a number given on its own.</summary>
    public static string Compact(string input)
    {
        Span<char> buffer = input.Length <= 256 ? stackalloc char[input.Length] : new char[input.Length];
        var n = 0;
        foreach (var raw in input)
        {
            var c = FoldChar(raw);
            if (c != ' ')
                buffer[n++] = c;
        }
        return n == input.Length && input.AsSpan().SequenceEqual(buffer) ? input : new string(buffer[..n]);
    }

    private static char FoldChar(char raw)
    {
        var c = raw switch
        {
            < '\u007F' => raw,
            '\u3000' or '\u00A0' => ' ',
            >= '\uFF01' and <= '\uFF5E' => (char)(raw - 0xFEE0),
            '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\u30FC' => '-',
            '\u3010' => '[',
            '\u3011' => ']',
            _ => raw,
        };
        return c switch
        {
            >= 'a' and <= 'z' => (char)(c - 32),
            '\t' or '\r' or '\n' => ' ',
            _ => c,
        };
    }

    public static string DigitsOnly(ReadOnlySpan<char> s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
                sb.Append(c);
        }
        return sb.ToString();
    }
}
