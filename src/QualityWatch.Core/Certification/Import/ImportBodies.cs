using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Risk.Sources;
using B = QualityWatch.Core.Certification.Import.BodyColumns;

namespace QualityWatch.Core.Certification.Import;

/// <summary>
/// Imports certification bodies, notified bodies and authorities, keyed by <see cref="BodyRecord.Key"/>. Blank cells
/// keep stored values; a 业务范围 cell replaces the body's scopes; a status that differs from the body's latest one
/// is appended to its status history. Bodies are national public registers, so only national staff import them.
/// </summary>
public sealed class ImportBodies(QualityWatchDbContext db, RegistrySnapshot snapshot)
{
    public const int BatchSize = 500;

    public Task<ImportResult> ImportFileAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        ImportFile.RunAsync(path, (file, name) => ImportAsync(file, name, progress, ct), ct);

    public Task<ImportResult> ImportAsync(Stream input, string fileName, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        !db.Scope.IsUnrestricted ? throw new ImportFileException($"{fileName}: {NationalOnly}") : ImportFile.SeekableAsync(input, async seekable =>
        {
            using var sheet = SheetReader.Open(seekable, fileName);
            var map = CertificationSheet.Map(sheet, B.All, B.NameZh);
            return await ImportRowsAsync(CertificationSheet.Rows(sheet, map, B.All.Count), map.Ignored, () => sheet.Fraction, progress, ct);
        }, ct);

    private const string NationalOnly = "机构名录为全国数据，仅全国用户可以导入 (bodies are national records: only national staff import them)";

    public async Task<ImportResult> ImportRowsAsync(IEnumerable<SheetRow> rows, IReadOnlyList<string> ignored,
        Func<double?>? fraction = null, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (!db.Scope.IsUnrestricted)
            throw new ImportFileException(NationalOnly);
        var clock = Stopwatch.StartNew();
        var today = SourceRecord.ChinaDate(db.Clock.GetUtcNow());
        var tally = new ImportTally(B.All);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var batch = new List<SheetRow>(BatchSize);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                await FlushAsync(batch, seen, today, tally, ct);
                batch.Clear();
                progress?.Report(new ImportProgress(tally.Rows, fraction?.Invoke()));
            }
        }
        await FlushAsync(batch, seen, today, tally, ct);
        progress?.Report(new ImportProgress(tally.Rows, 1));
        if (tally.Created + tally.Updated > 0)
            snapshot.Invalidate();
        return tally.Result(ignored, clock.Elapsed);
    }

    private sealed record BodyRow(SheetRow Row, string Key, string NameZh, string? NameEn, BodyKind Kind, string? Number, string? Country,
        List<string>? Aliases, BodyStatus? Status, DateOnly? StatusDate, string? StatusNote, DateOnly? ApprovedOn, IReadOnlyList<BodyScope>? Scopes, string? Source);

    private async Task FlushAsync(List<SheetRow> batch, Dictionary<string, int> seen, DateOnly today, ImportTally tally, CancellationToken ct)
    {
        if (batch.Count == 0)
            return;
        tally.Rows += batch.Count;
        var parsed = new List<BodyRow>(batch.Count);
        foreach (var row in batch)
        {
            var b = Parse(row, today);
            if (tally.RejectIfInvalid(row) || b is null)
                continue;
            if (seen.TryGetValue(b.Key, out var first))
            {
                tally.Reject(row, B.Key, $"机构标识 {b.Key} 与第 {first} 行重复，仅导入第一行 (duplicate of row {first})");
                continue;
            }
            seen[b.Key] = row.Number;
            parsed.Add(b);
        }
        if (parsed.Count == 0)
            return;
        var keys = parsed.Select(p => p.Key).ToList();
        var numbers = parsed.Select(p => p.Number).OfType<string>().ToList();
        var stored = await db.CertificationBodies.Include(b => b.Scopes).Include(b => b.Statuses).AsSplitQuery()
            .Where(b => keys.Contains(b.Key) || (b.Number != null && numbers.Contains(b.Number))).ToListAsync(ct);
        var byKey = stored.ToDictionary(b => b.Key, StringComparer.Ordinal);
        var byNumber = stored.Where(b => b.Number is not null).GroupBy(b => b.Number!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var now = db.Clock.GetUtcNow();
        var created = 0;
        var updated = 0;
        foreach (var b in parsed)
        {
            if (b.Number is not null && byNumber.TryGetValue(b.Number, out var owner) && owner.Key != b.Key)
            {
                tally.Reject(b.Row, B.Number, $"编号 {b.Number} 已登记为机构 {owner.Key}（{owner.NameZh}） (the number belongs to {owner.Key})");
                continue;
            }
            if (byKey.TryGetValue(b.Key, out var body))
            {
                var before = Fingerprint(body);
                Apply(body, b, today, isNew: false);
                if (Fingerprint(body) == before)
                {
                    tally.Unchanged++;
                    continue;
                }
                body.UpdatedAt = now;
                updated++;
            }
            else
            {
                body = new BodyRecord { Key = b.Key, NameZh = b.NameZh, NameEn = b.NameEn ?? b.NameZh, CreatedAt = now, UpdatedAt = now };
                Apply(body, b, today, isNew: true);
                db.CertificationBodies.Add(body);
                byKey[b.Key] = body;
                created++;
            }
        }
        if (created + updated > 0)
            await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        tally.Created += created;
        tally.Updated += updated;
    }

    private static void Apply(BodyRecord body, BodyRow b, DateOnly today, bool isNew)
    {
        body.NameZh = b.NameZh;
        body.NameEn = b.NameEn ?? body.NameEn;
        body.Kind = b.Kind;
        body.Number = b.Number ?? body.Number;
        body.Country = b.Country ?? body.Country;
        body.Source = b.Source ?? body.Source;
        if (b.Aliases is not null && !b.Aliases.SequenceEqual(body.Aliases))
            body.Aliases = b.Aliases;
        if (b.Scopes is not null && !SameScopes(body.Scopes, b.Scopes))
        {
            body.Scopes.Clear();
            foreach (var s in b.Scopes)
                body.Scopes.Add(new BodyScopeRecord { Scheme = s.Scheme, ProductCategory = s.ProductCategory, Legislation = s.Legislation, From = s.From, Until = s.Until });
        }
        if (isNew && b.ApprovedOn is { } approved)
            body.Statuses.Add(new BodyStatusRecord { From = approved, Status = BodyStatus.Approved });
        if (b.Status is { } status)
        {
            var latest = body.Statuses.OrderBy(s => s.From ?? DateOnly.MinValue).ThenBy(s => s.Id).LastOrDefault();
            var current = latest?.Status ?? BodyStatus.Approved;
            if (current != status || (latest is null && status == BodyStatus.Approved && b.StatusDate is not null))
            {
                var from = b.StatusDate ?? (status == BodyStatus.Approved ? b.ApprovedOn : today);
                body.Statuses.Add(new BodyStatusRecord { From = from, Status = status, Note = b.StatusNote });
            }
        }
    }

    private static bool SameScopes(List<BodyScopeRecord> stored, IReadOnlyList<BodyScope> wanted) =>
        stored.Select(s => new BodyScope(s.Scheme, s.ProductCategory, s.Legislation, s.From, s.Until)).ToHashSet().SetEquals(wanted);

    /// <summary>Everything the import can change, so an identical row is recognised and writes nothing.</summary>
    private static string Fingerprint(BodyRecord b) => string.Join('\u001f',
        b.NameZh, b.NameEn, b.Kind, b.Number, b.Country, b.Source, string.Join('\u001e', b.Aliases),
        string.Join('\u001e', b.Scopes.Select(s => $"{s.Scheme}|{s.ProductCategory}|{s.Legislation}|{s.From}|{s.Until}").Order(StringComparer.Ordinal)),
        string.Join('\u001e', b.Statuses.Select(s => $"{s.From}|{s.Status}|{s.Note}")));

    private static BodyRow? Parse(SheetRow row, DateOnly today)
    {
        var nameZh = row.Text(B.NameZh, 256) ?? row.Text(B.NameEn, 256);
        if (nameZh is null)
            row.Error(B.NameZh, "必填 (required)");
        var nameEn = row.Text(B.NameEn, 256);
        var numberText = row.Text(B.Number, 32);
        BodyKind? kind = null;
        if (row[B.Kind] is { } kindText)
        {
            kind = ParseKind(kindText);
            if (kind is null)
                row.Error(B.Kind, "应为 认证机构、公告机构、NIOSH 或 其他 (must be 认证机构, 公告机构, NIOSH or 其他)");
        }
        var (number, detected) = numberText is null ? (null, (BodyKind?)null) : ParseNumber(numberText);
        kind ??= detected ?? BodyKind.Other;
        if (numberText is not null)
        {
            if (kind == BodyKind.CnApproved && detected != BodyKind.CnApproved)
                row.Error(B.Number, "不是有效的 CNCA 批准号，应为 CNCA-R-yyyy-nnn 或 CNCA-RF-yyyy-nn (not a CNCA approval number)");
            else if (kind == BodyKind.EuNotified && detected != BodyKind.EuNotified)
                row.Error(B.Number, "公告机构编号应为 4 位数字 (a notified-body number has 4 digits)");
        }
        var key = row.Text(B.Key, 64) ?? (kind, number) switch
        {
            (BodyKind.CnApproved, { } n) => "cnca:" + n,
            (BodyKind.EuNotified, { } n) => "nb:" + n,
            _ => null,
        };
        if (key is null)
            row.Error(B.Key, "没有 CNCA 批准号或公告机构编号的机构须填写机构标识，如 mpa:44 (a body without a CNCA or NB number needs a key)");
        var country = row.Text(B.Country, 2)?.ToUpperInvariant();
        if (country is not null && !country.All(char.IsAsciiLetterUpper))
            row.Error(B.Country, "应为 ISO 3166 两位字母代码 (must be a 2-letter ISO 3166 code)");
        BodyStatus? status = null;
        if (row[B.Status] is { } statusText)
        {
            status = statusText.Trim().ToLowerInvariant() switch
            {
                "批准" or "有效" or "正常" or "approved" or "active" or "notified" => BodyStatus.Approved,
                "暂停" or "suspended" => BodyStatus.Suspended,
                "撤销" or "注销" or "撤回" or "revoked" or "withdrawn" => BodyStatus.Revoked,
                _ => null,
            };
            if (status is null)
                row.Error(B.Status, "应为 批准、暂停 或 撤销 (must be 批准, 暂停 or 撤销)");
        }
        var statusDate = row.Date(B.StatusDate, required: false);
        if (statusDate > today)
            row.Error(B.StatusDate, "状态日期晚于今天 (the status date is in the future)");
        IReadOnlyList<BodyScope>? scopes = null;
        if (row[B.Scopes] is { } scopeText)
        {
            scopes = ScopeCell.Parse(scopeText, out var scopeError);
            if (scopeError is not null)
                row.Error(B.Scopes, scopeError);
        }
        var result = new BodyRow(row, key ?? "", nameZh ?? "", nameEn, kind.Value, number, country, row.List(B.Aliases),
            status, statusDate, row.Text(B.StatusNote, 512), row.Date(B.ApprovedOn, required: false), scopes, row.Text(B.Source, 512));
        return row.Errors.Count == 0 ? result : null;
    }

    private static BodyKind? ParseKind(string text) => text.Trim().ToUpperInvariant() switch
    {
        "认证机构" or "CNCA" or "CNAPPROVED" or "CN-APPROVED" or "CNCA认证机构" => BodyKind.CnApproved,
        "公告机构" or "NB" or "EUNOTIFIED" or "EU-NOTIFIED" or "NOTIFIED BODY" or "欧盟公告机构" => BodyKind.EuNotified,
        "NIOSH" or "NIOSHHOLDER" or "NIOSH-HOLDER" => BodyKind.NioshHolder,
        "其他" or "OTHER" or "监管部门" or "检测机构" => BodyKind.Other,
        _ => null,
    };

    /// <summary>The normalised number and the kind its format shows (CNCA-R…, 4 digits), or the text as given.</summary>
    private static (string Number, BodyKind? Kind) ParseNumber(string text)
    {
        var compact = TextFolding.Compact(text);
        var digits = compact.StartsWith("NB", StringComparison.Ordinal) || compact.StartsWith("CE", StringComparison.Ordinal) ? compact[2..] : compact;
        if (digits.Length == 4 && digits.All(char.IsAsciiDigit))
            return (digits, BodyKind.EuNotified);
        var cnca = CertificateNumber.Parse(text).Found.FirstOrDefault(f => f.Kind == NumberKind.CncaBodyApproval);
        if (cnca is { IsWellFormed: true } && cnca.Normalised == compact)
            return (cnca.Normalised, BodyKind.CnApproved);
        return (compact, null);
    }
}
