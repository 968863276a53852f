using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityWatch.Core.Certification.Lifecycle;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Persistence;
using QualityWatch.Web.Api;
using QualityWatch.Web.Hosting;
using QualityWatch.Web.Pages.Verify;

namespace QualityWatch.Web.Pages.Certificates;

/// <summary>
/// One certificate for staff: the record, its issuer, the certification-activity trail, surveillance audits, the audit
/// entries, what verification says about it as registered today, and the QR code of its public verification address.
/// Registry editors record suspensions, resumptions, withdrawals and revocations here. Outside the officer's region: 404.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(QualityWatchDbContext db, RegistrySnapshot snapshot, TimeProvider clock, IConfiguration configuration,
    IAuthorizationService authz) : PageModel
{
    public CertificateDetail Certificate { get; private set; } = null!;
    public VerifiedClaim? Verified { get; private set; }
    public DateTimeOffset? SnapshotLoadedAt { get; private set; }
    public string Link { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public bool CanEdit { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Recorded { get; private set; }

    [BindProperty]
    public EventForm Event { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEventAsync(long id, [FromServices] RecordCertificateEvent record, CancellationToken ct)
    {
        if (!(await authz.AuthorizeAsync(User, Policies.RegistryEditor)).Succeeded)
            return Forbid();
        DateOnly? date = null;
        if (VerifyClaim.Clean(Event.Date) is { } d)
        {
            if (DateOnly.TryParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
                date = parsed;
            else
                Errors = new Dictionary<string, string[]> { ["date"] = [$"日期应为 yyyy-MM-dd (date must be yyyy-MM-dd, got '{d}')"] };
        }
        if (Errors.Count == 0)
        {
            var result = await record.RunAsync(id, new CertificateEventInput(Event.Action, date, Event.Note), ct);
            switch (result.Outcome)
            {
                case LifecycleOutcome.NotFound:
                    return NotFound();
                case LifecycleOutcome.Forbidden:
                    return Forbid();
                case LifecycleOutcome.Invalid:
                    Errors = result.Errors;
                    break;
                default:
                    Recorded = result.Outcome.ToString().ToLowerInvariant();
                    Event = new EventForm();
                    break;
            }
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var today = VerifyClaim.Today(clock);
        if (await CertificatesApi.LoadDetailAsync(snapshot, db, today, id, ct) is not { } detail)
            return false;
        Certificate = detail;
        CanEdit = (await authz.AuthorizeAsync(User, Policies.RegistryEditor)).Succeeded;
        // The claim the certificate itself makes, as registered: what a genuine holder would present.
        var request = new VerificationRequest
        {
            Number = detail.Number,
            ClaimedScheme = VerifyClaim.ParseScheme(detail.Scheme),
            ClaimedHolderCreditCode = detail.HolderCreditCode,
            ClaimedHolderName = detail.HolderName,
            ClaimedProduct = detail.ProductCategory,
        };
        Verified = await WebVerification.VerifyAsync(snapshot, db, authenticated: true, request, today, ct);
        SnapshotLoadedAt = snapshot.LoadedAt;
        Link = VerifyLink.Absolute(Request, configuration, detail.Number);
        QrSvg = VerifyLink.QrSvg(Link);
        return true;
    }

    public sealed class EventForm
    {
        public string? Action { get; set; }
        public string? Date { get; set; }
        public string? Note { get; set; }
    }
}
