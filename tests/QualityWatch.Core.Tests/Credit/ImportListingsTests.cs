using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Credit.Import;
using QualityWatch.Core.Registry.Enterprises.Import;

namespace QualityWatch.Core.Tests.Credit;

public sealed class ImportListingsTests
{
    private const string Header = "列入决定书文号,统一社会信用代码,当事人名称,列入类别,列入依据,列入事由,作出决定机关,列入日期,公示日期,行政处罚决定书文号,管理措施";

    private static string Row(string number, string code, string name, string decided, string published = "", string reason = "生产销售不合格口罩", string category = "产品质量") =>
        string.Join(',', number, code, name, category, "《市场监督管理严重违法失信名单管理办法》", reason, "深圳市市场监督管理局", decided, published, "深市监罚〔2026〕9号", "列为重点监管对象；限制评优评先");

    private static Task<ImportResult> ImportAsync(CreditWorld w, string path, string? region = null) =>
        w.With<ImportListings, ImportResult>(h => h.ImportFileAsync(path), region);

    [Fact]
    public async Task Good_rows_are_kept_bad_fields_are_named_and_a_rerun_changes_nothing()
    {
        await using var w = await CreditWorld.CreateAsync();
        var registered = await w.AddEnterpriseAsync("深圳市康洁医疗用品有限公司", "440305");
        var unregistered = w.NewCreditCode("440106");
        var path = w.PathOf("listings.csv");
        var lines = new[]
        {
            Header,
            Row("深市监信列〔2026〕31号", registered.CreditCode, "", "2026-02-01", "2026-02-03"),
            Row("穗市监信列〔2026〕32号", unregistered, "广州某口罩作坊", "2026/2/27"),
            Row("深市监信列〔2026〕33号", "91440300XYZ", "坏代码公司", "2026-02-01"),
            Row("深市监信列〔2026〕34号", w.NewCreditCode("440305"), "缺类别公司", "2026-02-01", category: ""),
            Row("深市监信列〔2026〕35号", w.NewCreditCode("440305"), "坏日期公司", "2026-02-30"),
            Row("深市监信列〔2026〕31号", w.NewCreditCode("440305"), "重复文号公司", "2026-02-01"),
            Row("深市监信列〔2026〕36号", w.NewCreditCode("440305"), "", "2026-02-01"),
        };
        await File.WriteAllTextAsync(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(true));

        var r = await ImportAsync(w, path);
        Assert.Equal((7, 2, 0, 0, 5), (r.Rows, r.Created, r.Updated, r.Unchanged, r.RejectedRows));
        Assert.Contains(r.Rejects, x => x is { Row: 4, Field: "统一社会信用代码", Value: "91440300XYZ" } && x.Reason.Contains("不是有效的统一社会信用代码", StringComparison.Ordinal));
        Assert.Contains(r.Rejects, x => x is { Row: 5, Field: "列入类别" } && x.Reason.StartsWith("必填", StringComparison.Ordinal));
        Assert.Contains(r.Rejects, x => x is { Row: 6, Field: "列入日期", Value: "2026-02-30" });
        Assert.Contains(r.Rejects, x => x is { Row: 7, Field: "列入决定书文号" } && x.Reason.Contains("第 2 行", StringComparison.Ordinal));
        Assert.Contains(r.Rejects, x => x is { Row: 8, Field: "当事人名称" });
        Assert.NotNull(r.RejectFile);
        var rejects = await File.ReadAllTextAsync(r.RejectFile);
        Assert.StartsWith("row,field,value,reason", rejects.TrimStart('\uFEFF'), StringComparison.Ordinal);

        var stored = await w.DbAsync(db => db.CreditListings.AsNoTracking().Include(l => l.Events).OrderBy(l => l.Id).ToListAsync());
        Assert.Equal(2, stored.Count);
        var published = stored[0];
        Assert.Equal(registered.Id, published.EnterpriseId);
        Assert.Equal(registered.Name, published.EntityName);
        Assert.Equal(ListingState.Listed, published.State);
        Assert.Equal(new DateOnly(2026, 2, 8), published.ObjectionUntil);
        Assert.Equal(new DateOnly(2029, 2, 3), published.ListedUntil);
        Assert.Equal(["列为重点监管对象", "限制评优评先"], published.Measures);
        Assert.Equal([ListingEventKinds.Imported, ListingEventKinds.Published, ListingEventKinds.WindowClosed], published.Events.OrderBy(e => e.Id).Select(e => e.Kind));
        Assert.Contains("listings.csv 第 2 行", published.Events.OrderBy(e => e.Id).First().Note, StringComparison.Ordinal);
        Assert.Equal(ListingState.Decided, stored[1].State);
        Assert.Equal("440106", stored[1].RegionCode);
        Assert.Equal(new DateOnly(2026, 2, 27), stored[1].DecidedOn);

        var audits = await w.DbAsync(db => db.AuditEntries.CountAsync());
        var again = await ImportAsync(w, path);
        Assert.Equal((7, 0, 0, 2, 5), (again.Rows, again.Created, again.Updated, again.Unchanged, again.RejectedRows));
        Assert.Equal(audits, await w.DbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(4, await w.DbAsync(db => db.CreditListingEvents.CountAsync()));
    }

    [Fact]
    public async Task A_corrected_row_updates_the_listing_and_a_row_naming_another_entity_is_refused()
    {
        await using var w = await CreditWorld.CreateAsync();
        var code = w.NewCreditCode("440305");
        var path = w.PathOf("first.csv");
        await File.WriteAllTextAsync(path, Header + "\n" + Row("深市监信列〔2026〕41号", code, "深圳某厂", "2026-02-01") + "\n", new UTF8Encoding(false));
        Assert.Equal(1, (await ImportAsync(w, path)).Created);

        var corrected = w.PathOf("corrected.csv");
        await File.WriteAllTextAsync(corrected, Header + "\n"
            + Row("深市监信列〔2026〕41号", code, "深圳某厂", "2026-02-01", published: "2026-03-01", reason: "生产销售不合格 KN95 口罩 2 万只") + "\n"
            + Row("深市监信列〔2026〕41号", w.NewCreditCode("440305"), "别的厂", "2026-02-01") + "\n", new UTF8Encoding(false));
        var r = await ImportAsync(w, corrected);
        Assert.Equal((1, 1), (r.Updated, r.RejectedRows));
        var l = await w.DbAsync(db => db.CreditListings.AsNoTracking().Include(x => x.Events).SingleAsync());
        Assert.Equal("生产销售不合格 KN95 口罩 2 万只", l.Reason);
        Assert.Equal(ListingState.Published, l.State);
        Assert.Equal(new DateOnly(2026, 3, 1), l.PublishedOn);
        Assert.Contains(l.Events, e => e.Kind == ListingEventKinds.Updated && e.Note!.Contains("列入事由", StringComparison.Ordinal));

        var conflicting = w.PathOf("conflicting.csv");
        await File.WriteAllTextAsync(conflicting, Header + "\n"
            + Row("深市监信列〔2026〕41号", code, "深圳某厂", "2026-02-02", published: "2026-03-02", reason: "生产销售不合格 KN95 口罩 2 万只") + "\n", new UTF8Encoding(false));
        var c = await ImportAsync(w, conflicting);
        Assert.Equal(1, c.RejectedRows);
        Assert.Contains(c.Rejects, x => x.Field == "列入日期" && x.Reason.Contains("2026-02-01", StringComparison.Ordinal));
        Assert.Contains(c.Rejects, x => x.Field == "公示日期" && x.Reason.Contains("已于 2026-03-01 公示", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GB18030_CSV_and_xlsx_are_read_and_a_file_without_a_required_column_is_refused_as_a_whole()
    {
        await using var w = await CreditWorld.CreateAsync();
        var gbk = w.PathOf("gbk.csv");
        await File.WriteAllBytesAsync(gbk, SheetReader.Gb18030.GetBytes(Header + "\r\n" + Row("深市监信列〔2026〕51号", w.NewCreditCode("440305"), "深圳市某某口罩厂", "2026-02-01") + "\r\n"));
        Assert.Equal(1, (await ImportAsync(w, gbk)).Created);
        Assert.Equal("深圳市某某口罩厂", await w.DbAsync(db => db.CreditListings.Where(l => l.DecisionNumber == "深市监信列〔2026〕51号").Select(l => l.EntityName).SingleAsync()));

        var xlsx = w.PathOf("listings.xlsx");
        var headers = Header.Split(',');
        var cells = Row("深市监信列〔2026〕52号", w.NewCreditCode("440305"), "深圳市另一口罩厂", "2026-02-01").Split(',');
        await MiniExcel.SaveAsAsync(xlsx, new[] { headers.Zip(cells).ToDictionary(p => p.First, p => (object)p.Second) });
        var r = await ImportAsync(w, xlsx);
        Assert.Equal((1, 0), (r.Created, r.RejectedRows));

        var missing = w.PathOf("missing.csv");
        await File.WriteAllTextAsync(missing, "统一社会信用代码,当事人名称\n91440300MA5F12345X,某公司\n");
        var e = await Assert.ThrowsAsync<ImportFileException>(() => ImportAsync(w, missing));
        Assert.Contains("列入决定书文号", e.Message, StringComparison.Ordinal);
        Assert.Contains("作出决定机关", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_imports_only_entities_of_their_region()
    {
        await using var w = await CreditWorld.CreateAsync();
        var path = w.PathOf("regions.csv");
        await File.WriteAllTextAsync(path, Header + "\n"
            + Row("深市监信列〔2026〕61号", w.NewCreditCode("440305"), "深圳某厂", "2026-02-01") + "\n"
            + Row("穗市监信列〔2026〕62号", w.NewCreditCode("440106"), "广州某厂", "2026-02-01") + "\n");
        var r = await ImportAsync(w, path, region: "4403");
        Assert.Equal((1, 1), (r.Created, r.RejectedRows));
        Assert.Contains("不在您的管辖范围内", Assert.Single(r.Rejects).Reason, StringComparison.Ordinal);
    }
}
