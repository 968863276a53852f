using System.Diagnostics;
using System.Globalization;
using QualityWatch.Core.Risk.Text;

// Throughput of the risk-text pipeline on complaint-length texts (80–150 characters), built from the
// evaluation set. Usage: dotnet run -c Release --project bench/risk-text [-- --seconds 10 --threads 2]
var seconds = Option("--seconds", 10);
var threads = Option("--threads", Environment.ProcessorCount);
var csv = Path.Combine(RepositoryRoot(), "tests/QualityWatch.Core.Tests/Risk/Text/Data/evaluation.csv");
IReadOnlyList<string> texts;
using (var stream = File.OpenRead(csv))
    texts = Complaints(LabelledText.ReadCsv(stream).Select(r => r.Text).ToList());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{texts.Count} texts, mean {texts.Average(t => t.Length):F0} characters; {threads} threads, {seconds} s per stage"));

var sw = Stopwatch.StartNew();
var full = new TextAnalyzer();
Console.WriteLine($"start-up (dictionaries, jieba, model fit): {sw.ElapsedMilliseconds} ms");
var noJieba = new TextAnalyzer(full.Classifier, segment: false);

Run("normalise", t => ChineseText.Normalise(t));
Run("classify (rules + model)", t => full.Classify(t));
Run("identifiers + enterprises", t =>
{
    var n = ChineseText.Normalise(t);
    IdentifierExtractor.Extract(n);
    EnterpriseMentionExtractor.Extract(n);
});
Run("jieba segment", t => ChineseSegmenter.Shared.Segment(ChineseText.Normalise(t)));
Run("Analyze without jieba", t => noJieba.Analyze(null, t));
Run("Analyze (full pipeline)", t => full.Analyze(null, t));

void Run(string name, Action<string> action)
{
    foreach (var t in texts.Take(200))
        action(t);
    var single = Measure(1, Math.Max(1, seconds / 2), action);
    var parallel = Measure(threads, seconds, action);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-28} 1 thread: {1e6 / single,7:F1} µs/record ({single,9:N0}/s)   {threads} threads: {parallel,9:N0}/s"));
}

double Measure(int workers, int duration, Action<string> action)
{
    long done = 0;
    var stop = Stopwatch.StartNew();
    var tasks = Enumerable.Range(0, workers).Select(w => Task.Factory.StartNew(() =>
    {
        var i = w * 7919;
        long local = 0;
        while (stop.Elapsed.TotalSeconds < duration)
        {
            for (var k = 0; k < 100; k++)
                action(texts[i++ % texts.Count]);
            local += 100;
        }
        Interlocked.Add(ref done, local);
    }, TaskCreationOptions.LongRunning)).ToArray();
    Task.WaitAll(tasks);
    return done / stop.Elapsed.TotalSeconds;
}

// Evaluation texts are 40–120 characters; pairs are joined until a text is 80–150 long, like a 12315 complaint.
static List<string> Complaints(List<string> source)
{
    var result = new List<string>();
    for (var i = 0; i < source.Count; i++)
    {
        var text = source[i];
        var j = i + 1;
        while (text.Length < 80)
            text += "。" + source[j++ % source.Count];
        result.Add(text.Length > 150 ? text[..150] : text);
    }
    return result;
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string RepositoryRoot()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QualityWatch.slnx")))
                return dir.FullName;
        }
    }
    throw new InvalidOperationException("Run from inside the repository");
}
