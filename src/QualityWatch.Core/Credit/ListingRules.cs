namespace QualityWatch.Core.Credit;

/// <summary>Limits and names every credit operation shares (they follow the column sizes of <see cref="DishonestyListing"/>).</summary>
public static class ListingRules
{
    public const int MaxNameLength = 256;
    public const int MaxCategoryLength = 64;
    public const int MaxLegalBasisLength = 1000;
    public const int MaxDecisionNumberLength = 64;
    public const int MaxAuthorityLength = 256;
    public const int MaxTextLength = 4000;
    public const int MaxCaseNumberLength = 64;
    public const int MaxMeasureLength = 64;
    public const int MaxMeasures = 20;

    /// <summary>
    /// Fields of SAMR Order No. 44 (quality and safety among them); offered as suggestions in forms. The column is free
    /// text because local lists use their own wording.
    /// </summary>
    public static readonly IReadOnlyList<string> SuggestedCategories =
        ["产品质量", "认证认可", "医疗器械", "食品安全", "药品", "化妆品", "特种设备", "计量", "标准化", "消费者权益保护", "公平竞争", "广告", "其他"];

    /// <summary>States in which the listing is in force and public (the public query shows these with their details).</summary>
    public static readonly IReadOnlyList<ListingState> InForce = [ListingState.Published, ListingState.Objected, ListingState.Listed];

    /// <summary>States after which the listing has left the list (shown publicly as 已移出 without the details).</summary>
    public static readonly IReadOnlyList<ListingState> Removed = [ListingState.Restored, ListingState.Expired];

    public static string StateZh(ListingState state) => state switch
    {
        ListingState.Decided => "已决定未公示",
        ListingState.Published => "公示中（异议期）",
        ListingState.Objected => "异议处理中",
        ListingState.Listed => "列入中",
        ListingState.Restored => "已信用修复移出",
        ListingState.Expired => "期满移出",
        ListingState.Withdrawn => "已撤销列入",
        _ => state.ToString(),
    };

    /// <summary>The API's spelling of a state: camelCase like every other enum the API writes.</summary>
    public static string Api(ListingState state) => state.ToString().ToLowerInvariant();

    public static bool TryParseState(string? text, out ListingState state)
    {
        state = default;
        var t = text?.Trim();
        return !string.IsNullOrEmpty(t) && !char.IsAsciiDigit(t[0]) && Enum.TryParse(t, ignoreCase: true, out state) && Enum.IsDefined(state);
    }
}

/// <summary>The kinds of <see cref="ListingEvent"/>: every step of a listing's life writes one.</summary>
public static class ListingEventKinds
{
    public const string Decided = "decided";
    public const string Imported = "imported";
    public const string Updated = "updated";
    public const string Published = "published";
    public const string Objected = "objected";
    public const string ObjectionRejected = "objection-rejected";
    public const string ObjectionUpheld = "objection-upheld";
    public const string WindowClosed = "window-closed";
    public const string RestorationRequested = "restoration-requested";
    public const string RestorationRefused = "restoration-refused";
    public const string Restored = "restored";
    public const string Expired = "expired";

    public static readonly IReadOnlyList<string> All =
        [Decided, Imported, Updated, Published, Objected, ObjectionRejected, ObjectionUpheld, WindowClosed, RestorationRequested, RestorationRefused, Restored, Expired];

    public static string NameZh(string kind) => kind switch
    {
        Decided => "作出列入决定",
        Imported => "导入列入决定",
        Updated => "更正列入信息",
        Published => "公示",
        Objected => "提出异议",
        ObjectionRejected => "异议不成立",
        ObjectionUpheld => "异议成立，撤销列入",
        WindowClosed => "异议期届满",
        RestorationRequested => "申请信用修复",
        RestorationRefused => "不予信用修复",
        Restored => "信用修复，提前移出",
        Expired => "列入期满，移出",
        _ => kind,
    };
}

/// <summary>Dates of the credit workflow are Beijing calendar dates, whatever the server's time zone.</summary>
public static class CreditCalendar
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaOffset).DateTime);

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
