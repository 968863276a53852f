using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace QualityWatch.Core.Risk.Sources.Feeds;

/// <summary>One item read from a feed, before it becomes an opinion record.</summary>
public sealed record FeedItem(string Url, string Title, string? Text, DateTimeOffset? PublishedAt, string? Site, string? RegionCode);

/// <summary>Reads RSS 2.0, Atom 1.0 and JSON-lines feeds; items without a link or title are skipped and counted.</summary>
public static class FeedParser
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static (List<FeedItem> Items, int Skipped) Parse(string format, Stream content)
    {
        return format.ToLowerInvariant() switch
        {
            "rss" or "atom" => ParseXml(content),
            "jsonl" => ParseJsonLines(content),
            _ => throw new FormatException($"unknown feed format '{format}' (rss, atom, jsonl)"),
        };
    }

    private static (List<FeedItem>, int) ParseXml(Stream content)
    {
        // DTDs are refused: a feed is untrusted input.
        using var reader = XmlReader.Create(content, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var doc = XDocument.Load(reader);
        var items = new List<FeedItem>();
        var skipped = 0;
        var site = doc.Root?.Element("channel")?.Element("title")?.Value ?? doc.Root?.Element(Atom + "title")?.Value;
        foreach (var item in doc.Descendants("item"))
        {
            var link = item.Element("link")?.Value.Trim() ?? item.Element("guid")?.Value.Trim();
            var title = item.Element("title")?.Value.Trim();
            if (string.IsNullOrEmpty(link) || string.IsNullOrEmpty(title))
            {
                skipped++;
                continue;
            }
            items.Add(new FeedItem(link, title, StripTags(item.Element("description")?.Value), Date(item.Element("pubDate")?.Value), site, null));
        }
        foreach (var entry in doc.Descendants(Atom + "entry"))
        {
            var link = entry.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value
                ?? entry.Element(Atom + "id")?.Value;
            var title = entry.Element(Atom + "title")?.Value.Trim();
            if (string.IsNullOrEmpty(link) || string.IsNullOrEmpty(title))
            {
                skipped++;
                continue;
            }
            var text = entry.Element(Atom + "summary")?.Value ?? entry.Element(Atom + "content")?.Value;
            items.Add(new FeedItem(link, title, StripTags(text), Date(entry.Element(Atom + "published")?.Value ?? entry.Element(Atom + "updated")?.Value), site, null));
        }
        return (items, skipped);
    }

    private static (List<FeedItem>, int) ParseJsonLines(Stream content)
    {
        using var reader = new StreamReader(content);
        var items = new List<FeedItem>();
        var skipped = 0;
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var o = doc.RootElement;
                var url = Str(o, "url");
                var title = Str(o, "title");
                if (url is null || title is null)
                {
                    skipped++;
                    continue;
                }
                items.Add(new FeedItem(url, title, Str(o, "text"), Date(Str(o, "publishedAt")), Str(o, "site"), Str(o, "regionCode")));
            }
            catch (JsonException)
            {
                skipped++;
            }
        }
        return (items, skipped);
    }

    private static string? Str(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static DateTimeOffset? Date(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var d) ? d : null;

    private static string? StripTags(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return null;
        var sb = new System.Text.StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<')
                inTag = true;
            else if (c == '>')
                inTag = false;
            else if (!inTag)
                sb.Append(c);
        }
        return System.Net.WebUtility.HtmlDecode(sb.ToString()).Trim();
    }
}
