using QualityWatch.Core.Certification.Numbers;

namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>The claimed product and model are what the certificate covers: a certificate for one product shown for another is the out-of-scope pattern.</summary>
internal sealed class ProductInScopeCheck : IVerificationCheck
{
    public string Id => CheckIds.ProductInScope;

    public void Run(VerificationContext c)
    {
        if (c.Certificate is not { } cert)
            return;
        var product = c.ProductClaimed ? c.Product : null;
        var model = c.Request.Model;
        if (product is null && string.IsNullOrWhiteSpace(model))
            return;
        var covered = cert.ProductCategory is { } code ? $"{code}{(Registry.Products.ProductCategories.Find(code) is { } pc ? "（" + pc.NameZh + "）" : "")}" : "未分类";
        var coveredEn = cert.ProductCategory is { } code2 ? $"{code2}{(Registry.Products.ProductCategories.Find(code2) is { } pc2 ? " (" + pc2.NameEn + ")" : "")}" : "uncategorised";
        if (product is not null && cert.ProductCategory is { } certCategory)
        {
            var mismatch = product.CategoryCode is { } claimed
                ? claimed != certCategory
                : product.Family != ProductFamily.Unknown && product.Family != ClaimedProduct.FamilyOf(certCategory);
            if (mismatch)
            {
                var what = product.CategoryCode ?? product.Family.ToString();
                c.Fail(Id, Severity.Critical, $"证书覆盖的产品为 {covered}，声称的产品（{what}）不在证书范围内", $"the certificate covers {coveredEn}; the claimed product ({what}) is outside its scope");
                return;
            }
        }
        if (!string.IsNullOrWhiteSpace(model) && cert.Models.Count > 0 && !ModelCovered(model, cert.Models))
        {
            var list = string.Join("、", cert.Models.Take(10));
            c.Fail(Id, Severity.Warning, $"型号“{model}”不在证书所列型号中（{list}）", $"model '{model}' is not among the certificate's models ({list})");
            return;
        }
        c.Pass(Id, $"声称的产品{(string.IsNullOrWhiteSpace(model) ? "" : $"及型号“{model}”")}在证书范围内（{covered}）",
            $"the claimed product{(string.IsNullOrWhiteSpace(model) ? "" : $" and model '{model}'")} is within the certificate's scope ({coveredEn})");
    }

    /// <summary>Models are compared without spaces, hyphens and case; "KN95-A 系列" covers "KN95-A01".</summary>
    private static bool ModelCovered(string model, IReadOnlyList<string> models)
    {
        var m = Key(model);
        foreach (var listed in models)
        {
            var k = Key(listed);
            if (k == m)
                return true;
            foreach (var suffix in (ReadOnlySpan<string>)["系列", "SERIES", "*"])
            {
                if (k.EndsWith(suffix, StringComparison.Ordinal) && m.StartsWith(k[..^suffix.Length], StringComparison.Ordinal))
                    return true;
            }
        }
        return false;
    }

    private static string Key(string s)
    {
        var compact = TextFolding.Compact(s);
        return string.Concat(compact.Where(ch => ch is not ('-' or '_' or '/' or '.')));
    }
}
