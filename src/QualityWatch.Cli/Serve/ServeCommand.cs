using System.CommandLine;
using Microsoft.Extensions.Hosting;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Cli.Serve;

public static class ServeCommand
{
    /// <summary>Runs before the app starts when --demo is given; set by the demo module.</summary>
    public static Func<ParseResult, CancellationToken, Task>? PrepareDemo { get; set; }

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { DefaultValueFactory = _ => "http://127.0.0.1:5080", Description = "Addresses to listen on" };
        var demo = new Option<bool>("--demo") { Description = "Generate demo data into an empty database first and print the demo users" };
        var serve = new Command("serve", "Host the web application") { urls, demo };
        serve.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(demo) && PrepareDemo is not null)
                await PrepareDemo(parse, ct);
            var args = new List<string> { "--urls", parse.GetValue(urls)! };
            var database = parse.GetValue(GlobalOptions.Database);
            var options = CliHost.DatabaseOptions(parse);
            if (!string.IsNullOrEmpty(database))
            {
                args.Add($"--Database:Provider={options.Provider}");
                if (options.Provider == Core.Persistence.DatabaseProvider.Sqlite)
                    args.Add($"--Database:SqlitePath={options.SqlitePath}");
                else
                    args.Add($"--ConnectionStrings:QualityWatch={options.ConnectionString}");
            }
            var app = QualityWatchApp.Build([.. args]);
            Console.WriteLine($"QualityWatch listening on {parse.GetValue(urls)} (Ctrl+C to stop)");
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return serve;
    }
}
