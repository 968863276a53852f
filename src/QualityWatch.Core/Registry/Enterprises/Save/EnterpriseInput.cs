using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Registry.Enterprises.Save;

/// <summary>What a client, an upload row or the demo generator supplies to create or update an enterprise.</summary>
public sealed record EnterpriseInput
{
    public string? Name { get; init; }
    public string? CreditCode { get; init; }
    public string? RegionCode { get; init; }
    public string? Address { get; init; }
    public string? LegalRepresentative { get; init; }
    public IReadOnlyList<string>? Types { get; init; }
    public IReadOnlyList<string>? ProductionLicences { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<string>? Aliases { get; init; }
}

/// <summary>An input checked field by field; <see cref="Errors"/> is keyed by the camelCase field name.</summary>
public sealed class ValidatedEnterprise
{
    public Dictionary<string, string[]> Errors { get; } = [];
    public List<string> Warnings { get; } = [];
    public string Name { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public CreditCodeStatus CreditCodeStatus { get; set; }
    public string RegionCode { get; set; } = "";
    public EnterpriseTypes Types { get; set; }
    public EnterpriseStatus Status { get; set; }
    public bool IsValid => Errors.Count == 0;

    public void Fail(string field, string message) => Errors[field] = [.. Errors.GetValueOrDefault(field, []), message];
}
