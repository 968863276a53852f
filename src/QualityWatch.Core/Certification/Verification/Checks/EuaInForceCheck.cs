namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>The FDA respirator EUAs existed only from 2020-03-24 to 2021-07-06 (identifiers.md §7).</summary>
internal sealed class EuaInForceCheck : IVerificationCheck
{
    public string Id => CheckIds.EuaInForce;

    public void Run(VerificationContext c)
    {
        if (c.Scheme != CertificateScheme.FdaEua)
            return;
        if (c.AsOf >= PpeFacts.RespiratorEuasRevoked)
        {
            c.Fail(Id, Severity.Critical, $"FDA 非 NIOSH 认证呼吸器的两项紧急使用授权已于 {PpeFacts.RespiratorEuasRevoked:yyyy-MM-dd} 撤销，不能再作为依据",
                $"both FDA EUAs for non-NIOSH-approved respirators were revoked on {PpeFacts.RespiratorEuasRevoked:yyyy-MM-dd} and cover nothing now");
            return;
        }
        if (c.AsOf < PpeFacts.FirstRespiratorEua)
        {
            c.Fail(Id, Severity.Critical, $"查询日早于首项呼吸器紧急使用授权（{PpeFacts.FirstRespiratorEua:yyyy-MM-dd}）", $"the query date is before the first respirator EUA ({PpeFacts.FirstRespiratorEua:yyyy-MM-dd})");
            return;
        }
        c.Pass(Id, $"查询日在授权期内（{PpeFacts.FirstRespiratorEua:yyyy-MM-dd} 至 {PpeFacts.RespiratorEuasRevoked:yyyy-MM-dd}）；型号须列于附录A（中国制造）或附件1（进口）；2020-05-07 起依检测报告列入的型号已被移除",
            $"the query date is within the EUA period ({PpeFacts.FirstRespiratorEua:yyyy-MM-dd} to {PpeFacts.RespiratorEuasRevoked:yyyy-MM-dd}); the model must be on Appendix A (made in China) or Exhibit 1 (imported); models listed on test reports were removed on 2020-05-07");
    }
}
