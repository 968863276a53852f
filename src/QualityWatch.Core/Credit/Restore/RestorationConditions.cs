namespace QualityWatch.Core.Credit.Restore;

/// <summary>One condition an officer confirms before granting restoration.</summary>
public sealed record RestorationCondition(string Code, string NameZh, string NameEn);

/// <summary>
/// The conditions for early removal (提前移出) as the project's notes read SAMR Order No. 44: the penalty's obligations
/// fulfilled, the harm and bad influence removed, no further heavier penalty since listing, and a written commitment to
/// keep faith (守信承诺). [unconfirmed]: the notes do not quote the article; docs/credit.md says so. All are required.
/// </summary>
public static class RestorationConditions
{
    public static readonly IReadOnlyList<RestorationCondition> All =
    [
        new("penalty-fulfilled", "已履行行政处罚决定规定的义务", "the obligations of the penalty decision are fulfilled"),
        new("harm-eliminated", "已主动消除危害后果和不良影响", "the harmful consequences and bad influence are removed"),
        new("no-further-penalty", "列入后未再受到较重行政处罚", "no further heavier administrative penalty since listing"),
        new("commitment", "已提交守信承诺书", "a written commitment to keep faith is on file"),
    ];

    public static RestorationCondition? Find(string code) => All.FirstOrDefault(c => string.Equals(c.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
}
