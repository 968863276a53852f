using System.Reflection;
using JiebaNet.Segmenter.FinalSeg;

namespace QualityWatch.Core.Risk.Text;

/// <summary>
/// jieba's HMM for runs of characters the dictionary does not join (FinalSeg.Viterbi.Cut) over spans and flat
/// tables: the same model, the same arithmetic in the same order and the same tie-breaking, so the same words.
/// jieba.NET's version allocates dictionaries and path nodes per character and looks every probability up in a
/// dictionary of dictionaries. Immutable, thread-safe.
/// </summary>
internal sealed class JiebaHmm
{
    // jieba's state order (B, M, E, S) decides ties, so it is kept; indices into the tables below.
    private static readonly char[] States = ['B', 'M', 'E', 'S'];
    private const int B = 0, M = 1, E = 2, S = 3;
    private const double MinProb = -3.14e100;

    private readonly double[] _start = new double[4];
    private readonly double[,] _trans = new double[4, 4]; // [from, to]
    private readonly int[][] _previous = new int[4][];
    private readonly Dictionary<char, double>[] _emit = new Dictionary<char, double>[4];

    private JiebaHmm(IDictionary<char, IDictionary<char, double>> emit, IDictionary<char, double> start,
        IDictionary<char, IDictionary<char, double>> trans, IDictionary<char, char[]> previous)
    {
        for (var s = 0; s < 4; s++)
        {
            var state = States[s];
            _start[s] = start[state];
            _emit[s] = new Dictionary<char, double>(emit[state]);
            _previous[s] = [.. previous[state].Select(p => Array.IndexOf(States, p))];
            for (var t = 0; t < 4; t++)
                _trans[s, t] = trans[state].TryGetValue(States[t], out var p) ? p : MinProb;
        }
    }

    /// <summary>The model jieba loaded (its tables are private statics, filled when Viterbi.Instance is first used).</summary>
    public static JiebaHmm FromLoadedModel()
    {
        _ = Viterbi.Instance;
        T Table<T>(string name) => (T)(typeof(Viterbi).GetField(name, BindingFlags.Static | BindingFlags.NonPublic)?.GetValue(null)
            ?? throw new InvalidOperationException($"jieba.NET's Viterbi has no loaded {name} (jieba.NET version changed?)"));
        return new JiebaHmm(
            Table<IDictionary<char, IDictionary<char, double>>>("_emitProbs"),
            Table<IDictionary<char, double>>("_startProbs"),
            Table<IDictionary<char, IDictionary<char, double>>>("_transProbs"),
            Table<IDictionary<char, char[]>>("_prevStatus"));
    }

    /// <summary>Appends the words of s[start..start+length] as (start, length), as Viterbi.Cut cuts it.</summary>
    public void Cut(string s, int start, int length, List<(int Start, int Length)> words)
    {
        var end = start + length;
        var i = start;
        while (i < end)
        {
            if (IsHan(s[i]))
            {
                var j = i + 1;
                while (j < end && IsHan(s[j]))
                    j++;
                CutHan(s.AsSpan(i, j - i), i, words);
                i = j;
                continue;
            }
            // Outside Han runs jieba splits on ([a-zA-Z0-9]+(?:\.\d+)?%?) and keeps the pieces between matches whole.
            var k = i;
            while (k < end && !IsHan(s[k]) && !char.IsAsciiLetterOrDigit(s[k]))
                k++;
            if (k > i)
            {
                words.Add((i, k - i));
                i = k;
                continue;
            }
            while (k < end && char.IsAsciiLetterOrDigit(s[k]))
                k++;
            if (k + 1 < end && s[k] == '.' && char.IsAsciiDigit(s[k + 1]))
            {
                k += 2;
                while (k < end && char.IsAsciiDigit(s[k]))
                    k++;
            }
            if (k < end && s[k] == '%')
                k++;
            words.Add((i, k - i));
            i = k;
        }
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FD5';

    private double Emit(int state, char c) => _emit[state].TryGetValue(c, out var p) ? p : MinProb;

    private void CutHan(ReadOnlySpan<char> run, int offset, List<(int Start, int Length)> words)
    {
        var n = run.Length;
        // from[i * 4 + y]: the state before state y at character i, as jieba's path nodes record it.
        var from = n <= 64 ? stackalloc byte[n * 4] : new byte[n * 4];
        Span<double> v = stackalloc double[4];
        Span<double> next = stackalloc double[4];
        for (var y = 0; y < 4; y++)
            v[y] = _start[y] + Emit(y, run[0]);
        for (var i = 1; i < n; i++)
        {
            for (var y = 0; y < 4; y++)
            {
                var emit = Emit(y, run[i]);
                var best = double.MinValue;
                var bestFrom = 0;
                foreach (var y0 in _previous[y])
                {
                    var p = v[y0] + _trans[y0, y] + emit;
                    if (best <= p)
                    {
                        best = p;
                        bestFrom = y0;
                    }
                }
                next[y] = best;
                from[i * 4 + y] = (byte)bestFrom;
            }
            next.CopyTo(v);
        }

        Span<byte> states = n <= 256 ? stackalloc byte[n] : new byte[n];
        var state = v[E] < v[S] ? S : E;
        for (var i = n - 1; i >= 0; i--)
        {
            states[i] = (byte)state;
            if (i > 0)
                state = from[i * 4 + state];
        }
        int begin = 0, after = 0;
        for (var i = 0; i < n; i++)
        {
            switch (states[i])
            {
                case B:
                    begin = i;
                    break;
                case E:
                    words.Add((offset + begin, i + 1 - begin));
                    after = i + 1;
                    break;
                case S:
                    words.Add((offset + i, 1));
                    after = i + 1;
                    break;
            }
        }
        if (after < n)
            words.Add((offset + after, n - after));
    }
}
