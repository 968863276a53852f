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
    // jieba's words and their prefixes as a trie: node 0 is the empty string; a node's child by the next character is
    // _first[character] under the root and one probe of (node << 16 | character) below it, so growing a fragment by a
    // character never hashes the whole fragment again (the dictionary probes were the largest single cost of an
    // import). _logP is log(frequency) − log(total) for a word, NaN for a prefix only (frequency 0), and +∞ for a node
    // that is only on the way to an entry (jieba keeps every prefix, so normally none).
    private readonly int[] _first = new int[char.MaxValue + 1];
    private readonly Dictionary<long, int> _children;
    private readonly double[] _logP;
    private readonly double _unknownWord;
    private readonly JiebaHmm _hmm = JiebaHmm.FromLoadedModel();

    private JiebaCutter(IDictionary<string, int> frequencies, double logTotal)
    {
        _children = new Dictionary<long, int>(frequencies.Count);
        var logP = new List<double>(frequencies.Count + 1) { double.PositiveInfinity };
        foreach (var (word, freq) in frequencies)
        {
            var node = 0;
            foreach (var c in word)
            {
                var child = node == 0 ? _first[c] : _children.GetValueOrDefault(((long)node << 16) | c);
                if (child == 0)
                {
                    child = logP.Count;
                    logP.Add(double.PositiveInfinity);
                    if (node == 0)
                        _first[c] = child;
                    else
                        _children.Add(((long)node << 16) | c, child);
                }
                node = child;
            }
            logP[node] = freq > 0 ? Math.Log(freq) - logTotal : double.NaN;
        }
        _logP = [.. logP];
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
        return new JiebaCutter(trie, Math.Log(WordDictionary.Instance.Total));
    }

    /// <summary>Whether <paramref name="fragment"/> is one of jieba's words (not only a prefix of one).</summary>
    private bool IsWord(ReadOnlySpan<char> fragment)
    {
        var node = _first[fragment[0]];
        for (var i = 1; i < fragment.Length && node != 0; i++)
            node = _children.GetValueOrDefault(((long)node << 16) | fragment[i]);
        return node != 0 && double.IsFinite(_logP[node]);
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
        if (length > 1 && !IsWord(s.AsSpan(start, length)))
        {
            _hmm.Cut(s, start, length, words);
            return;
        }
        for (var k = 0; k < length; k++)
            words.Add((start + k, 1));
    }
}
