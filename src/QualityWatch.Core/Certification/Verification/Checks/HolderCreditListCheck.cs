using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>The holder's credit-list status: on the serious-dishonesty list on the query date (or when the certificate was issued) is a warning sign.</summary>
internal sealed class HolderCreditListCheck : IVerificationCheck
{
    public string Id => CheckIds.HolderCreditList;

    public void Run(VerificationContext c)
    {
        var raw = c.Request.ClaimedHolderCreditCode ?? c.Certificate?.HolderCreditCode;
        if (string.IsNullOrWhiteSpace(raw))
            return;
        var code = CreditCode.Normalise(raw);
        var listings = c.Registry.CreditListingsOf(code);
        var now = listings.FirstOrDefault(l => l.Kind == CreditListKind.SeriousDishonesty && l.ActiveOn(c.AsOf));
        if (now is not null)
        {
            c.Fail(Id, Severity.Warning, $"持证人（{code}）自 {now.ListedOn:yyyy-MM-dd} 起被{now.Authority ?? "市场监管部门"}列入严重违法失信名单{Reason(now, true)}",
                $"the holder ({code}) has been on the serious-dishonesty list since {now.ListedOn:yyyy-MM-dd}{(now.Authority is null ? "" : " (" + now.Authority + ")")}{Reason(now, false)}");
            return;
        }
        if (c.Certificate is { } cert && listings.FirstOrDefault(l => l.Kind == CreditListKind.SeriousDishonesty && l.ActiveOn(cert.IssuedOn)) is { } then)
        {
            c.Fail(Id, Severity.Warning, $"发证时（{cert.IssuedOn:yyyy-MM-dd}）持证人在严重违法失信名单中（{then.ListedOn:yyyy-MM-dd} 列入）{Reason(then, true)}",
                $"the holder was on the serious-dishonesty list when the certificate was issued ({cert.IssuedOn:yyyy-MM-dd}; listed {then.ListedOn:yyyy-MM-dd}){Reason(then, false)}");
            return;
        }
        if (listings.FirstOrDefault(l => l.Kind == CreditListKind.AbnormalOperations && l.ActiveOn(c.AsOf)) is { } abnormal)
        {
            c.Fail(Id, Severity.Info, $"持证人（{code}）自 {abnormal.ListedOn:yyyy-MM-dd} 起被列入经营异常名录", $"the holder ({code}) has been on the abnormal-operations list since {abnormal.ListedOn:yyyy-MM-dd}");
            return;
        }
        var past = listings.Count > 0 ? $"（历史记录 {listings.Count} 条，均已届满或已信用修复）" : "";
        var pastEn = listings.Count > 0 ? $" ({listings.Count} past listing(s), all ended or restored)" : "";
        c.Pass(Id, $"持证人（{code}）查询日不在信用惩戒名单中{past}", $"the holder ({code}) is on no credit list on the query date{pastEn}");
    }

    private static string Reason(CreditListing l, bool zh) => l.Reason is null ? "" : zh ? $"：{l.Reason}" : $": {l.Reason}";
}
