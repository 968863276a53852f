using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Pages.Verify;

/// <summary>
/// The public certificate check: anyone types a number or pastes a certificate's text (with the product and holder
/// claimed, when known) and gets the verdict with every check. /verify?no=… and /verify/{number} answer at once, so a
/// QR code printed on a certificate or a box leads straight to the result. Shares its per-address budget with the API.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimiting.Verify)]
public sealed class IndexModel(RegistrySnapshot snapshot, QualityWatchDbContext db, TimeProvider clock, IConfiguration configuration) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "no")]
    public string? No { get; set; }

    [BindProperty(SupportsGet = true, Name = "product")]
    public string? Product { get; set; }

    [BindProperty(SupportsGet = true, Name = "holder")]
    public string? Holder { get; set; }

    public VerifiedClaim? Verified { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public DateOnly AsOf { get; private set; }
    /// <summary>The QR target: the verification address of the certificate's number (or of the number as typed).</summary>
    public string? Link { get; private set; }
    public string? QrSvg { get; private set; }

    public async Task OnGetAsync(string? number, CancellationToken ct)
    {
        No ??= number;
        AsOf = VerifyClaim.Today(clock);
        if (VerifyClaim.Clean(No) is not null)
            await RunAsync(ct);
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        AsOf = VerifyClaim.Today(clock);
        await RunAsync(ct);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var claim = new VerifyClaim(Number: No, Product: Product, Holder: Holder);
        if (!claim.TryBuild(AsOf, out var request, out var asOf, out var errors))
        {
            Errors = errors;
            return;
        }
        AsOf = asOf;
        Verified = await WebVerification.VerifyAsync(snapshot, db, User.Identity?.IsAuthenticated == true, request, asOf, ct);
        // The QR carries the registered number when there is one, so it reads the same whoever scans it.
        var number = Verified.Result.Certificate?.Number ?? request.Number ?? Verified.Result.Parse.Primary?.Normalised;
        if (number is not null)
        {
            Link = VerifyLink.Absolute(Request, configuration, number);
            QrSvg = VerifyLink.QrSvg(Link);
        }
    }
}
