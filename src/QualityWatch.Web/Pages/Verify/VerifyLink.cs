using QRCoder;

namespace QualityWatch.Web.Pages.Verify;

/// <summary>
/// The address a QR code on a certificate or a box carries: /verify?no=&lt;number, URL-encoded&gt; on the public host.
/// Behind a reverse proxy the host the app sees is not the one the public reaches, so <c>Verify:PublicBaseUrl</c>
/// (e.g. https://zlaq.example.gov.cn) overrides it.
/// </summary>
public static class VerifyLink
{
    public const string BaseUrlSetting = "Verify:PublicBaseUrl";

    public static string Path(string number) => "/verify?no=" + Uri.EscapeDataString(number);

    public static string Absolute(HttpRequest request, IConfiguration configuration, string number)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[BaseUrlSetting];
        var root = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured.TrimEnd('/');
        return root + Path(number);
    }

    /// <summary>The QR code of <paramref name="text"/> as an inline SVG that scales with its box (error correction M: survives print wear).</summary>
    public static string QrSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M, forceUtf8: true);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
