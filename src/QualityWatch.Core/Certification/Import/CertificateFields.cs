using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;

namespace QualityWatch.Core.Certification.Import;

/// <summary>
/// The imported fields of one certificate row, validated. Optional fields left blank keep the stored value
/// (<see cref="Merge"/>), so the content hash is taken over the merged values: a sheet with fewer columns than the
/// last one changes nothing when what it does say is the same.
/// </summary>
internal sealed record CertificateFields
{
    public required CertificateScheme Scheme { get; init; }
    public required string Number { get; init; }
    public required string NumberKey { get; init; }
    public required string IssuerKey { get; init; }
    public required string HolderName { get; init; }
    public string? HolderCreditCode { get; init; }
    public string? Manufacturer { get; init; }
    public string? Factory { get; init; }
    public List<string>? PrivateLabels { get; init; }
    public string? ProductCategory { get; init; }
    public List<string>? Products { get; init; }
    public List<string>? Models { get; init; }
    public string? Standard { get; init; }
    public string? Legislation { get; init; }
    public string? Module { get; init; }
    public DateOnly? AppliedOn { get; init; }
    public required DateOnly IssuedOn { get; init; }
    public DateOnly? ExpiresOn { get; init; }
    public decimal? Fee { get; init; }
    /// <summary>The status the sheet states (not stored as such: it becomes lifecycle events).</summary>
    public CertificateStatus? Status { get; init; }
    public DateOnly? StatusDate { get; init; }
    public string? StatusNote { get; init; }

    public (CertificateScheme, string, string) Key => (Scheme, NumberKey, IssuerKey);

    public CertificateFields Merge(CertificateRecord stored) => this with
    {
        HolderCreditCode = HolderCreditCode ?? stored.HolderCreditCode,
        Manufacturer = Manufacturer ?? stored.Manufacturer,
        Factory = Factory ?? stored.Factory,
        PrivateLabels = PrivateLabels ?? stored.PrivateLabels,
        ProductCategory = ProductCategory ?? stored.ProductCategory,
        Products = Products ?? stored.Products,
        Models = Models ?? stored.Models,
        Standard = Standard ?? stored.Standard,
        Legislation = Legislation ?? stored.Legislation,
        Module = Module ?? stored.Module,
        AppliedOn = AppliedOn ?? stored.AppliedOn,
        ExpiresOn = ExpiresOn ?? stored.ExpiresOn,
        Fee = Fee ?? stored.Fee,
    };

    public string Hash()
    {
        var sb = new StringBuilder(256);
        void Add(object? v) => sb.Append(Convert.ToString(v, CultureInfo.InvariantCulture)).Append('\u001f');
        void AddList(List<string>? v) => Add(v is null ? null : string.Join('\u001e', v));
        Add(Scheme); Add(Number); Add(NumberKey); Add(IssuerKey); Add(HolderName); Add(HolderCreditCode); Add(Manufacturer); Add(Factory);
        AddList(PrivateLabels); Add(ProductCategory); AddList(Products); AddList(Models); Add(Standard); Add(Legislation); Add(Module);
        Add(AppliedOn?.ToString("O", CultureInfo.InvariantCulture)); Add(IssuedOn.ToString("O", CultureInfo.InvariantCulture));
        Add(ExpiresOn?.ToString("O", CultureInfo.InvariantCulture)); Add(Fee); Add(Status); Add(StatusDate?.ToString("O", CultureInfo.InvariantCulture)); Add(StatusNote);
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>Copies the fields onto the stored record; EF Core then records (and audits) only what differs.</summary>
    public void ApplyTo(CertificateRecord r)
    {
        r.Scheme = Scheme;
        r.Number = Number;
        r.NumberKey = NumberKey;
        r.IssuerKey = IssuerKey;
        r.HolderName = HolderName;
        r.HolderCreditCode = HolderCreditCode;
        r.Manufacturer = Manufacturer;
        r.Factory = Factory;
        r.ProductCategory = ProductCategory;
        r.Standard = Standard;
        r.Legislation = Legislation;
        r.Module = Module;
        r.AppliedOn = AppliedOn;
        r.IssuedOn = IssuedOn;
        r.ExpiresOn = ExpiresOn;
        r.Fee = Fee;
        // Replacing a list with an equal one would still be a write; keep the stored instance when nothing differs.
        if (!(PrivateLabels ?? []).SequenceEqual(r.PrivateLabels))
            r.PrivateLabels = PrivateLabels ?? [];
        if (!(Products ?? []).SequenceEqual(r.Products))
            r.Products = Products ?? [];
        if (!(Models ?? []).SequenceEqual(r.Models))
            r.Models = Models ?? [];
    }

    /// <summary>The snapshot the lifecycle rules check a status change against: these fields with the given history.</summary>
    public Certificate ToSnapshot(IReadOnlyList<LifecycleEvent> events) => new()
    {
        Id = "import",
        Scheme = Scheme,
        Number = Number,
        IssuerBodyId = IssuerKey,
        HolderName = HolderName,
        HolderCreditCode = HolderCreditCode,
        IssuedOn = IssuedOn,
        ExpiresOn = ExpiresOn,
        Events = events,
    };
}
