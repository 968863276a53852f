using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Verification;

/// <summary>
/// The `--json` form of a verification: {"verdict", "checks": [{"id", "passed", "severity", "evidence": {"zh", "en"}}],
/// "certificate": {…} | null}, UTF-8 with Chinese written as is.
/// </summary>
public static class VerificationJson
{
    // Relaxed escaping leaves CJK unescaped; the output is a document, never inlined into HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private static readonly JsonWriterOptions IndentedOptions = Options with { Indented = true };

    public static string ToJson(VerificationResult result, bool indented = false)
    {
        using var stream = new MemoryStream();
        Write(stream, result, indented);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static void Write(Stream stream, VerificationResult result, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var w = new Utf8JsonWriter(stream, indented ? IndentedOptions : Options);
        Write(w, result);
    }

    public static void Write(Utf8JsonWriter w, VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        w.WriteStartObject();
        w.WriteString("verdict", result.Verdict.Token());
        w.WriteStartArray("checks");
        foreach (var c in result.Checks)
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteBoolean("passed", c.Passed);
            w.WriteString("severity", c.Severity.Token());
            w.WriteStartObject("evidence");
            w.WriteString("zh", c.EvidenceZh);
            w.WriteString("en", c.EvidenceEn);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("certificate");
        if (result.Certificate is { } cert)
            WriteCertificate(w, cert, result);
        else
            w.WriteNullValue();
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteCertificate(Utf8JsonWriter w, Certificate cert, VerificationResult result)
    {
        w.WriteStartObject();
        w.WriteString("id", cert.Id);
        w.WriteString("scheme", cert.Scheme.Token());
        w.WriteString("number", cert.Number);
        w.WriteString("status", StatusToken(result.CertificateStatus));
        w.WriteStartObject("issuer");
        w.WriteString("id", cert.IssuerBodyId);
        OptionalString(w, "number", result.Issuer?.Number);
        OptionalString(w, "nameZh", result.Issuer?.NameZh);
        OptionalString(w, "nameEn", result.Issuer?.NameEn);
        w.WriteEndObject();
        w.WriteStartObject("holder");
        w.WriteString("name", cert.HolderName);
        OptionalString(w, "creditCode", cert.HolderCreditCode);
        w.WriteEndObject();
        OptionalString(w, "manufacturer", cert.Manufacturer);
        OptionalString(w, "factory", cert.Factory);
        OptionalString(w, "productCategory", cert.ProductCategory);
        Strings(w, "products", cert.Products);
        Strings(w, "models", cert.Models);
        OptionalString(w, "standard", cert.Standard);
        OptionalString(w, "legislation", cert.Legislation);
        OptionalString(w, "module", cert.Module);
        w.WriteString("issuedOn", cert.IssuedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        OptionalString(w, "expiresOn", cert.ExpiresOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteStartArray("events");
        foreach (var e in cert.Events)
        {
            w.WriteStartObject();
            w.WriteString("date", e.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("kind", e.Kind.ToString().ToLowerInvariant());
            OptionalString(w, "note", e.Note);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("audits");
        foreach (var a in cert.Audits)
        {
            w.WriteStartObject();
            w.WriteString("date", a.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteBoolean("passed", a.Passed);
            OptionalString(w, "note", a.Note);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string StatusToken(CertificateStatus? s) => s switch
    {
        CertificateStatus.NotYetIssued => "not-yet-issued",
        CertificateStatus.Valid => "valid",
        CertificateStatus.Suspended => "suspended",
        CertificateStatus.Withdrawn => "withdrawn",
        CertificateStatus.Revoked => "revoked",
        CertificateStatus.Expired => "expired",
        _ => "unknown",
    };

    private static void OptionalString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
