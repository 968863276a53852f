using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>The certificate's status on the query date, from its lifecycle history and expiry date.</summary>
internal sealed class StatusOnDateCheck : IVerificationCheck
{
    public string Id => CheckIds.StatusOnDate;

    public void Run(VerificationContext c)
    {
        if (c.Certificate is not { } cert)
            return;
        var status = cert.StatusOn(c.AsOf, out var cause);
        var on = $"{c.AsOf:yyyy-MM-dd}";
        var note = cause?.Note is { Length: > 0 } n ? $"（{n}）" : "";
        var noteEn = cause?.Note is { Length: > 0 } m ? $" ({m})" : "";
        switch (status)
        {
            case CertificateStatus.NotYetIssued:
                c.Fail(Id, Severity.Critical, $"证书发证日期为 {cert.IssuedOn:yyyy-MM-dd}，查询日 {on} 尚未颁发", $"the certificate is dated {cert.IssuedOn:yyyy-MM-dd}, after the query date {on}");
                return;
            case CertificateStatus.Expired:
                var when = cert.ExpiresOn is { } e && (cause is null || cause.Kind != LifecycleEventKind.Expired) ? e : cause?.Date ?? cert.IssuedOn;
                c.Fail(Id, Severity.Critical, $"证书已于 {when:yyyy-MM-dd} 过期，查询日 {on} 无效{note}", $"the certificate expired on {when:yyyy-MM-dd} and is not valid on {on}{noteEn}");
                return;
            case CertificateStatus.Suspended or CertificateStatus.Withdrawn or CertificateStatus.Revoked:
                var (zh, en) = status switch
                {
                    CertificateStatus.Suspended => ("暂停", "suspended"),
                    CertificateStatus.Withdrawn => ("注销", "withdrawn"),
                    _ => ("撤销", "revoked"),
                };
                c.Fail(Id, Severity.Critical, $"证书已于 {cause?.Date:yyyy-MM-dd} 被{zh}{note}，查询日 {on} 仍在使用即属无效",
                    $"the certificate was {en} on {cause?.Date:yyyy-MM-dd}{noteEn}; using it on {on} is invalid");
                return;
        }
        if (cert.Legislation is { } l && Legislation.Same(l, PpeFacts.PpeDirective) && c.AsOf >= PpeFacts.DirectiveCertificatesValidUntil)
        {
            c.Fail(Id, Severity.Warning, $"依 89/686/EEC 颁发的 EC 型式检验证书在 {PpeFacts.DirectiveCertificatesValidUntil:yyyy-MM-dd} 后失效（(EU) 2016/425 第 47 条，待核实）",
                $"EC type-examination certificates under 89/686/EEC lapsed on {PpeFacts.DirectiveCertificatesValidUntil:yyyy-MM-dd} (Art. 47 of (EU) 2016/425; unconfirmed)");
            return;
        }
        var lastAudit = cert.Audits.Where(a => a.Date <= c.AsOf).MaxBy(a => a.Date);
        if (lastAudit is { Passed: false })
        {
            c.Fail(Id, Severity.Warning, $"证书显示有效，但最近一次监督审核（{lastAudit.Date:yyyy-MM-dd}）未通过{(lastAudit.Note is null ? "" : "：" + lastAudit.Note)}",
                $"the certificate shows as valid, but the last surveillance audit ({lastAudit.Date:yyyy-MM-dd}) failed{(lastAudit.Note is null ? "" : ": " + lastAudit.Note)}");
            return;
        }
        var until = cert.ExpiresOn is { } x ? $"，有效期至 {x:yyyy-MM-dd}" : "";
        var untilEn = cert.ExpiresOn is { } y ? $", valid until {y:yyyy-MM-dd}" : "";
        c.Pass(Id, $"查询日 {on} 证书有效{until}", $"valid on {on}{untilEn}");
    }
}
