using System.Globalization;
using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Verification;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Web.Pages.Verify;

/// <summary>
/// A verification claim as the API and the /verify page receive it: a number or pasted text plus what the seller
/// claims. <see cref="TryBuild"/> checks it and turns it into the verifier's <see cref="VerificationRequest"/>.
/// </summary>
/// <param name="Number">The certificate number as written (or a short text containing one).</param>
/// <param name="Text">Pasted text (label, certificate page, declaration): scanned for numbers, CE marks and product words.</param>
/// <param name="Product">Claimed product: a category code (MASK-SURG) or words (医用外科口罩, KN95, 儿童口罩).</param>
/// <param name="Holder">Claimed holder: an enterprise name, or an 18-character unified social credit code.</param>
/// <param name="Scheme">Claimed scheme token: ccc, voluntary, nmpa-registration, nmpa-filing, eu-type-examination, eu-production-quality, niosh, fda-eua, test-report, la-mark.</param>
/// <param name="Markings">Text printed on the product or box (NIOSH and CE marking rules).</param>
/// <param name="AsOf">Query date yyyy-MM-dd; today (China time) when absent.</param>
public sealed record VerifyClaim(
    string? Number = null,
    string? Text = null,
    string? Product = null,
    string? Model = null,
    string? Holder = null,
    string? HolderCreditCode = null,
    string? Issuer = null,
    string? Scheme = null,
    string? Markings = null,
    string? AsOf = null)
{
    public const int MaxNumberLength = 200;
    public const int MaxTextLength = 5000;
    public const int MaxFieldLength = 500;

    public static readonly string SchemeTokens = string.Join(", ", Enum.GetValues<CertificateScheme>().Select(s => s.Token()));

    /// <summary>Checks the claim; on success <paramref name="request"/> and <paramref name="asOf"/> are set, otherwise the errors name each field.</summary>
    public bool TryBuild(DateOnly today, out VerificationRequest request, out DateOnly asOf, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var number = Clean(Number);
        var text = Clean(Text);
        if (number is null && text is null)
            errors["number"] = ["请填写证书编号或粘贴证书文字 (give a certificate number or paste the certificate text)"];
        Limit(errors, "number", number, MaxNumberLength);
        Limit(errors, "text", text, MaxTextLength);
        Limit(errors, "product", Product, MaxFieldLength);
        Limit(errors, "model", Model, MaxFieldLength);
        Limit(errors, "holder", Holder, MaxFieldLength);
        Limit(errors, "holderCreditCode", HolderCreditCode, MaxFieldLength);
        Limit(errors, "issuer", Issuer, MaxFieldLength);
        Limit(errors, "markings", Markings, MaxTextLength);

        CertificateScheme? scheme = null;
        if (Clean(Scheme) is { } s)
        {
            if (ParseScheme(s) is { } parsed)
                scheme = parsed;
            else
                errors["scheme"] = [$"未知的认证类别 “{s}” (unknown scheme '{s}'; one of {SchemeTokens})"];
        }

        asOf = today;
        if (Clean(AsOf) is { } d)
        {
            if (DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                asOf = date;
            else
                errors["asOf"] = [$"查询日期应为 yyyy-MM-dd (asOf must be a date yyyy-MM-dd, got '{d}')"];
        }

        // One box on the page takes either a number or pasted text: the verifier reads product words and CE marks
        // only from text, so anything with spaces or line breaks is treated as text.
        if (number is not null && text is null && LooksLikeText(number))
            (number, text) = (null, number);

        var holder = Clean(Holder);
        var holderCode = Clean(HolderCreditCode);
        if (holderCode is null && holder is not null && CreditCode.Check(holder).Status == CreditCodeStatus.Valid)
            (holderCode, holder) = (holder, null);

        request = new VerificationRequest
        {
            Number = number,
            FreeText = text,
            ClaimedScheme = scheme,
            ClaimedProduct = Clean(Product),
            Model = Clean(Model),
            ClaimedHolderName = holder,
            ClaimedHolderCreditCode = holderCode,
            ClaimedIssuer = Clean(Issuer),
            Markings = Clean(Markings),
        };
        return errors.Count == 0;
    }

    /// <summary>A scheme token (ccc, nmpa-registration …) or the enum name, case-insensitive.</summary>
    public static CertificateScheme? ParseScheme(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var t = text.Trim();
        foreach (var s in Enum.GetValues<CertificateScheme>())
        {
            if (string.Equals(s.Token(), t, StringComparison.OrdinalIgnoreCase) || string.Equals(s.ToString(), t, StringComparison.OrdinalIgnoreCase))
                return s;
        }
        return null;
    }

    /// <summary>Today in China, the date a query without asOf is answered for.</summary>
    public static DateOnly Today(TimeProvider clock) => SourceRecord.ChinaDate(clock.GetUtcNow());

    private static bool LooksLikeText(string s) => s.Length > 64 || s.AsSpan().IndexOfAny([' ', '\n', '\r', '\t', '\u3000']) >= 0;

    private static void Limit(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is not null && value.Length > max && !errors.ContainsKey(field))
            errors[field] = [$"最多 {max} 个字符 (at most {max} characters; got {value.Length})"];
    }

    internal static string? Clean(string? s)
    {
        if (s is null)
            return null;
        var t = s.Trim().Trim('\uFEFF', '\u3000').Trim();
        return t.Length == 0 ? null : t;
    }
}
