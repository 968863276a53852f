using System.Buffers.Text;
using System.Globalization;
using System.Text;
using QualityWatch.Signals;

namespace QualityWatch.Cli.Signals;

/// <summary>The rows of one series as read (any date order).</summary>
internal sealed class SeriesRows
{
    public string Name { get; set; } = "";

    public List<DateOnly> Dates { get; } = new();

    public List<double> Observed { get; } = new();

    public List<double> Population { get; } = new();

    public List<long> Lines { get; } = new();

    public void Clear()
    {
        Dates.Clear();
        Observed.Clear();
        Population.Clear();
        Lines.Clear();
    }
}

/// <summary>Thrown by <see cref="SeriesCsvReader"/> when a series reappears after another series started.</summary>
internal sealed class InputNotGroupedException : Exception
{
    public InputNotGroupedException()
    {
    }

    public InputNotGroupedException(string message)
        : base(message)
    {
    }

    public InputNotGroupedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Streaming reader of <c>series,date,observed[,population]</c> CSV (header names in any column order, UTF-8,
/// RFC 4180 quoting). Returns one series at a time when rows of a series are contiguous; keeps only 64-bit hashes of
/// finished series to detect input that is not grouped.
/// </summary>
internal sealed class SeriesCsvReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _checkGrouping;
    private readonly HashSet<ulong> _done = new();
    private byte[] _buf = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _eof;
    private long _line;
    private int _colSeries = -1, _colDate = -1, _colObs = -1, _colPop = -1, _nCols;
    private readonly List<string> _fields = new();
    private byte[] _current = [];
    private int _currentLen;
    private bool _pending; // a parsed row of the next series is held in _next*
    private DateOnly _nextDate;
    private double _nextObs, _nextPop;
    private long _nextLine;
    private string? _nextName;

    public SeriesCsvReader(string path, bool checkGrouping)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        _checkGrouping = checkGrouping;
        ReadHeader();
    }

    public bool HasPopulation => _colPop >= 0;

    public string Header { get; private set; } = "";

    public void Dispose() => _stream.Dispose();

    private void ReadHeader()
    {
        if (!NextLine(out var line))
        {
            throw new SignalInputException("input is empty (expected header series,date,observed[,population])");
        }

        Header = Encoding.UTF8.GetString(line).TrimStart('\uFEFF').TrimEnd('\r');
        var names = SplitSlow(Header);
        _nCols = names.Count;
        for (var i = 0; i < names.Count; i++)
        {
            switch (names[i].Trim().ToLowerInvariant())
            {
                case "series": _colSeries = i; break;
                case "date": _colDate = i; break;
                case "observed": _colObs = i; break;
                case "population": _colPop = i; break;
                default: break;
            }
        }

        if (_colSeries < 0 || _colDate < 0 || _colObs < 0)
        {
            throw new SignalInputException($"input header must contain series,date,observed (optional population); got '{Header}'");
        }
    }

    /// <summary>Reads the next group of contiguous rows with the same series.</summary>
    public bool TryReadSeries(SeriesRows rows)
    {
        rows.Clear();
        if (_pending)
        {
            rows.Name = _nextName!;
            Add(rows, _nextDate, _nextObs, _nextPop, _nextLine);
            _pending = false;
            ReadGroup(rows, first: false);
        }
        else
        {
            ReadGroup(rows, first: true);
        }

        if (rows.Dates.Count == 0)
        {
            return false;
        }

        if (_checkGrouping && !_done.Add(Hash(rows.Name)))
        {
            throw new InputNotGroupedException($"series '{rows.Name}' appears again at line {rows.Lines[0]}");
        }

        return true;
    }

    /// <summary>64-bit FNV-1a of the UTF-16 name (collisions among a million names are improbable: about 3e-8).</summary>
    internal static ulong Hash(string name)
    {
        var h = 14695981039346656037UL;
        foreach (var c in name)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }

    private static void Add(SeriesRows rows, DateOnly d, double y, double p, long line)
    {
        rows.Dates.Add(d);
        rows.Observed.Add(y);
        rows.Population.Add(p);
        rows.Lines.Add(line);
    }

