namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>
/// For CE claims, only an "EU type-examination certificate" under 2016/425 counts; "Certificate of Compliance",
/// "Voluntary", "Attestation of conformity" and "Verification of compliance" documents do not (identifiers.md §6.1).
/// </summary>
internal sealed class DocumentTitleCheck : IVerificationCheck
{
    public string Id => CheckIds.DocumentTitle;

    public void Run(VerificationContext c)
    {
        var eu = c.Scheme?.IsEu() == true || c.MarkedBodyNumber is not null;
        if (!eu || string.IsNullOrWhiteSpace(c.Request.FreeText) && string.IsNullOrWhiteSpace(c.Request.Markings))
            return;
        var title = PpeFacts.MisleadingTitles.FirstOrDefault(t => c.ClaimText.Contains(t, StringComparison.Ordinal));
        if (title is null)
        {
            c.Pass(Id, "文件标题中没有“Certificate of Compliance”“Voluntary”等非 CE 证书用语", "the document uses none of the non-CE titles ('Certificate of Compliance', 'Voluntary' …)");
            return;
        }
        c.Fail(Id, Severity.Critical, $"文件标题含“{title}”：CE 依据必须是依 (EU) 2016/425 颁发的欧盟型式检验证书，此类文件不是",
            $"the document says '{title}': the basis for CE must be an EU type-examination certificate under (EU) 2016/425, which this is not");
    }
}
