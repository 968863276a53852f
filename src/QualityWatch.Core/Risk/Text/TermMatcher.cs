using System.Collections.Frozen;

namespace QualityWatch.Core.Risk.Text;

/// <summary>A dictionary term found in normalised text (offsets in the normalised text).</summary>
public readonly record struct TermHit(int TermId, int Start, int Length);

/// <summary>
/// Leftmost-longest dictionary matching over normalised text with a character trie. It is the fast
/// tokeniser of the classification path (rules and model): a few microseconds per complaint, where
/// jieba needs tens. Spaces inside a term are skipped, so "GB 2626" and "KN 95" match GB2626 and KN95.
/// </summary>
public sealed class TermMatcher
{
    // Edge key = node index << 16 | character: one hash lookup per character walked.
    private readonly FrozenDictionary<long, int> _edges;
    private readonly int[] _termAtNode;

    public TermMatcher(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Terms = terms;
        var edges = new Dictionary<long, int>();
        var termAtNode = new List<int> { -1 };
        for (var id = 0; id < terms.Count; id++)
        {
            var node = 0;
            foreach (var c in terms[id])
            {
                if (c == ' ')
                    continue;
                var key = ((long)node << 16) | c;
                if (!edges.TryGetValue(key, out var next))
                {
                    next = termAtNode.Count;
                    termAtNode.Add(-1);
                    edges[key] = next;
                }
                node = next;
            }
            if (node != 0 && termAtNode[node] < 0)
                termAtNode[node] = id;
        }
        _edges = edges.ToFrozenDictionary();
        _termAtNode = [.. termAtNode];
    }

    public IReadOnlyList<string> Terms { get; }

    /// <summary>Appends the leftmost-longest, non-overlapping hits in <paramref name="text"/> to <paramref name="hits"/>.</summary>
    public void Match(string text, List<TermHit> hits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(hits);
        var i = 0;
        while (i < text.Length)
        {
            int bestTerm = -1, bestEnd = 0, node = 0;
            // Latin and digit terms only match whole runs: N95 is not a term inside 2N955.
            var latinStart = IsAsciiWord(text[i]) && i > 0 && IsAsciiWord(text[i - 1]);
            for (var j = i; j < text.Length; j++)
            {
                var c = text[j];
                if (c == ' ' && j > i)
                    continue;
                if (!_edges.TryGetValue(((long)node << 16) | c, out node))
                    break;
                if (_termAtNode[node] >= 0 && !latinStart
                    && !(IsAsciiWord(c) && j + 1 < text.Length && IsAsciiWord(text[j + 1])))
                {
                    bestTerm = _termAtNode[node];
                    bestEnd = j + 1;
                }
            }
            if (bestTerm >= 0)
            {
                hits.Add(new TermHit(bestTerm, i, bestEnd - i));
                i = bestEnd;
            }
            else
            {
                i++;
            }
        }
    }

    private static bool IsAsciiWord(char c) => char.IsAsciiLetterOrDigit(c);
}
