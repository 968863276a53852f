using QualityWatch.Core.Access;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Credit.Decide;

/// <summary>
/// The checks a decision passes before it is stored, shared by the form, the API and the import so all three refuse the
/// same things with the same words. Errors are keyed by the API field name.
/// </summary>
public static class DecisionFields
{
    public static ValidDecision? Validate(DecisionInput input, DateOnly today, IReadOnlyList<string> defaultMeasures, Dictionary<string, string[]> errors)
    {
        var code = CreditCode.Check(input.CreditCode);
        if (string.IsNullOrWhiteSpace(input.CreditCode))
            errors["creditCode"] = ["必填 (required)"];
        else if (code.Status == CreditCodeStatus.Invalid)
            errors["creditCode"] = [$"不是有效的统一社会信用代码：{code.Problem} (not a unified social credit code)"];

        var name = Text(input.EntityName, "entityName", ListingRules.MaxNameLength, required: false, errors);
        var category = Text(input.Category, "category", ListingRules.MaxCategoryLength, required: true, errors);
        var legalBasis = Text(input.LegalBasis, "legalBasis", ListingRules.MaxLegalBasisLength, required: true, errors);
        var number = Text(input.DecisionNumber, "decisionNumber", ListingRules.MaxDecisionNumberLength, required: true, errors);
        var authority = Text(input.Authority, "authority", ListingRules.MaxAuthorityLength, required: true, errors);
        var reason = Text(input.Reason, "reason", ListingRules.MaxTextLength, required: true, errors);
        var caseNumber = Text(input.CaseNumber, "caseNumber", ListingRules.MaxCaseNumberLength, required: false, errors);

        if (input.DecidedOn is not { } decided)
            errors["decidedOn"] = ["必填 (required)"];
        else if (decided > today)
            errors["decidedOn"] = [$"列入日期 {CreditCalendar.Format(decided)} 晚于今天 (the decision date is in the future)"];
        else if (decided.Year < 2000)
            errors["decidedOn"] = ["列入日期早于 2000 年 (the decision date is before 2000)"];

        var measures = (input.Measures ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (measures.Count > ListingRules.MaxMeasures)
            errors["measures"] = [$"最多 {ListingRules.MaxMeasures} 项管理措施 (at most {ListingRules.MaxMeasures} measures)"];
        else if (measures.FirstOrDefault(m => m.Length > ListingRules.MaxMeasureLength) is { } longOne)
            errors["measures"] = [$"“{longOne[..20]}…”超过 {ListingRules.MaxMeasureLength} 个字符 (a measure is longer than {ListingRules.MaxMeasureLength} characters)"];

        if (errors.Count > 0)
            return null;
        return new ValidDecision(code.Normalised, name, category!, legalBasis!, number!, input.DecidedOn!.Value, authority!, reason!, caseNumber,
            measures.Count > 0 ? measures : [.. defaultMeasures]);
    }

    /// <summary>
    /// GB 32100 positions 3–8 are the registering authority's division code: the entity's county (or its city or province
    /// when registered there), which is what decides who sees an unpublished listing of an unregistered entity.
    /// </summary>
    public static string RegionFromCreditCode(string normalisedCode) =>
        normalisedCode.Length >= 8 && normalisedCode.AsSpan(2, 6).IndexOfAnyExceptInRange('0', '9') < 0
            ? normalisedCode.Substring(2, 6)
            : RegionCodes.National;

    private static string? Text(string? value, string field, int max, bool required, Dictionary<string, string[]> errors)
    {
        var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (v is null)
        {
            if (required)
                errors[field] = ["必填 (required)"];
            return null;
        }
        if (v.Length > max)
            errors[field] = [$"超过 {max} 个字符 (longer than {max} characters)"];
        return v;
    }
}
