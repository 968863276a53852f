using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace QualityWatch.Core.Paging;

/// <summary>A page of a list: the items and an opaque cursor for the next page (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset pagination on the ascending id: stable across pages even while rows are inserted,
/// and as fast on page 1,000 as on page 1. The cursor is opaque to clients.
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    public static string Encode(long lastId) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("v1:" + lastId.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string? cursor, out long lastId)
    {
        lastId = 0;
        if (string.IsNullOrEmpty(cursor))
            return true;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith("v1:", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out lastId);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Validation errors for limit and cursor, keyed by query parameter name, or null when both are fine.</summary>
    public static Dictionary<string, string[]>? Validate(int? limit, string? cursor, out int take, out long after)
    {
        var cursorOk = TryDecode(cursor, out after);
        return Errors(limit, DefaultLimit, cursorOk, out take);
    }

    /// <summary>The same for lists keyed by a string; <paramref name="defaultLimit"/> applies when no limit is given.</summary>
    public static Dictionary<string, string[]>? ValidateKey(int? limit, string? cursor, int defaultLimit, out int take, out string after)
    {
        var cursorOk = TryDecodeKey(cursor, out after);
        return Errors(limit, defaultLimit, cursorOk, out take);
    }

    private static Dictionary<string, string[]>? Errors(int? limit, int defaultLimit, bool cursorOk, out int take)
    {
        Dictionary<string, string[]>? errors = null;
        take = limit ?? defaultLimit;
        if (take is < 1 or > MaxLimit)
            (errors ??= [])["limit"] = [$"limit must be between 1 and {MaxLimit}"];
        if (!cursorOk)
            (errors ??= [])["cursor"] = ["cursor is not a value returned by this API"];
        return errors;
    }

    /// <summary>For lists keyed by a string (region codes).</summary>
    public static string EncodeKey(string lastKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("k1:" + lastKey));

    public static bool TryDecodeKey(string? cursor, out string lastKey)
    {
        lastKey = "";
        if (string.IsNullOrEmpty(cursor))
            return true;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (!text.StartsWith("k1:", StringComparison.Ordinal))
                return false;
            lastKey = text[3..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static Page<T> ToPage<T>(List<T> rowsPlusOne, int take, Func<T, long> id) =>
        rowsPlusOne.Count > take
            ? new Page<T>(rowsPlusOne.GetRange(0, take), Encode(id(rowsPlusOne[take - 1])))
            : new Page<T>(rowsPlusOne, null);
}
