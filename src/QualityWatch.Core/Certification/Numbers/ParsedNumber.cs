namespace QualityWatch.Core.Certification.Numbers;

/// <summary>One problem found in a number's format; <see cref="Severity.Critical"/> means the number cannot be genuine as written.</summary>
public sealed record NumberProblem(string Code, Severity Severity, string MessageZh, string MessageEn);

/// <summary>Where a registration was granted: the prefix character(s) and 准/进/许.</summary>
public enum NmpaOrigin
{
    Domestic,
    Imported,
    HongKongMacaoTaiwan,
}

/// <summary>
/// The fields a format carries; only those of the detected kind are set. One flat record instead of a type per
/// scheme keeps the JSON and the checks simple.
/// </summary>
public sealed record NumberFields
{
    /// <summary>Year of first issue / registration / approval (4 digits; the LA mark's 2-digit year is expanded).</summary>
    public int? Year { get; init; }
    /// <summary>CCC: 2-digit certification-body code ("01" = CQC).</summary>
    public string? BodyCode { get; init; }
    /// <summary>CCC: 4-digit product category and sub-category.</summary>
    public string? ProductCode { get; init; }
    /// <summary>Serial or sequence number as printed (CCC 6 digits, NMPA 4, NIOSH 4, CNCA 2–3).</summary>
    public string? Serial { get; init; }
    /// <summary>NMPA: 国 or the province short name, plus the city for filings (浙温).</summary>
    public string? Authority { get; init; }
    /// <summary>NMPA: GB/T 2260 province code of the authority, null for 国.</summary>
    public string? RegionCode { get; init; }
    public NmpaOrigin? Origin { get; init; }
    /// <summary>NMPA: management class 1, 2 or 3.</summary>
    public int? DeviceClass { get; init; }
    /// <summary>NMPA: 2-digit classification code (old 68xx last two digits, or the 2017 catalogue's first level).</summary>
    public string? ClassificationCode { get; init; }
    /// <summary>CNCA: "R" domestic or "RF" foreign-invested.</summary>
    public string? BodyType { get; init; }
    /// <summary>NIOSH: approval schedule, e.g. "84A".</summary>
    public string? Schedule { get; init; }
    /// <summary>EU: the 4-digit notified-body number (of the NB itself, or the prefix of a certificate number).</summary>
    public string? NotifiedBody { get; init; }
    /// <summary>EU type-examination / free-format numbers: the leading issuer prefix, when there is one.</summary>
    public string? IssuerPrefix { get; init; }
}

/// <summary>One identifier recognised in the input.</summary>
/// <param name="Text">The text the identifier was recognised from (a slice of the input).</param>
/// <param name="Normalised">The registry key form: half-width, upper case, canonical separators.</param>
public sealed record ParsedNumber(NumberKind Kind, string Text, string Normalised, NumberFields Fields, IReadOnlyList<NumberProblem> Problems)
{
    /// <summary>The scheme of the number; for free-format numbers, the scheme the caller claimed.</summary>
    public CertificateScheme? Scheme { get; init; } = Kind.Scheme();

    /// <summary>No critical problem: the number could be genuine as written (a registry lookup is still needed).</summary>
    public bool IsWellFormed => !Problems.Any(p => p.Severity == Severity.Critical);
}

/// <summary>Everything recognised in one input, best candidate first.</summary>
public sealed record NumberParse(string Input, IReadOnlyList<ParsedNumber> Found, IReadOnlyList<NumberProblem> Problems)
{
    /// <summary>The certificate number to look up: the first certificate-kind identifier, else the first one found.</summary>
    public ParsedNumber? Primary => Found.FirstOrDefault(f => !f.Kind.IsBodyIdentifier()) ?? (Found.Count > 0 ? Found[0] : null);

    /// <summary>A notified-body number printed next to CE, or a CNCA approval number, when the input has one.</summary>
    public ParsedNumber? Body => Found.FirstOrDefault(f => f.Kind.IsBodyIdentifier());

    public IEnumerable<CertificateScheme> DetectedSchemes => Found.Select(f => f.Scheme).OfType<CertificateScheme>().Distinct();
}
