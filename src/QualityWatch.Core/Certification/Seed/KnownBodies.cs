using System.Text.Json;
using System.Text.Json.Serialization;
using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Seed;

/// <summary>
/// The bodies and misleading issuers that can be cited from the project's identifier notes, from the embedded
/// known-bodies.json (each entry carries its source). A real deployment adds the CNCA and NANDO registers on top;
/// these are the facts the verifier must know even with an empty database.
/// </summary>
public static class KnownBodies
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly Lazy<Seed> Data = new(Load);

    public static IReadOnlyList<CertificationBody> Bodies => Data.Value.Bodies;

    public static IReadOnlyList<MisleadingIssuer> MisleadingIssuers => Data.Value.MisleadingIssuers;

    /// <summary>A registry of the known bodies plus the given records; given bodies win over seed bodies with the same id.</summary>
    public static CertificateRegistry Registry(
        IEnumerable<Certificate>? certificates = null,
        IEnumerable<CertificationBody>? bodies = null,
        IEnumerable<CreditListing>? creditListings = null)
    {
        var extra = bodies?.ToList() ?? [];
        var ids = extra.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        return CertificateRegistry.Build(
            [.. extra, .. Bodies.Where(b => !ids.Contains(b.Id))],
            certificates ?? [],
            MisleadingIssuers,
            creditListings);
    }

    private static Seed Load()
    {
        using var stream = typeof(KnownBodies).Assembly.GetManifestResourceStream("QualityWatch.Certification.known-bodies.json")
            ?? throw new InvalidOperationException("embedded resource known-bodies.json is missing");
        return JsonSerializer.Deserialize<Seed>(stream, Options) ?? throw new InvalidOperationException("known-bodies.json is empty");
    }

    private sealed record Seed(IReadOnlyList<CertificationBody> Bodies, IReadOnlyList<MisleadingIssuer> MisleadingIssuers);
}
