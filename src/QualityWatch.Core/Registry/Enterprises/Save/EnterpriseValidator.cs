using QualityWatch.Core.Access;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Registry.Enterprises.Save;

/// <summary>Field rules shared by the API, the upload and the CLI import, so all three reject the same rows.</summary>
public static class EnterpriseValidator
{
    public static ValidatedEnterprise Validate(EnterpriseInput input, IReadOnlySet<string> countyCodes, AccessScope scope)
    {
        var v = new ValidatedEnterprise();
        v.Name = input.Name?.Trim() ?? "";
        if (v.Name.Length == 0)
            v.Fail("name", "企业名称不能为空 (name is required)");
        else if (v.Name.Length > 256)
            v.Fail("name", "企业名称过长 (name longer than 256 characters)");

        var check = CreditCode.Check(input.CreditCode);
        v.CreditCode = check.Normalised;
        v.CreditCodeStatus = check.Status;
        if (v.CreditCode.Length == 0)
            v.Fail("creditCode", "统一社会信用代码不能为空 (credit code is required)");
        else if (check.Status == CreditCodeStatus.Invalid)
            v.Fail("creditCode", $"统一社会信用代码格式错误：{check.Problem}");
        else if (check.Status == CreditCodeStatus.NeedsVerification)
            v.Warnings.Add($"统一社会信用代码 {v.CreditCode} 需核实：{check.Problem}");

        v.RegionCode = input.RegionCode?.Trim() ?? "";
        if (v.RegionCode.Length == 0)
            v.Fail("regionCode", "所在地区代码不能为空 (region code is required)");
        else if (!countyCodes.Contains(v.RegionCode))
            v.Fail("regionCode", $"所在地区代码 {v.RegionCode} 不是有效的县级行政区划代码 (not a GB/T 2260 county code)");
        else if (!scope.Covers(v.RegionCode))
            v.Fail("regionCode", $"所在地区 {v.RegionCode} 不在您的管辖范围内 (outside your region)");

        if (input.Types is { Count: > 0 })
        {
            if (EnterpriseTypeNames.TryParseList(input.Types, out var types, out var unknown))
                v.Types = types;
            else
                v.Fail("types", $"未知的企业类型“{unknown}” (unknown enterprise type)");
        }

        if (!string.IsNullOrWhiteSpace(input.Status))
        {
            if (TryParseStatus(input.Status, out var status))
                v.Status = status;
            else
                v.Fail("status", $"未知的经营状态“{input.Status}” (unknown status)");
        }
        if (input.Address is { Length: > 512 })
            v.Fail("address", "地址过长 (address longer than 512 characters)");
        if (input.LegalRepresentative is { Length: > 64 })
            v.Fail("legalRepresentative", "法定代表人过长 (longer than 64 characters)");
        return v;
    }

    public static bool TryParseStatus(string text, out EnterpriseStatus status)
    {
        var t = text.Trim();
        status = t switch
        {
            "存续" or "在业" or "开业" or "正常" => EnterpriseStatus.Active,
            "停业" or "暂停" => EnterpriseStatus.Suspended,
            "吊销" => EnterpriseStatus.Revoked,
            "注销" => EnterpriseStatus.Deregistered,
            _ => (EnterpriseStatus)(-1),
        };
        if ((int)status >= 0)
            return true;
        return Enum.TryParse(t, ignoreCase: true, out status) && Enum.IsDefined(status);
    }
}
