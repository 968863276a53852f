using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Certification.Lifecycle;
using QualityWatch.Core.Certification.Numbers;
using QualityWatch.Core.Certification.Snapshot;
using QualityWatch.Core.Certification.Store;
using QualityWatch.Core.Persistence;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Registry.Identifiers;
using QualityWatch.Core.Registry.Regions;
using QualityWatch.Core.Risk.Sources;
using C = QualityWatch.Core.Certification.Import.CertificateColumns;

namespace QualityWatch.Core.Certification.Import;

/// <summary>
/// Imports certificates from a CNCA-export-like sheet with the registry import's guarantees (docs/certification.md
/// § Import): a bad field rejects its row only, reported by row, column, value and reason; a certificate is keyed by
/// scheme + <see cref="CertificateNumber.Key"/> + issuer, so an identical re-run writes nothing and a changed row is
/// updated and audited (SaveChanges audits every change); rows are committed <see cref="BatchSize"/> at a time. The
/// issuer must be a known body; the holder is linked to a registered enterprise by credit code, which also decides
/// the region; a status column that differs from the stored status becomes a lifecycle event.
/// </summary>
public sealed class ImportCertificates(QualityWatchDbContext db, RegistrySnapshot snapshot)
{
    public const int BatchSize = 1000;

    public Task<ImportResult> ImportFileAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        ImportFile.RunAsync(path, (file, name) => ImportAsync(file, name, progress, ct), ct);

    public Task<ImportResult> ImportAsync(Stream input, string fileName, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        ImportFile.SeekableAsync(input, async seekable =>
        {
            using var sheet = SheetReader.Open(seekable, fileName);
            var map = CertificationSheet.Map(sheet, C.All, C.Number);
            return await ImportRowsAsync(CertificationSheet.Rows(sheet, map, C.All.Count), map.Ignored, () => sheet.Fraction, progress, ct);
        }, ct);

    /// <summary>Imports rows already split into <see cref="CertificateColumns"/> cells (API batches, demo data).</summary>
    public async Task<ImportResult> ImportRowsAsync(IEnumerable<SheetRow> rows, IReadOnlyList<string> ignored,
        Func<double?>? fraction = null, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (db.Scope.EnterpriseId is not null)
            throw new ImportFileException("企业用户不能导入证书 (enterprise users cannot import certificates)");
        var clock = Stopwatch.StartNew();
        var state = new State(
            await IssuerLookup.LoadAsync(db, ct),
            (await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.County).Select(r => r.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            SourceRecord.ChinaDate(db.Clock.GetUtcNow()));
        var batch = new List<SheetRow>(BatchSize);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                await FlushAsync(batch, state, ct);
                batch.Clear();
                progress?.Report(new ImportProgress(state.Tally.Rows, fraction?.Invoke()));
            }
        }
        await FlushAsync(batch, state, ct);
        progress?.Report(new ImportProgress(state.Tally.Rows, 1));
        if (state.Tally.Created + state.Tally.Updated > 0)
            snapshot.Invalidate();
        return state.Tally.Result(ignored, clock.Elapsed);
    }

    private sealed class State(IssuerLookup issuers, HashSet<string> counties, DateOnly today)
    {
        public IssuerLookup Issuers { get; } = issuers;
        public HashSet<string> Counties { get; } = counties;
        public DateOnly Today { get; } = today;
        public ImportTally Tally { get; } = new(C.All);
        public Dictionary<(CertificateScheme, string, string), int> Seen { get; } = [];
    }

    private sealed record Holder(long? EnterpriseId, string? RegionCode);

