using System.Globalization;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Products;

namespace QualityWatch.Web.Ui;

/// <summary>Small helpers the pages share: the UI language and culture-dependent names of coded values.</summary>
public static class UiCulture
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>The product category's name in the UI language (the taxonomy carries both).</summary>
    public static string CategoryName(string code)
    {
        var c = ProductCategories.Find(code);
        return c is null ? code : IsChinese ? c.NameZh : c.NameEn;
    }

    /// <summary>Resource keys of the enterprise types, e.g. <c>EnterpriseType.producer</c>.</summary>
    public static IEnumerable<(EnterpriseTypes Type, string Api)> EnterpriseTypeList() =>
        Enum.GetValues<EnterpriseTypes>().Where(t => t != EnterpriseTypes.None)
            .Select(t => (t, EnterpriseTypeNames.ToApi(t)[0]));

    public static string FormatNumber(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string FormatTime(DateTimeOffset value) =>
        value.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

public static class LocalizerExtensions
{
    /// <summary>The string for <c>prefix + "." + value</c>, or the value itself when the table has no entry for it.</summary>
    public static string Label(this Microsoft.Extensions.Localization.IStringLocalizer t, string prefix, string value)
    {
        var s = t[prefix + "." + value];
        return s.ResourceNotFound ? value : s.Value;
    }
}
