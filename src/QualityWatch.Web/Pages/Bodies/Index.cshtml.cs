using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using QualityWatch.Core.Access;
using QualityWatch.Core.Certification.Oversight;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Paging;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Bodies;

/// <summary>Certification bodies with status, scopes, certificates and findings; counts cover the officer's region.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(BodyDirectory directory, AccessScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<BodySummary> Results { get; private set; } = new([], null);

    /// <summary>True when the counts are limited to a region (the page says so).</summary>
    public bool Regional => scope.RegionPrefix is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        BodyKind? kind = Enum.TryParse<BodyKind>(Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null;
        if (!Core.Paging.Cursor.TryDecodeKey(Cursor, out var after))
            after = "";
        Results = await directory.ListAsync(Q, kind, BodyDirectory.DefaultLimit, after, ct);
    }

    public string NextQuery(string cursor) =>
        QueryHelpers.AddQueryString("/bodies", new Dictionary<string, string?> { ["q"] = Q, ["kind"] = Kind, ["cursor"] = cursor }
            .Where(kv => !string.IsNullOrEmpty(kv.Value)));
}
