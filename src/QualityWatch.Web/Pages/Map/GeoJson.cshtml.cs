using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QualityWatch.Web.Ui;

namespace QualityWatch.Web.Pages.Map;

/// <summary>Serves the approved province GeoJSON named by <c>Map:GeoJsonPath</c>; 404 when none is configured.</summary>
public sealed class GeoJsonModel(IOptions<MapOptions> options) : PageModel
{
    public IActionResult OnGet()
    {
        var path = options.Value.GeoJsonPath;
        if (string.IsNullOrWhiteSpace(path))
            return NotFound();
        var full = Path.GetFullPath(path);
        if (!System.IO.File.Exists(full))
            return NotFound();
        Response.Headers.CacheControl = "private, max-age=3600";
        return PhysicalFile(full, "application/geo+json");
    }
}