    private async Task FlushAsync(List<SheetRow> batch, State state, CancellationToken ct)
    {
        if (batch.Count == 0)
            return;
        var tally = state.Tally;
        tally.Rows += batch.Count;
        var parsed = new List<(SheetRow Row, CertificateFields Fields)>(batch.Count);
        foreach (var row in batch)
        {
            var fields = Parse(row, state);
            if (tally.RejectIfInvalid(row) || fields is null)
                continue;
            if (state.Seen.TryGetValue(fields.Key, out var first))
            {
                tally.Reject(row, C.Number, $"与第 {first} 行为同一证书（认证类型、编号、机构相同），仅导入第一行 (same certificate as row {first}; only the first is imported)");
                continue;
            }
            state.Seen[fields.Key] = row.Number;
            parsed.Add((row, fields));
        }
        if (parsed.Count == 0)
            return;

        var codes = parsed.Select(p => p.Fields.HolderCreditCode).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        // Unfiltered: the holder may be registered outside the importer's region, which decides the certificate's region.
        var enterprises = codes.Count == 0 ? [] : await db.Enterprises.IgnoreQueryFilters().AsNoTracking()
            .Where(e => codes.Contains(e.CreditCode)).Select(e => new { e.Id, e.CreditCode, e.RegionCode })
            .ToDictionaryAsync(e => e.CreditCode, e => new Holder(e.Id, e.RegionCode), StringComparer.Ordinal, ct);
        var keys = parsed.Select(p => p.Fields.NumberKey).Distinct(StringComparer.Ordinal).ToList();
        // Tracked, because changed rows are updated in place; unfiltered, because a certificate held outside the
        // importer's region still exists and must not be created twice.
        var existing = (await db.Certificates.IgnoreQueryFilters().Include(c => c.Events).Where(c => keys.Contains(c.NumberKey)).ToListAsync(ct))
            .ToDictionary(c => (c.Scheme, c.NumberKey, c.IssuerKey));

        var now = db.Clock.GetUtcNow();
        var created = 0;
        var updated = 0;
        var pending = new List<(CertificateRecord Record, List<CertificateEventRecord> Events)>();
        foreach (var (row, incoming) in parsed)
        {
            if (existing.TryGetValue(incoming.Key, out var stored))
            {
                if (!Covers(stored.RegionCode))
                {
                    tally.Reject(row, C.Number, "该证书的持证人属于您管辖范围以外的地区 (the certificate's holder is outside your region)");
                    continue;
                }
                var merged = incoming.Merge(stored);
                var hash = merged.Hash();
                if (hash == stored.ContentHash)
                {
                    tally.Unchanged++;
                    continue;
                }
                var holder = incoming.HolderCreditCode is { } code ? Link(code, enterprises, state) : new Holder(stored.HolderEnterpriseId, stored.RegionCode);
                if (!Covers(holder.RegionCode))
                {
                    tally.Reject(row, C.HolderCreditCode, "持证人将变更到您管辖范围以外的地区 (the new holder is outside your region)");
                    continue;
                }
                var history = stored.ToSnapshot().Events;
                if (!StatusChange(row, merged, history, state, out var change))
                {
                    tally.RejectIfInvalid(row);
                    continue;
                }
                merged.ApplyTo(stored);
                (stored.HolderEnterpriseId, stored.RegionCode) = (holder.EnterpriseId, holder.RegionCode);
                var entry = db.Entry(stored);
                entry.DetectChanges();
                if (change is null && !entry.Properties.Any(p => p.IsModified))
                {
                    // Other words for the same facts (a narrower sheet, a status already in force): nothing to write.
                    tally.Unchanged++;
                    continue;
                }
                stored.ContentHash = hash;
                if (change is not null)
                {
                    stored.Events.Add(Event(change, now));
                    stored.Status = LifecycleRules.StatusFromEvents(LifecycleRules.Insert(history, change));
                }
                stored.UpdatedAt = now;
                tally.Warn(row);
                updated++;
            }
            else
            {
                var holder = incoming.HolderCreditCode is { } code ? Link(code, enterprises, state) : new Holder(null, null);
                if (!Covers(holder.RegionCode))
                {
                    tally.Reject(row, holder.RegionCode is null ? C.HolderCreditCode : C.Holder,
                        holder.RegionCode is null
                            ? "无法确定持证人所在地区（无登记企业或有效的行政区划），只有全国用户可以导入 (the holder's region is unknown: national staff only)"
                            : "持证人属于您管辖范围以外的地区 (the holder is outside your region)");
                    continue;
                }
                var issued = new LifecycleEvent(incoming.IssuedOn, LifecycleEventKind.Issued);
                if (!StatusChange(row, incoming, [issued], state, out var change))
                {
                    tally.RejectIfInvalid(row);
                    continue;
                }
                var record = new CertificateRecord
                {
                    Number = incoming.Number,
                    NumberKey = incoming.NumberKey,
                    IssuerKey = incoming.IssuerKey,
                    HolderName = incoming.HolderName,
                    HolderEnterpriseId = holder.EnterpriseId,
                    RegionCode = holder.RegionCode,
                    ContentHash = incoming.Hash(),
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                incoming.ApplyTo(record);
                // Events of a new certificate are added once it has its id: the audit entry of an event must name it.
                List<CertificateEventRecord> events = [Event(issued, now)];
                record.Status = CertificateStatus.Valid;
                if (change is not null)
                {
                    events.Add(Event(change, now));
                    record.Status = LifecycleRules.StatusFromEvents([issued, change]);
                }
                pending.Add((record, events));
                tally.Warn(row);
                db.Certificates.Add(record);
                created++;
            }
        }
        if (created + updated > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            foreach (var (record, events) in pending)
            {
                foreach (var e in events)
                {
                    e.CertificateId = record.Id;
                    db.CertificateEvents.Add(e);
                }
            }
            if (pending.Count > 0)
                await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        tally.Created += created;
        tally.Updated += updated;
    }

    private bool Covers(string? regionCode) =>
        db.Scope.RegionPrefix is null || (regionCode is not null && db.Scope.Covers(regionCode));

    /// <summary>The registered enterprise with this credit code, else the county its characters 3–8 name, else nothing.</summary>
    private static Holder Link(string creditCode, Dictionary<string, Holder> enterprises, State state)
    {
        if (enterprises.TryGetValue(creditCode, out var e))
            return e;
        return creditCode.Length == 18 && state.Counties.Contains(creditCode[2..8]) ? new Holder(null, creditCode[2..8]) : new Holder(null, null);
    }

    private static CertificateEventRecord Event(LifecycleEvent e, DateTimeOffset now) =>
        new() { Date = e.Date, Kind = e.Kind, Note = e.Note, RecordedAt = now };

    /// <summary>
    /// The lifecycle event that makes the stored status what the sheet says, if any; false (row rejected) when the
    /// rules forbid it, e.g. 有效 for a withdrawn certificate.
    /// </summary>
    private static bool StatusChange(SheetRow row, CertificateFields f, IReadOnlyList<LifecycleEvent> history, State state, out LifecycleEvent? change)
    {
        change = null;
        if (f.Status is not { } wanted)
            return true;
        var certificate = f.ToSnapshot(history);
        var date = f.StatusDate ?? state.Today;
        var current = certificate.StatusOn(date, out var cause);
        if (current == wanted)
            return true;
        LifecycleEventKind kind;
        switch (wanted)
        {
            case CertificateStatus.Valid when current == CertificateStatus.Expired && cause?.Kind != LifecycleEventKind.Expired:
                // Expired by its date: an export taken before the expiry still says 有效, which is no news.
                row.Warnings.Add($"证书已于 {f.ExpiresOn:yyyy-MM-dd} 到期，未采用“有效”状态 (expired on {f.ExpiresOn:yyyy-MM-dd}; the status 有效 was not applied)");
                return true;
            case CertificateStatus.Valid:
                kind = LifecycleEventKind.Resumed;
                break;
            case CertificateStatus.Suspended:
                kind = LifecycleEventKind.Suspended;
                break;
            case CertificateStatus.Withdrawn:
                kind = LifecycleEventKind.Withdrawn;
                break;
            case CertificateStatus.Revoked:
                kind = LifecycleEventKind.Revoked;
                break;
            case CertificateStatus.Expired:
                kind = LifecycleEventKind.Expired;
                break;
            default:
                return true;
        }
        var added = new LifecycleEvent(date, kind, f.StatusNote);
        if (LifecycleRules.Check(certificate, added, state.Today) is { } violation)
        {
            // Without a date the change is dated today, which is often what makes it impossible (e.g. suspending an expired certificate).
            var hint = f.StatusDate is null ? "；请填写“状态变更日期” (give the status date)" : "";
            row.Error(violation.Field == "date" && f.StatusDate is not null ? C.StatusDate : C.Status, violation.Message + hint);
            return false;
        }
        change = added;
        return true;
    }

    private static CertificateFields? Parse(SheetRow row, State state)
    {
        var number = row.RequiredText(C.Number, 64);
        var scheme = ParseScheme(row, number);
        var issuerKey = ParseIssuer(row, state.Issuers);
        var holder = row.RequiredText(C.Holder, 256);
        var creditCode = ParseCreditCode(row);
        var products = row.List(C.Products);
        var categoryText = row.Text(C.Category, 64);
        var category = SchemeWords.Category(categoryText);
        if (categoryText is not null && category is null)
            row.Warnings.Add($"产品类别“{categoryText}”不在产品目录中，按目录外产品登记 (category not in the taxonomy; stored without one)");
        category ??= categoryText is null && products is { Count: > 0 } ? SchemeWords.Category(string.Join(" ", products)) : null;
        var issuedOn = row.Date(C.IssuedOn, required: true);
        var expiresOn = row.Date(C.ExpiresOn, required: false);
        var appliedOn = row.Date(C.AppliedOn, required: false);
        var statusDate = row.Date(C.StatusDate, required: false);
        CertificateStatus? status = null;
        if (row[C.Status] is { } s)
        {
            if (SchemeWords.TryParseStatus(s, out var st) && st != CertificateStatus.NotYetIssued)
                status = st;
            else
                row.Error(C.Status, "应为 有效、暂停、注销、撤销 或 过期 (must be 有效, 暂停, 注销, 撤销 or 过期)");
        }
        if (issuedOn is { } issued)
        {
            if (issued > state.Today)
                row.Error(C.IssuedOn, $"颁证日期晚于今天（{state.Today:yyyy-MM-dd}）(the issue date is in the future)");
            if (expiresOn < issued)
                row.Error(C.ExpiresOn, "到期日期早于颁证日期 (expires before it was issued)");
            if (appliedOn > issued)
                row.Error(C.AppliedOn, "申请日期晚于颁证日期 (applied after it was issued)");
            if (statusDate < issued)
                row.Error(C.StatusDate, "状态变更日期早于颁证日期 (the status changed before the certificate was issued)");
        }
        if (statusDate > state.Today)
            row.Error(C.StatusDate, $"状态变更日期晚于今天（{state.Today:yyyy-MM-dd}）(the status date is in the future)");
        var fields = new CertificateFields
        {
            Scheme = scheme ?? default,
            Number = number,
            NumberKey = scheme is { } sc && number.Length > 0 ? CertificateNumber.Key(sc, number) : "",
            IssuerKey = issuerKey ?? "",
            HolderName = holder,
            HolderCreditCode = creditCode,
            Manufacturer = row.Text(C.Manufacturer, 256),
            Factory = row.Text(C.Factory, 256),
            PrivateLabels = row.List(C.PrivateLabels),
            ProductCategory = category,
            Products = products,
            Models = row.List(C.Models, 128),
            Standard = row.Text(C.Standard, 128),
            Legislation = row.Text(C.Legislation, 32),
            Module = row.Text(C.Module, 8),
            AppliedOn = appliedOn,
            IssuedOn = issuedOn ?? default,
            ExpiresOn = expiresOn,
            Fee = row.Money(C.Fee),
            Status = status,
            StatusDate = statusDate,
            StatusNote = row.Text(C.StatusNote, 512),
        };
        return row.Errors.Count == 0 ? fields : null;
    }

    /// <summary>The stated scheme, else the one the number's format shows; a number that does not fit its scheme is refused.</summary>
    private static CertificateScheme? ParseScheme(SheetRow row, string number)
    {
        CertificateScheme scheme;
        if (row[C.Scheme] is { } text)
        {
            if (!SchemeWords.TryParseScheme(text, out scheme))
            {
                row.Error(C.Scheme, $"未知的认证类型，应为 {SchemeWords.SchemeTokens} 或其中文名称 (unknown scheme)");
                return null;
            }
        }
        else if (number.Length > 0 && CertificateNumber.Parse(number).Primary is { Scheme: { } detected } p && !p.Kind.IsBodyIdentifier())
            scheme = detected;
        else
        {
            if (number.Length > 0)
                row.Error(C.Scheme, "无法从编号识别认证类型，请填写“认证类型”列 (the scheme cannot be told from the number: fill in the scheme column)");
            return null;
        }
        if (number.Length == 0 || CertificateNumber.IsFreeFormat(scheme))
            return scheme;
        var parse = CertificateNumber.Parse(number, scheme);
        var match = parse.Found.FirstOrDefault(f => f.Scheme == scheme && !f.Kind.IsBodyIdentifier());
        if (match is null)
            row.Error(C.Number, $"不是{scheme.Zh()}的编号格式 (not a {scheme.En()} number)");
        else if (!match.IsWellFormed)
            row.Error(C.Number, string.Join("；", match.Problems.Where(x => x.Severity == Severity.Critical).Select(x => $"{x.MessageZh} ({x.MessageEn})")));
        else if (match.Normalised != CertificateNumber.Key(scheme, number))
            row.Error(C.Number, "单元格中除证书编号外还有其他文字 (the cell holds more than the certificate number)");
        return scheme;
    }

    private static string? ParseIssuer(SheetRow row, IssuerLookup issuers)
    {
        var number = row.Text(C.IssuerNumber, 64);
        var name = row.Text(C.Issuer, 256);
        if (number is null && name is null)
        {
            row.Error(C.Issuer, "必填 (required)");
            return null;
        }
        if (issuers.Find(number) is { } byNumber)
            return byNumber.Id;
        if (issuers.Find(name) is { } byName)
            return byName.Id;
        row.Error(number is not null ? C.IssuerNumber : C.Issuer,
            "未知的认证机构：请先导入机构名录（qw import bodies）(unknown issuer: import it with the bodies first)");
        return null;
    }

    private static string? ParseCreditCode(SheetRow row)
    {
        if (row[C.HolderCreditCode] is null)
            return null;
        var check = CreditCode.Check(row[C.HolderCreditCode]);
        switch (check.Status)
        {
            case CreditCodeStatus.Invalid:
                row.Error(C.HolderCreditCode, $"不是有效的统一社会信用代码：{check.Problem}");
                return null;
            case CreditCodeStatus.NeedsVerification:
                row.Warnings.Add($"统一社会信用代码 {check.Normalised} 需核实：{check.Problem} (credit code needs verification)");
                break;
        }
        return check.Normalised;
    }
}
