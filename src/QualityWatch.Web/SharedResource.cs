namespace QualityWatch.Web;

/// <summary>
/// Marker for the UI's string table: Resources/SharedResource.zh-CN.resx (default) and SharedResource.en.resx.
/// Views use it through <c>IStringLocalizer&lt;SharedResource&gt;</c>, injected as <c>T</c> in _ViewImports.
/// </summary>
public sealed class SharedResource;
