using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace QualityWatch.Web.Ui;

public sealed record ProvinceMapModel(string Id, string Title, string ConfigJson);

/// <summary>
/// Reusable province map: <c>@await Component.InvokeAsync("ProvinceMap", new { id, title, valueLabel, values })</c>
/// where <c>values</c> maps 2-digit province codes to a number. Drawn by wwwroot/js/province-map.js as a tile grid,
/// or on the approved GeoJSON when <c>Map:GeoJsonPath</c> is set.
/// </summary>
public sealed class ProvinceMapViewComponent(IOptions<MapOptions> options) : ViewComponent
{
    public IViewComponentResult Invoke(string id, string title, string valueLabel, IReadOnlyDictionary<string, long> values)
    {
        var zh = UiCulture.IsChinese;
        var tiles = ProvinceGrid.Tiles.Select(t => new
        {
            code = t.Code,
            name = zh ? t.ShortZh : t.NameEn,
            nameZh = t.ShortZh,
            col = t.Col,
            row = t.Row,
            value = values.TryGetValue(t.Code, out var v) ? v : 0,
        }).ToList();
        var config = new
        {
            columns = ProvinceGrid.Columns,
            rows = ProvinceGrid.Rows,
            valueLabel,
            tiles,
            max = Math.Max(1, tiles.Max(t => t.value)),
            geoJsonUrl = string.IsNullOrWhiteSpace(options.Value.GeoJsonPath) ? null : Url.Page("/Map/GeoJson"),
        };
        return View(new ProvinceMapModel(id, title, JsonSerializer.Serialize(config)));
    }
}
