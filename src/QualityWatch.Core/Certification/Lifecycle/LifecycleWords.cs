using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Lifecycle;

/// <summary>Event kinds as an API client, a form or a spreadsheet writes them: suspend / 暂停 / suspended.</summary>
public static class LifecycleWords
{
    private static readonly Dictionary<string, LifecycleEventKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["issue"] = LifecycleEventKind.Issued,
        ["issued"] = LifecycleEventKind.Issued,
        ["颁发"] = LifecycleEventKind.Issued,
        ["发证"] = LifecycleEventKind.Issued,
        ["颁证"] = LifecycleEventKind.Issued,
        ["change"] = LifecycleEventKind.Changed,
        ["changed"] = LifecycleEventKind.Changed,
        ["变更"] = LifecycleEventKind.Changed,
        ["suspend"] = LifecycleEventKind.Suspended,
        ["suspended"] = LifecycleEventKind.Suspended,
        ["暂停"] = LifecycleEventKind.Suspended,
        ["resume"] = LifecycleEventKind.Resumed,
        ["resumed"] = LifecycleEventKind.Resumed,
        ["恢复"] = LifecycleEventKind.Resumed,
        ["withdraw"] = LifecycleEventKind.Withdrawn,
        ["withdrawn"] = LifecycleEventKind.Withdrawn,
        ["注销"] = LifecycleEventKind.Withdrawn,
        ["revoke"] = LifecycleEventKind.Revoked,
        ["revoked"] = LifecycleEventKind.Revoked,
        ["撤销"] = LifecycleEventKind.Revoked,
        ["expire"] = LifecycleEventKind.Expired,
        ["expired"] = LifecycleEventKind.Expired,
        ["过期"] = LifecycleEventKind.Expired,
    };

    /// <summary>The actions an officer may take through <see cref="RecordCertificateEvent"/> (issue and expiry come from the data).</summary>
    public static IReadOnlyList<string> OfficerActions { get; } = ["suspend", "resume", "withdraw", "revoke", "change"];

    public static bool TryParse(string? text, out LifecycleEventKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var t = text.Trim();
        // 暂停证书, 证书注销: the register's wording around the verb.
        t = t.Replace("证书", "", StringComparison.Ordinal);
        return Kinds.TryGetValue(t, out kind);
    }

    /// <summary>Stable token for JSON and the CLI: suspended, resumed, …</summary>
    public static string Token(LifecycleEventKind kind) => kind.ToString().ToLowerInvariant();
}
