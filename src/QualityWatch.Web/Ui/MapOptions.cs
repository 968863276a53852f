namespace QualityWatch.Web.Ui;

/// <summary>Bound from the <c>Map</c> section.</summary>
public sealed class MapOptions
{
    public const string Section = "Map";

    /// <summary>
    /// Path to an approved province-level GeoJSON (features carry a GB/T 2260 <c>adcode</c>/<c>code</c> or the province
    /// name). When empty, the province map is drawn as a tile grid, which needs no boundary data at all.
    /// </summary>
    public string? GeoJsonPath { get; set; }
}
