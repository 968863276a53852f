namespace QualityWatch.Core.Risk.Sources.Feeds;

/// <summary>A configured public-opinion feed (section Risk:Feeds).</summary>
public sealed class FeedOptions
{
    /// <summary>Short name stored on each item (opinion_items.Feed).</summary>
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    /// <summary>rss, atom or jsonl (one JSON object per line: url, title, text, publishedAt, site, regionCode).</summary>
    public string Format { get; set; } = "rss";
    /// <summary>Region the feed's items count in when an item names none (a provincial news site); default national.</summary>
    public string? RegionCode { get; set; }
}