    /// <summary>Parses the rows of one group into <paramref name="rows"/>; the first row of the next group is kept pending.</summary>
    private void ReadGroup(SeriesRows rows, bool first)
    {
        while (true)
        {
            if (!NextLine(out var line))
            {
                return;
            }

            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                continue;
            }

            ReadOnlySpan<byte> series, date, obs, pop = default;
            string? slowName = null;
            if (line.Contains((byte)'"'))
            {
                var f = SplitSlow(Encoding.UTF8.GetString(line));
                if (f.Count < _nCols)
                {
                    throw Bad(f.Count > _colSeries ? f[_colSeries] : "?", null, $"line {_line}: expected {_nCols} fields, got {f.Count}");
                }

                slowName = f[_colSeries];
                series = Encoding.UTF8.GetBytes(slowName);
                date = Encoding.UTF8.GetBytes(f[_colDate]);
                obs = Encoding.UTF8.GetBytes(f[_colObs]);
                if (_colPop >= 0)
                {
                    pop = Encoding.UTF8.GetBytes(f[_colPop]);
                }
            }
            else
            {
                Span<Range> parts = stackalloc Range[Math.Max(_nCols + 1, 8)];
                var n = SplitBytes(line, parts);
                if (n != _nCols)
                {
                    throw Bad(Encoding.UTF8.GetString(line[parts[Math.Min(_colSeries, Math.Min(n, parts.Length) - 1)]]), null, $"line {_line}: expected {_nCols} fields, got {n}");
                }

                series = line[parts[_colSeries]];
                date = line[parts[_colDate]];
                obs = line[parts[_colObs]];
                if (_colPop >= 0)
                {
                    pop = line[parts[_colPop]];
                }
            }

            var same = !first && series.SequenceEqual(_current.AsSpan(0, _currentLen));
            var name = same ? rows.Name : slowName ?? Encoding.UTF8.GetString(series);
            if (!TryDate(date, out var d))
            {
                throw Bad(name, null, $"line {_line}: invalid date '{Encoding.UTF8.GetString(date)}' (expected yyyy-MM-dd)");
            }

            var y = ParseNumber(obs);
            var p = _colPop >= 0 ? ParseNumber(pop) : double.NaN;
            if (double.IsNaN(y) && !IsNa(obs))
            {
                throw Bad(name, d, $"line {_line}: observed '{Encoding.UTF8.GetString(obs)}' is not a number");
            }

            if (first || same)
            {
                if (first)
                {
                    rows.Name = name;
                    SetCurrent(series);
                }

                Add(rows, d, y, p, _line);
                if (first)
                {
                    first = false;
                }

                continue;
            }

            _pending = true;
            _nextName = name;
            _nextDate = d;
            _nextObs = y;
            _nextPop = p;
            _nextLine = _line;
            SetCurrent(series);
            return;
        }
    }

    private static int SplitBytes(ReadOnlySpan<byte> line, Span<Range> parts)
    {
        var count = 0;
        var start = 0;
        while (count < parts.Length)
        {
            var i = line[start..].IndexOf((byte)',');
            if (i < 0)
            {
                parts[count++] = new Range(start, line.Length);
                return count;
            }

            parts[count++] = new Range(start, start + i);
            start += i + 1;
        }

        return count + 1; // more fields than expected
    }

    private void SetCurrent(ReadOnlySpan<byte> series)
    {
        if (_current.Length < series.Length)
        {
            _current = new byte[Math.Max(64, series.Length * 2)];
        }

        series.CopyTo(_current);
        _currentLen = series.Length;
    }

    private static SignalInputException Bad(string series, DateOnly? date, string problem) => new(series, date, problem);

    private static bool IsNa(ReadOnlySpan<byte> s) => s.IsEmpty || s.SequenceEqual("NA"u8) || s.SequenceEqual("NaN"u8);

    private static double ParseNumber(ReadOnlySpan<byte> s)
    {
        if (IsNa(s))
        {
            return double.NaN;
        }

        return Utf8Parser.TryParse(s, out double v, out var used) && used == s.Length ? v : double.NaN;
    }

    private static bool TryDate(ReadOnlySpan<byte> s, out DateOnly d)
    {
        d = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-')
        {
            return false;
        }

        static int Digits(ReadOnlySpan<byte> x)
        {
            var v = 0;
            foreach (var c in x)
            {
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                v = (v * 10) + (c - '0');
            }

            return v;
        }

        int y = Digits(s[..4]), m = Digits(s.Slice(5, 2)), day = Digits(s.Slice(8, 2));
        if (y < 1 || m < 1 || m > 12 || day < 1 || day > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        d = new DateOnly(y, m, day);
        return true;
    }

    /// <summary>Next line without the terminator; the span is valid until the next call.</summary>
    private bool NextLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var idx = _buf.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (idx >= 0)
            {
                line = _buf.AsSpan(_start, idx);
                _start += idx + 1;
                _line++;
                return true;
            }

            if (_eof)
            {
                if (_end > _start)
                {
                    line = _buf.AsSpan(_start, _end - _start);
                    _start = _end;
                    _line++;
                    return true;
                }

                line = default;
                return false;
            }

            // compact and refill
            var rest = _end - _start;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buf, _start, _buf, 0, rest);
            }

            _start = 0;
            _end = rest;
            if (_end == _buf.Length)
            {
                Array.Resize(ref _buf, _buf.Length * 2);
            }

            var read = _stream.Read(_buf, _end, _buf.Length - _end);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
        }
    }

    /// <summary>RFC 4180 field splitting (slow path for quoted lines and the header).</summary>
    internal static List<string> SplitSlow(string line)
    {
        var result = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        sb.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                result.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        result.Add(sb.ToString());
        return result;
    }

    internal static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
