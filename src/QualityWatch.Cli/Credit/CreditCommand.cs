using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Credit.Expire;
using QualityWatch.Core.Credit.Query;
using QualityWatch.Core.Paging;

namespace QualityWatch.Cli.Credit;

/// <summary>`qw credit list` and `qw credit expire`; the import is `qw import credit-listings` with the other imports.</summary>
public static class CreditCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    public static Command Create()
    {
        var asJson = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var state = new Option<string?>("--state") { Description = "decided, published, objected, listed, restored, expired, withdrawn, or active (in force)" };
        var list = new Command("list", "List serious-dishonesty listings, newest first") { asJson, state };
        list.SetAction(async (parse, ct) =>
        {
            var filter = new ListingFilter();
            switch (parse.GetValue(state)?.Trim().ToLowerInvariant())
            {
                case null or "": break;
                case "active": filter = filter with { InForceOnly = true }; break;
                case var s when ListingRules.TryParseState(s, out var st): filter = filter with { State = st }; break;
                case var s:
                    await Console.Error.WriteLineAsync($"--state: unknown state '{s}'");
                    return 2;
            }
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var query = scope.ServiceProvider.GetRequiredService<ListingQuery>();
            var rows = new List<ListingDto>();
            long after = 0;
            do
            {
                var page = await query.ListAsync(filter, Cursor.MaxLimit, after, ct);
                rows.AddRange(page.Items);
                after = page.NextCursor is null ? 0 : page.Items[^1].Id;
            }
            while (after > 0);
            if (parse.GetValue(asJson))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows, Json));
                return 0;
            }
            foreach (var l in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{l.Id}\t{l.DecisionNumber}\t{l.StateZh}{(l.InForce ? " *" : "")}\t{l.CreditCode}\t{l.EntityName}\t{l.DecidedOn:yyyy-MM-dd}\t{l.PublishedOn:yyyy-MM-dd}\t{l.ListedUntil:yyyy-MM-dd}\t{l.Authority}"));
            }
            return 0;
        });

        var expire = new Command("expire", "Close objection windows that have passed and end listing periods that have run out (the daily job's handler)");
        expire.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var r = await scope.ServiceProvider.GetRequiredService<ExpireListings>().RunAsync(ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"As of {r.AsOf:yyyy-MM-dd}: {r.WindowsClosed} objection windows closed, {r.Expired} listings expired"));
            return 0;
        });
        return new Command("credit", "Serious-dishonesty list (严重违法失信名单): list and daily expiry") { list, expire };
    }
}
