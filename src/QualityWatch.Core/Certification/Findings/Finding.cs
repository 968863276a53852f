using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Sources;

namespace QualityWatch.Core.Certification.Findings;

/// <summary>
/// One forgery, misuse or oversight finding before it becomes a risk signal: which rule fired, about whom, dated to
/// the day the misuse was seen (its week is the signal's period, so a re-scan lands on the same signal), with the
/// records and certificates behind it.
/// </summary>
/// <param name="Rule">One of <see cref="FindingRules"/>.</param>
/// <param name="SubjectKey">
/// Who the finding is about, as the last part of the signal's series key: a registered enterprise's id, or a
/// negative <see cref="SubjectKeys"/> id for a certification body or an unregistered holder; null when nobody is
/// known (a forged number in a news item), which groups the finding with the region's other such findings.
/// </param>
/// <param name="EnterpriseId">The registered enterprise the warning workflow groups the signal under, if any.</param>
public sealed record Finding(
    string Rule,
    string? Category,
    string RegionCode,
    long? SubjectKey,
    long? EnterpriseId,
    DateOnly Day,
    double Strength,
    int Severity,
    string NoteZh,
    string NoteEn)
{
    public List<RecordRef> Evidence { get; init; } = [];
    public VulnerableGroups Vulnerable { get; init; }

    /// <summary>"event" for findings about single certificates or records; "weekly" for the issuance count series.</summary>
    public string Frequency { get; init; } = FindingSignals.EventFrequency;

    /// <summary>Set by the statistical rules: the numbers the officer needs to see why it fired.</summary>
    public double? Observed { get; init; }
    public double? Expected { get; init; }
    public double? Threshold { get; init; }
    public string? Method { get; init; }
}

/// <summary>Rule ids (stored in the signal's method) and their names.</summary>
public static class FindingRules
{
    public const string ForgedNumber = "forged-number";
    public const string HolderMismatch = "holder-mismatch";
    public const string OutOfScope = "out-of-scope";
    public const string StatusMisuse = "status-misuse";
    public const string IssuanceVolume = "issuance-volume";
    public const string UnapprovedScope = "unapproved-scope";
    public const string ShortIssueTime = "short-issue-time";
    public const string BodyRevocationRate = "body-revocation-rate";
    public const string HolderRevocationRate = "holder-revocation-rate";
    public const string FeeOutlier = "fee-outlier";
    public const string ListedHolder = "listed-holder";

    public static readonly IReadOnlyList<string> All =
    [
        ForgedNumber, HolderMismatch, OutOfScope, StatusMisuse, IssuanceVolume, UnapprovedScope, ShortIssueTime,
        BodyRevocationRate, HolderRevocationRate, FeeOutlier, ListedHolder,
    ];

    public static string NameZh(string rule) => rule switch
    {
        ForgedNumber => "疑似伪造编号",
        HolderMismatch => "疑似借用或买卖证书",
        OutOfScope => "产品超出证书范围",
        StatusMisuse => "证书失效后仍在使用",
        IssuanceVolume => "发证量异常",
        UnapprovedScope => "超出批准范围发证",
        ShortIssueTime => "申请至发证时间过短",
        BodyRevocationRate => "机构证书暂停撤销注销比例异常",
        HolderRevocationRate => "持证人证书暂停撤销注销过多",
        FeeOutlier => "认证收费偏离常规",
        ListedHolder => "向失信名单主体发证",
        _ => rule,
    };

    public static string NameEn(string rule) => rule switch
    {
        ForgedNumber => "suspected forged number",
        HolderMismatch => "suspected borrowed or traded certificate",
        OutOfScope => "product outside the certificate's scope",
        StatusMisuse => "certificate used after it lapsed",
        IssuanceVolume => "unusual issuance volume",
        UnapprovedScope => "issued outside the approved scope",
        ShortIssueTime => "implausibly short application-to-issue time",
        BodyRevocationRate => "unusual share of suspended, withdrawn or revoked certificates",
        HolderRevocationRate => "many suspended, withdrawn or revoked certificates",
        FeeOutlier => "fee far from the norm",
        ListedHolder => "issued to a holder on the serious-dishonesty list",
        _ => rule,
    };

    /// <summary>The rule ids stored in a signal's method ("cert:forged-number+status-misuse").</summary>
    public static IReadOnlyList<string> FromMethod(string? method)
    {
        if (method is null || !method.StartsWith(FindingSignals.MethodPrefix, StringComparison.Ordinal))
            return [];
        return [.. method[FindingSignals.MethodPrefix.Length..].Split('+', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split('(')[0]).Where(All.Contains)];
    }
}

/// <summary>
/// Series-key ids for subjects that are not registered enterprises: certification bodies (by their registry key, so
/// seed bodies without a database row have one too) and holders known only by credit code. Negative, so they never
/// collide with enterprise ids; stable across runs and machines (FNV-1a of the key).
/// </summary>
public static class SubjectKeys
{
    public static long Body(string bodyKey) => Of("body:" + bodyKey);

    public static long Holder(string creditCodeOrName) => Of("holder:" + creditCodeOrName);

    private static long Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        // 52 bits: exact in JSON numbers read as doubles; +1 so it is never zero.
        return -(long)((hash & 0xF_FFFF_FFFF_FFFFUL) + 1);
    }
}
