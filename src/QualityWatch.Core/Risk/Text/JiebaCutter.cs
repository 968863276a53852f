using System.Reflection;
using JiebaNet.Segmenter;

namespace QualityWatch.Core.Risk.Text;

/// <summary>
/// jieba's accurate mode with HMM (JiebaSegmenter.Cut(text)) re-implemented over spans: the same blocks, the same
/// dictionary DAG and maximum-probability route, the same runs of single characters handed to jieba's HMM (<see cref="JiebaHmm"/>),
/// so it returns exactly jieba's words. jieba.NET allocates a substring for every dictionary probe and a
/// dictionary and list per character; those were most of a complaint's analysis time. Built from jieba's loaded
/// dictionary (its words and their prefixes) after the domain terms were added; immutable, thread-safe.
/// </summary>
internal sealed class JiebaCutter
{
    // Word or prefix of a word → log(frequency) − log(total) for words, NaN for prefixes only (frequency 0).
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _words;
    // The same entries as a trie: node 0 is the empty string, a node's child by the next character is one probe of
    // (node << 16 | character), so growing a fragment by a character no longer hashes the whole fragment again (the
    // dictionary probes were the largest single cost of an import). _logP is the entry's value, or +∞ for a node
    // that is only on the way to an entry (jieba keeps every prefix, so normally none).
    private readonly Dictionary<long, int> _children;
    private readonly double[] _logP;
    // The root's children by character (0: none): every position of a text starts there.
    private readonly int[] _first = new int[char.MaxValue + 1];
    private readonly double _unknownWord;
    private readonly JiebaHmm _hmm = JiebaHmm.FromLoadedModel();

    private JiebaCutter(Dictionary<string, double> words, double logTotal)
    {
        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        (_children, _logP) = Trie(words);
        foreach (var (key, child) in _children)
        {
            if (key >> 16 == 0)
                _first[(char)key] = child;
        }
        // jieba scores a character it does not know (or knows only as a prefix) with frequency 1.
        _unknownWord = Math.Log(1) - logTotal;
    }

    /// <summary>Snapshot of jieba's dictionary; call once every word was added.</summary>
    public static JiebaCutter FromLoadedDictionary()
    {
        // jieba.NET keeps words and their prefixes in an internal dictionary (prefix-only entries have frequency 0);
        // the public API can test a word but not a prefix, which the DAG needs.
        var field = typeof(WordDictionary).GetField("Trie", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("jieba.NET's WordDictionary has no Trie field (jieba.NET version changed?)");
        var trie = (IDictionary<string, int>)(field.GetValue(WordDictionary.Instance)
            ?? throw new InvalidOperationException("jieba.NET's dictionary is not loaded"));
        var logTotal = Math.Log(WordDictionary.Instance.Total);
        var words = new Dictionary<string, double>(trie.Count, StringComparer.Ordinal);
        foreach (var (word, freq) in trie)
            words[word] = freq > 0 ? Math.Log(freq) - logTotal : double.NaN;
        return new JiebaCutter(words, logTotal);
    }

    private static (Dictionary<long, int> Children, double[] LogP) Trie(Dictionary<string, double> words)
    {
        var children = new Dictionary<long, int>(words.Count + 1);
        var logP = new List<double>(words.Count + 1) { double.PositiveInfinity };
        foreach (var (word, value) in words)
        {
            var node = 0;
            for (var i = 0; i < word.Length; i++)
            {
                var key = ((long)node << 16) | word[i];
                if (!children.TryGetValue(key, out var child))
                {
                    child = logP.Count;
                    children.Add(key, child);
                    logP.Add(double.PositiveInfinity);
                }
                node = child;
            }
            logP[node] = value;
        }
        return (children, logP.ToArray());
    }

    /// <summary>
    /// Appends jieba's words of <paramref name="s"/> in order as (start, length): the caller cuts the strings it
    /// keeps, so punctuation and spaces cost none.
    /// </summary>
    public void Cut(string s, List<(int Start, int Length)> words)
    {
        var i = 0;
        while (i < s.Length)
        {
            if (IsBlockChar(s[i]))
            {
                var end = i + 1;
                while (end < s.Length && IsBlockChar(s[end]))
                    end++;
                CutBlock(s, i, end - i, words);
                i = end;
            }
            else
            {
                // Outside blocks jieba yields every character alone, except \r\n, which its skip pattern keeps together.
                var length = s[i] == '\r' && i + 1 < s.Length && s[i + 1] == '\n' ? 2 : 1;
                words.Add((i, length));
                i += length;
            }
        }
    }

    // jieba's block pattern for accurate mode: [\u4E00-\u9FD5a-zA-Z0-9+#&\._%·\-].
    private static bool IsBlockChar(char c) =>
        c is >= '\u4E00' and <= '\u9FD5' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '+' or '#' or '&' or '.' or '_' or '%' or '·' or '-';

    /// <summary>jieba's CutDag: the most probable path through the dictionary DAG, unknown runs through the HMM.</summary>
    private void CutBlock(string s, int from, int n, List<(int Start, int Length)> words)
    {
        var block = s.AsSpan(from, n);
        // route[k] = best log probability of block[k..] and the end (inclusive) of its first word.
        var scores = n <= 256 ? stackalloc double[n + 1] : new double[n + 1];
        var ends = n <= 256 ? stackalloc int[n + 1] : new int[n + 1];
        scores[n] = 0.0;
        for (var k = n - 1; k >= 0; k--)
        {
            var best = double.MinValue;
            var bestEnd = -1;
            var any = false;
            // Words starting at k, shortest first, while the fragment is still a word or a prefix of one.
            var node = _first[block[k]];
            for (var e = k; e < n && node != 0; e++)
            {
                if (e > k && !_children.TryGetValue(((long)node << 16) | block[e], out node))
                    break;
                var logP = _logP[node];
                if (double.IsPositiveInfinity(logP))
                    break;
                if (double.IsNaN(logP))
                    continue;
                any = true;
                var score = logP + scores[e + 1];
                if (best < score)
                {
                    best = score;
                    bestEnd = e;
                }
            }
            if (!any)
            {
                // No word starts here, so the character is not one either.
                best = _unknownWord + scores[k + 1];
                bestEnd = k;
            }
            scores[k] = best;
            ends[k] = bestEnd;
        }

        // Consecutive single characters are buffered; a buffer that is not itself a word goes to the HMM.
        var x = 0;
        var buffered = -1;
        while (x < n)
        {
            var y = ends[x] + 1;
            if (y - x == 1)
            {
                if (buffered < 0)
                    buffered = x;
            }
            else
            {
                if (buffered >= 0)
                {
                    Flush(s, from + buffered, x - buffered, words);
                    buffered = -1;
                }
                words.Add((from + x, y - x));
            }
            x = y;
        }
        if (buffered >= 0)
            Flush(s, from + buffered, n - buffered, words);
    }

    internal List<string> HmmCut(string text)
    {
        var words = new List<(int Start, int Length)>();
        _hmm.Cut(text, 0, text.Length, words);
        return words.ConvertAll(w => text.Substring(w.Start, w.Length));
    }

    private void Flush(string s, int start, int length, List<(int Start, int Length)> words)
    {
        if (length > 1 && !(_words.TryGetValue(s.AsSpan(start, length), out var logP) && !double.IsNaN(logP)))
        {
            _hmm.Cut(s, start, length, words);
            return;
        }
        for (var k = 0; k < length; k++)
            words.Add((start + k, 1));
    }
}
