using System.Diagnostics;

namespace QualityWatch.Cli.Tests;

public sealed record QwResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the real `qw` binary (built beside the tests) in a working directory, as a user would.</summary>
public static class QwProcess
{
    public static async Task<QwResult> RunAsync(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "qw.dll"));
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new QwResult(process.ExitCode, await stdout, await stderr);
    }

    public static string NewWorkingDirectory() => Directory.CreateTempSubdirectory("qw-cli-").FullName;
}
