namespace QualityWatch.Browser.Tests;

/// <summary>
/// A fact that needs Debian's Chromium. Without /usr/bin/chromium it is skipped with a message, unless CI=true:
/// then it runs and fails, because a CI run must not pass by skipping its browser tests.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && !IsCi)
            Skip = $"{ChromiumPath} not found: install it with `apt-get install -y chromium fonts-noto-cjk` (set CI=true to fail instead of skipping).";
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
