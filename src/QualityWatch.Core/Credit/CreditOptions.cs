using System.ComponentModel.DataAnnotations;

namespace QualityWatch.Core.Credit;

/// <summary>
/// Settings of the credit module (section "Credit"). The defaults follow the sources in docs/credit.md: a 5-day objection
/// window (2025 revision draft of SAMR Order No. 44, [secondary]), 3 years listed and restoration after 1 year
/// ([unconfirmed]); a deployment changes them here, not in code, when the final text says otherwise.
/// </summary>
public sealed class CreditOptions : IValidatableObject
{
    public const string Section = "Credit";

    /// <summary>Calendar days after publication during which the party may object.</summary>
    [Range(1, 60)]
    public int ObjectionDays { get; set; } = 5;

    /// <summary>Years a listing stays in force from publication unless it is restored or withdrawn earlier.</summary>
    [Range(1, 10)]
    public int ListingYears { get; set; } = 3;

    /// <summary>Years after publication from which credit restoration (信用修复) may be requested and granted.</summary>
    [Range(0, 10)]
    public int RestorableAfterYears { get; set; } = 1;

    /// <summary>The measures used when <see cref="DefaultMeasures"/> is not configured.</summary>
    public static readonly IReadOnlyList<string> StandardMeasures = ["列为重点监管对象", "提高抽查比例和频次", "不适用告知承诺制", "限制评优评先", "认证申请从严审查"];

    /// <summary>
    /// Management measures a new listing carries when the decision names none. Null means <see cref="StandardMeasures"/>:
    /// the configuration binder appends to a list that already has items, so the defaults cannot live in the list itself.
    /// </summary>
    public List<string>? DefaultMeasures { get; set; }

    public IReadOnlyList<string> EffectiveMeasures => DefaultMeasures is { Count: > 0 } configured ? configured : StandardMeasures;

    /// <summary>Cron expression (Quartz, Beijing time) of the daily job that closes objection windows and ends listing periods.</summary>
    [Required]
    public string ExpirySchedule { get; set; } = "0 30 0 * * ?";

    /// <summary>When false the scheduler does not run the expiry job (tests); `qw credit expire` still works.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RestorableAfterYears >= ListingYears)
            yield return new ValidationResult($"Credit:RestorableAfterYears ({RestorableAfterYears}) must be less than Credit:ListingYears ({ListingYears})");
        if (EffectiveMeasures.Any(m => string.IsNullOrWhiteSpace(m) || m.Length > ListingRules.MaxMeasureLength))
            yield return new ValidationResult($"Credit:DefaultMeasures: every measure needs 1–{ListingRules.MaxMeasureLength} characters");
    }
}
