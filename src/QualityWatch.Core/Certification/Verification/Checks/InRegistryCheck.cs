namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>
/// Whether the number is in the registry. Absence alone proves nothing (the registry may be incomplete), so it only
/// informs, unless the claimed holder is registered with other certificates of the same scheme: then the number
/// looks forged.
/// </summary>
internal sealed class InRegistryCheck : IVerificationCheck
{
    public string Id => CheckIds.InRegistry;

    public void Run(VerificationContext c)
    {
        if (c.Certificate is { } cert)
        {
            var issuer = c.Registry.BodyById(cert.IssuerBodyId);
            var more = c.OtherCandidates.Count > 0 ? $"（另有 {c.OtherCandidates.Count} 条同号记录）" : "";
            var moreEn = c.OtherCandidates.Count > 0 ? $" ({c.OtherCandidates.Count} other record(s) share the number)" : "";
            c.Pass(Id,
                $"登记库中有该证书：{cert.Scheme.Zh()} {cert.Number}，持证人 {cert.HolderName}，{issuer?.NameZh ?? cert.IssuerBodyId} 于 {cert.IssuedOn:yyyy-MM-dd} 颁发{more}",
                $"found in the registry: {cert.Scheme.En()} {cert.Number}, holder {cert.HolderName}, issued by {issuer?.NameEn ?? cert.IssuerBodyId} on {cert.IssuedOn:yyyy-MM-dd}{moreEn}");
            return;
        }
        if (c.Number is null)
        {
            if (c.MarkedBodyNumber is { } b)
            {
                c.Fail(Id, Severity.Info, $"只识别出机构编号 {b.Normalised}，没有证书编号，无法在登记库中查证证书",
                    $"only a body number ({b.Normalised}) was given, no certificate number, so no certificate could be looked up");
            }
            return;
        }
        var holderCode = c.Request.ClaimedHolderCreditCode;
        var holderCerts = c.Registry.ByHolderCreditCode(holderCode).Where(x => x.Scheme == c.Scheme).ToList();
        if (holderCerts.Count > 0)
        {
            var sample = string.Join("、", holderCerts.Take(3).Select(x => x.Number));
            c.Fail(Id, Severity.Warning,
                $"登记库中没有编号 {c.Number.Normalised}；而声称持证人（{holderCode}）登记有 {holderCerts.Count} 张{c.Scheme?.Zh()}（如 {sample}），均非此号：疑似伪造编号",
                $"{c.Number.Normalised} is not in the registry, while the claimed holder ({holderCode}) has {holderCerts.Count} {c.Scheme?.En()} certificate(s) (e.g. {sample}), none with this number: the number looks forged");
            return;
        }
        c.Fail(Id, Severity.Info, $"登记库中没有编号 {c.Number.Normalised} 的证书，须向发证机关的登记系统核实",
            $"no certificate numbered {c.Number.Normalised} is in the registry; check the issuer's own register");
    }
}
