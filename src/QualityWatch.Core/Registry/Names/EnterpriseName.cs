using System.Collections.Frozen;
using System.Text;

namespace QualityWatch.Core.Registry.Names;

/// <summary>
/// The form of an enterprise name used for matching: full-width folded to half-width, traditional
/// characters folded to simplified, spaces and punctuation dropped, Latin upper-cased, and the
/// legal-form suffix (有限公司, 股份有限公司, Co., Ltd. …) removed, because complaints and news
/// rarely quote the registered form exactly.
/// </summary>
public static class EnterpriseName
{
    // Longest first so 股份有限公司 wins over 有限公司.
    private static readonly string[] LegalSuffixes =
    [
        "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司", "总公司", "分公司", "公司",
        "个体工商户", "合作社", "经营部", "商行", "厂",
        "COLTD", "CORPORATION", "COMPANY", "LIMITED", "CORP", "INC", "LTD", "LLC", "CO",
    ];

    public static string Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return string.Empty;
        var sb = new StringBuilder(name.Length);
        foreach (var raw in name)
        {
            var c = raw switch
            {
                '\u3000' => ' ',
                >= '\uFF01' and <= '\uFF5E' => (char)(raw - 0xFEE0),
                _ => raw,
            };
            if (TraditionalChinese.Map.TryGetValue(c, out var simplified))
                c = simplified;
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
                continue;
            sb.Append(char.ToUpperInvariant(c));
        }
        var s = sb.ToString();
        // Strip repeatedly: "XX科技股份有限公司分公司" style names carry more than one form word.
        bool stripped;
        do
        {
            stripped = false;
            foreach (var suffix in LegalSuffixes)
            {
                if (s.Length > suffix.Length && s.EndsWith(suffix, StringComparison.Ordinal))
                {
                    s = s[..^suffix.Length];
                    stripped = true;
                    break;
                }
            }
        }
        while (stripped);
        return s;
    }
}

/// <summary>
/// Traditional → simplified, one character to one character, from OpenCC's TSCharacters table (embedded
/// TSCharacters.txt, Apache-2.0). Phrase-level conversion is not needed for matching names.
/// </summary>
internal static class TraditionalChinese
{
    public static readonly FrozenDictionary<char, char> Map = Load();

    private static FrozenDictionary<char, char> Load()
    {
        using var stream = typeof(TraditionalChinese).Assembly.GetManifestResourceStream("QualityWatch.Names.TSCharacters.txt")
            ?? throw new InvalidOperationException("Embedded TSCharacters.txt is missing");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<char, char>(3000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 2 && line[0] != '#')
                map.TryAdd(line[0], line[1]);
        }
        return map.ToFrozenDictionary();
    }
}
