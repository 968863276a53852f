using System.Globalization;
using Microsoft.Extensions.Options;
using QualityWatch.Core.Risk.Sources.Import;

namespace QualityWatch.Core.Risk.Sources.Feeds;

public sealed record FeedPullResult(string Feed, int Items, int Created, int Unchanged, int Rejected, int Skipped, string? Error);

/// <summary>
/// Pulls every configured feed and imports its items as opinion records through the same import path as a
/// spreadsheet, so a re-pull of the same items changes nothing. A failing feed is reported and the others still run.
/// </summary>
public sealed class PullFeeds(ImportSources import, IHttpClientFactory http, IOptions<RiskOptions> options)
{
    public const string HttpClientName = "feeds";

    public async Task<List<FeedPullResult>> RunAsync(CancellationToken ct)
    {
        var results = new List<FeedPullResult>();
        var client = http.CreateClient(HttpClientName);
        var schema = new OpinionSchema();
        foreach (var feed in options.Value.Feeds)
        {
            try
            {
                await using var body = await client.GetStreamAsync(new Uri(feed.Url), ct);
                using var buffer = new MemoryStream();
                await body.CopyToAsync(buffer, ct);
                buffer.Position = 0;
                var (items, skipped) = FeedParser.Parse(feed.Format, buffer);
                var rows = items.Select((item, i) => ToRow(schema, feed, item, i + 1));
                var r = await import.ImportRowsAsync(schema, rows, [], ct: ct);
                results.Add(new FeedPullResult(feed.Name, items.Count, r.Created, r.Unchanged + r.Updated, r.RejectedRows, skipped,
                    r.Rejects.Count > 0 ? string.Join("; ", r.Rejects.Take(5).Select(x => $"item {x.Row} {x.Field}: {x.Reason}")) : null));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or FormatException or System.Xml.XmlException && !ct.IsCancellationRequested)
            {
                results.Add(new FeedPullResult(feed.Name, 0, 0, 0, 0, 0, e.Message));
            }
        }
        return results;
    }

    private static SourceRow ToRow(OpinionSchema schema, FeedOptions feed, FeedItem item, int number)
    {
        var cells = new string?[schema.Columns.Count];
        cells[SourceSchema.SourceIdField] = item.Url;
        // An item without a date counts when it was pulled; the clock of the import is not known here, so the
        // feed's own time is required in practice and missing ones are rejected by the import with a reason.
        cells[SourceSchema.OccurredAtField] = item.PublishedAt?.ToString("O", CultureInfo.InvariantCulture);
        cells[SourceSchema.RegionField] = item.RegionCode ?? feed.RegionCode;
        cells[OpinionSchema.SiteField] = item.Site ?? feed.Name;
        cells[OpinionSchema.TitleField] = item.Title;
        cells[OpinionSchema.TextField] = item.Text is { Length: > 8000 } t ? t[..8000] : item.Text;
        return new SourceRow(number, cells) { Feed = feed.Name };
    }
}
