using System.Reflection;

namespace QualityWatch.Core.Risk.Text;

/// <summary>
/// Where jieba reads its dictionary and HMM model. jieba.NET only reads files from a directory
/// (ConfigManager.ConfigFileBaseDir, default "Resources" under the app base directory) and silently
/// segments without a dictionary when the files are missing. So the three files it needs are embedded
/// in QualityWatch.Core and written once to a per-version cache directory; this works the same for the
/// CLI, the web app, tests and single-file publishing. QW_JIEBA_DIR overrides the location.
/// </summary>
internal static class JiebaResources
{
    private const string JiebaVersion = "0.42.2";
    private static readonly string[] Files = ["dict.txt", "prob_trans.json", "prob_emit.json"];

    public static string Directory()
    {
        var configured = Environment.GetEnvironmentVariable("QW_JIEBA_DIR");
        if (!string.IsNullOrEmpty(configured))
            return RequireFiles(configured);

        var beside = Path.Combine(AppContext.BaseDirectory, "Resources");
        if (Files.All(f => File.Exists(Path.Combine(beside, f))))
            return beside;

        var cache = Path.Combine(Path.GetTempPath(), $"qualitywatch-jieba-{JiebaVersion}");
        System.IO.Directory.CreateDirectory(cache);
        var assembly = typeof(JiebaResources).Assembly;
        foreach (var file in Files)
            Extract(assembly, file, Path.Combine(cache, file));
        return cache;
    }

    private static void Extract(Assembly assembly, string file, string target)
    {
        using var source = assembly.GetManifestResourceStream("QualityWatch.Jieba." + file)
            ?? throw new InvalidOperationException($"Embedded jieba resource {file} is missing");
        if (File.Exists(target) && new FileInfo(target).Length == source.Length)
            return;
        // Write then rename: parallel test processes may extract at the same moment.
        var temporary = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var output = File.Create(temporary))
            source.CopyTo(output);
        File.Move(temporary, target, overwrite: true);
    }

    private static string RequireFiles(string directory)
    {
        foreach (var file in Files)
        {
            if (!File.Exists(Path.Combine(directory, file)))
                throw new FileNotFoundException($"QW_JIEBA_DIR={directory} has no {file}");
        }
        return directory;
    }
}
