using System.Globalization;
using System.Text.Json;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Certification.Verification;

/// <summary>
/// What a caller who may not see the certificate's record gets (anonymous callers, and staff outside the holder's
/// region): the verdict and every check, but only the fields CNCA's public query shows (number, status, dates, holder,
/// products, issuer), with lifecycle and surveillance-audit notes cut from the evidence and no credit history beyond
/// the listings in force. Same JSON shape as <see cref="VerificationJson"/>.
/// </summary>
public static class PublicView
{
    /// <summary>The check's evidence as the public may read it.</summary>
    public static (string Zh, string En) Evidence(CheckResult check, VerificationResult result, VerificationRequest request, CertificateRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(registry);
        var (zh, en) = (check.EvidenceZh, check.EvidenceEn);
        if (check.Id == CheckIds.HolderCreditList)
            (zh, en) = CreditEvidence(check, result, request, registry);
        if (result.Certificate is { } cert)
        {
            foreach (var note in cert.Events.Select(e => e.Note).Concat(cert.Audits.Select(a => a.Note)))
            {
                if (!string.IsNullOrWhiteSpace(note))
                    (zh, en) = (CutNote(zh, note), CutNote(en, note));
            }
        }
        return (zh, en);
    }

    /// <summary>Writes the public form of a result: verdict, checks with public evidence, public certificate fields.</summary>
    public static void Write(Utf8JsonWriter w, VerificationResult result, VerificationRequest request, CertificateRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        w.WriteStartObject();
        w.WriteString("verdict", result.Verdict.Token());
        w.WriteStartArray("checks");
        foreach (var c in result.Checks)
        {
            var (zh, en) = Evidence(c, result, request, registry);
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteBoolean("passed", c.Passed);
            w.WriteString("severity", c.Severity.Token());
            w.WriteStartObject("evidence");
            w.WriteString("zh", zh);
            w.WriteString("en", en);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("certificate");
        if (result.Certificate is { } cert)
        {
            w.WriteStartObject();
            w.WriteString("scheme", cert.Scheme.Token());
            w.WriteString("number", cert.Number);
            w.WriteString("status", StatusToken(result.CertificateStatus));
            w.WriteStartObject("issuer");
            Optional(w, "number", result.Issuer?.Number);
            Optional(w, "nameZh", result.Issuer?.NameZh);
            Optional(w, "nameEn", result.Issuer?.NameEn);
            w.WriteEndObject();
            // The unified social credit code is on every business licence and on gsxt.gov.cn: public, and what tells two namesakes apart.
            w.WriteStartObject("holder");
            w.WriteString("name", cert.HolderName);
            Optional(w, "creditCode", cert.HolderCreditCode);
            w.WriteEndObject();
            Optional(w, "productCategory", cert.ProductCategory);
            w.WriteStartArray("products");
            foreach (var p in cert.Products)
                w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteString("issuedOn", Date(cert.IssuedOn));
            Optional(w, "expiresOn", cert.ExpiresOn is { } e ? Date(e) : null);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }
        w.WriteEndObject();
    }

    public static string StatusToken(CertificateStatus? s) => s switch
    {
        CertificateStatus.NotYetIssued => "not-yet-issued",
        CertificateStatus.Valid => "valid",
        CertificateStatus.Suspended => "suspended",
        CertificateStatus.Withdrawn => "withdrawn",
        CertificateStatus.Revoked => "revoked",
        CertificateStatus.Expired => "expired",
        _ => "unknown",
    };

    /// <summary>
    /// A listing in force is published, so its evidence stands. A failure that rests on a listing no longer in force
    /// (listed when the certificate was issued, since restored or ended) is not public: the public is told to ask the
    /// regulator. A pass does not count past listings.
    /// </summary>
    private static (string Zh, string En) CreditEvidence(CheckResult check, VerificationResult result, VerificationRequest request, CertificateRegistry registry)
    {
        // The same code the check read: the claimed holder's, else the certificate's.
        var raw = request.ClaimedHolderCreditCode ?? result.Certificate?.HolderCreditCode;
        IReadOnlyList<CreditListing> listings = string.IsNullOrWhiteSpace(raw) ? [] : registry.CreditListingsOf(CreditCode.Normalise(raw));
        var inForce = listings.Any(l => l.ActiveOn(result.AsOf));
        if (!check.Passed && !inForce)
            return ("持证人的信用记录请向市场监管部门核实", "ask the market regulator about the holder's credit record");
        if (check.Passed)
            return (Before(check.EvidenceZh, "（历史记录"), Before(check.EvidenceEn, " (", " past listing"));
        return (check.EvidenceZh, check.EvidenceEn);
    }

    private static string Before(string text, string marker, string? mustFollow = null)
    {
        var i = text.IndexOf(marker, StringComparison.Ordinal);
        if (i < 0 || (mustFollow is not null && text.IndexOf(mustFollow, i, StringComparison.Ordinal) < 0))
            return text;
        return text[..i];
    }

    private static string CutNote(string text, string note) =>
        text.Replace("（" + note + "）", "", StringComparison.Ordinal)
            .Replace(" (" + note + ")", "", StringComparison.Ordinal)
            .Replace("：" + note, "", StringComparison.Ordinal)
            .Replace(": " + note, "", StringComparison.Ordinal)
            .Replace(note, "", StringComparison.Ordinal);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }
}
