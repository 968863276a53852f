using QualityWatch.Core.Certification.Snapshot;

namespace QualityWatch.Core.Certification.Lifecycle;

/// <summary>A lifecycle event that cannot be recorded, with the reason in Chinese and English.</summary>
public sealed record LifecycleViolation(string Field, string Zh, string En)
{
    public string Message => $"{Zh} ({En})";
}

/// <summary>
/// Which lifecycle events may follow which status. The history is replayed with the new event in date order, so a
/// late-reported suspension is accepted where it fits and refused where it would contradict later events: a
/// withdrawn (注销) or revoked (撤销) certificate is final and nothing may follow.
/// </summary>
public static class LifecycleRules
{
    /// <summary>The status recorded on <c>CertificateRecord.Status</c>: from the events alone, without the expiry date.</summary>
    public static CertificateStatus StatusFromEvents(IEnumerable<LifecycleEvent> ordered)
    {
        var status = CertificateStatus.Valid;
        foreach (var e in ordered)
        {
            if (status is CertificateStatus.Withdrawn or CertificateStatus.Revoked)
                break;
            status = e.Kind switch
            {
                LifecycleEventKind.Issued or LifecycleEventKind.Resumed => CertificateStatus.Valid,
                LifecycleEventKind.Suspended => CertificateStatus.Suspended,
                LifecycleEventKind.Withdrawn => CertificateStatus.Withdrawn,
                LifecycleEventKind.Revoked => CertificateStatus.Revoked,
                LifecycleEventKind.Expired => CertificateStatus.Expired,
                _ => status,
            };
        }
        return status;
    }

    /// <summary>Events in the order they apply: by date, and on one date in the order they were recorded.</summary>
    public static List<LifecycleEvent> Insert(IReadOnlyList<LifecycleEvent> ordered, LifecycleEvent added)
    {
        var list = new List<LifecycleEvent>(ordered.Count + 1);
        var placed = false;
        foreach (var e in ordered)
        {
            if (!placed && e.Date > added.Date)
            {
                list.Add(added);
                placed = true;
            }
            list.Add(e);
        }
        if (!placed)
            list.Add(added);
        return list;
    }

    /// <summary>
    /// Null when <paramref name="added"/> can join the certificate's history; otherwise why not. Events after it are
    /// replayed too, because a withdrawal inserted before a later suspension would make that suspension impossible.
    /// </summary>
    public static LifecycleViolation? Check(Certificate certificate, LifecycleEvent added, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(added);
        if (added.Date > today)
            return new("date", $"日期 {added.Date:yyyy-MM-dd} 晚于今天（{today:yyyy-MM-dd}）", $"{added.Date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd})");
        if (added.Date < certificate.IssuedOn)
            return new("date", $"日期 {added.Date:yyyy-MM-dd} 早于颁证日期 {certificate.IssuedOn:yyyy-MM-dd}",
                $"{added.Date:yyyy-MM-dd} is before the issue date {certificate.IssuedOn:yyyy-MM-dd}");
        if (added.Kind == LifecycleEventKind.Issued && added.Date != certificate.IssuedOn)
            return new("date", $"颁发事件的日期应为颁证日期 {certificate.IssuedOn:yyyy-MM-dd}", $"an issue event must be dated on the issue date {certificate.IssuedOn:yyyy-MM-dd}");
        var events = Insert(certificate.Events, added);
        // Insert puts the new event after every event of an earlier or the same date.
        var start = certificate.Events.Count(e => e.Date <= added.Date);
        for (var i = start; i < events.Count; i++)
        {
            var e = events[i];
            var before = (certificate with { Events = events.GetRange(0, i) }).StatusOn(e.Date);
            if (Allowed(before, e.Kind))
                continue;
            var (zh, en) = Describe(before);
            return i == start
                ? new("kind", $"{e.Date:yyyy-MM-dd} 证书{zh}，不能{ActionZh(e.Kind)}{Final(before)}", $"on {e.Date:yyyy-MM-dd} the certificate is {en}, so it cannot be {ActionEn(e.Kind)}{FinalEn(before)}")
                : new("date", $"与之后的记录冲突：{e.Date:yyyy-MM-dd} 的“{ActionZh(e.Kind)}”将无法成立（届时证书{zh}）",
                    $"conflicts with a later record: '{ActionEn(e.Kind)}' on {e.Date:yyyy-MM-dd} would no longer be possible (the certificate would be {en})");
        }
        return null;
    }

    /// <summary>Whether an event of <paramref name="kind"/> may happen to a certificate in <paramref name="status"/>.</summary>
    public static bool Allowed(CertificateStatus status, LifecycleEventKind kind) => (status, kind) switch
    {
        (CertificateStatus.Withdrawn or CertificateStatus.Revoked, _) => false,
        (_, LifecycleEventKind.Issued) => true,
        (CertificateStatus.NotYetIssued, _) => false,
        (CertificateStatus.Valid or CertificateStatus.Suspended, LifecycleEventKind.Changed) => true,
        (CertificateStatus.Valid, LifecycleEventKind.Suspended) => true,
        (CertificateStatus.Suspended, LifecycleEventKind.Resumed) => true,
        (CertificateStatus.Valid or CertificateStatus.Suspended or CertificateStatus.Expired, LifecycleEventKind.Withdrawn or LifecycleEventKind.Revoked) => true,
        (CertificateStatus.Valid or CertificateStatus.Suspended, LifecycleEventKind.Expired) => true,
        _ => false,
    };

    public static string ActionZh(LifecycleEventKind k) => k switch
    {
        LifecycleEventKind.Issued => "颁发",
        LifecycleEventKind.Changed => "变更",
        LifecycleEventKind.Suspended => "暂停",
        LifecycleEventKind.Resumed => "恢复",
        LifecycleEventKind.Withdrawn => "注销",
        LifecycleEventKind.Revoked => "撤销",
        LifecycleEventKind.Expired => "登记过期",
        _ => k.ToString(),
    };

    public static string ActionEn(LifecycleEventKind k) => k switch
    {
        LifecycleEventKind.Issued => "issued",
        LifecycleEventKind.Changed => "changed",
        LifecycleEventKind.Suspended => "suspended",
        LifecycleEventKind.Resumed => "resumed",
        LifecycleEventKind.Withdrawn => "withdrawn",
        LifecycleEventKind.Revoked => "revoked",
        LifecycleEventKind.Expired => "marked expired",
        _ => k.ToString(),
    };

    private static (string Zh, string En) Describe(CertificateStatus s) => s switch
    {
        CertificateStatus.NotYetIssued => ("尚未颁发", "not yet issued"),
        CertificateStatus.Valid => ("有效", "valid"),
        CertificateStatus.Suspended => ("已暂停", "suspended"),
        CertificateStatus.Withdrawn => ("已注销", "withdrawn"),
        CertificateStatus.Revoked => ("已撤销", "revoked"),
        CertificateStatus.Expired => ("已过期", "expired"),
        _ => (s.ToString(), s.ToString()),
    };

    private static string Final(CertificateStatus s) => s is CertificateStatus.Withdrawn or CertificateStatus.Revoked ? "（注销和撤销是最终状态）" : "";

    private static string FinalEn(CertificateStatus s) => s is CertificateStatus.Withdrawn or CertificateStatus.Revoked ? " (withdrawal and revocation are final)" : "";
}
