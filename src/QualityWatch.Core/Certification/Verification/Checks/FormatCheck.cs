using QualityWatch.Core.Certification.Numbers;

namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>The number's format per scheme (identifiers.md §3–§7), plus dates the format carries that the query date contradicts.</summary>
internal sealed class FormatCheck : IVerificationCheck
{
    public string Id => CheckIds.Format;

    public void Run(VerificationContext c)
    {
        var problems = c.Parse.Problems.ToList();
        if (c.Number is { } n)
            problems.AddRange(n.Problems);
        if (c.MarkedBodyNumber is { } b)
            problems.AddRange(b.Problems);
        if (c.Number?.Fields.Year is { } year)
        {
            if (year > c.AsOf.Year)
            {
                problems.Add(new("year-future", Severity.Critical, $"编号中的年份 {year} 晚于查询日期", $"the year {year} in the number is after the query date"));
            }
            else if (c.Certificate is { } cert && year > cert.IssuedOn.Year && c.Number.Kind is not NumberKind.LaMark)
            {
                problems.Add(new("year-after-issue", Severity.Warning, $"编号中的首次发证年份 {year} 晚于登记的发证日期 {cert.IssuedOn:yyyy-MM-dd}",
                    $"the first-issue year {year} in the number is after the recorded issue date {cert.IssuedOn:yyyy-MM-dd}"));
            }
        }

        var failing = problems.Where(p => p.Severity != Severity.Info).ToList();
        var notes = problems.Where(p => p.Severity == Severity.Info).ToList();
        var what = c.Number ?? c.MarkedBodyNumber;
        var headZh = what is null ? "" : $"识别为{what.Kind.Zh()}“{what.Normalised}”";
        var headEn = what is null ? "" : $"recognised as {what.Kind.En()} '{what.Normalised}'";
        if (failing.Count == 0)
        {
            c.Pass(Id, Join(headZh + "，格式符合", notes.Select(p => p.MessageZh), "；"), Join(headEn + ", format is valid", notes.Select(p => p.MessageEn), "; "));
            return;
        }
        var severity = failing.Any(p => p.Severity == Severity.Critical) ? Severity.Critical : Severity.Warning;
        c.Fail(Id, severity,
            Join(headZh.Length > 0 ? headZh + "，格式不符" : "格式不符", failing.Concat(notes).Select(p => p.MessageZh), "；"),
            Join(headEn.Length > 0 ? headEn + ", format problems" : "format problems", failing.Concat(notes).Select(p => p.MessageEn), "; "));
    }

    private static string Join(string head, IEnumerable<string> parts, string sep)
    {
        var rest = string.Join(sep, parts);
        return rest.Length == 0 ? head : head + (sep == "；" ? "：" : ": ") + rest;
    }
}
