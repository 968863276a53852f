using System.Text;
using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Access;
using QualityWatch.Core.Audit;
using QualityWatch.Core.Registry.Enterprises;
using QualityWatch.Core.Registry.Enterprises.Export;
using QualityWatch.Core.Registry.Enterprises.Import;
using QualityWatch.Core.Registry.Enterprises.Search;
using QualityWatch.Core.Registry.Identifiers;

namespace QualityWatch.Core.Tests.Registry.Enterprises;

public class ImportEnterprisesTests
{
    private const string Header = "统一社会信用代码,企业名称,所在地区代码,地址,企业类型,经营状态";

    /// <summary>A valid code for a test row: GB 11714 org code with a computed check, then the GB 32100 check.</summary>
    internal static string Code(string region, int n)
    {
        var body8 = n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        var org = "0123456789X".Select(c => body8 + c).First(o => CreditCode.OrganisationCodeValid(o));
        return CreditCode.Complete("91" + region + org);
    }

    private static async Task<string> WriteAsync(TestDatabase db, string name, string text, Encoding? encoding = null)
    {
        var path = db.PathOf(name);
        await File.WriteAllTextAsync(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    private static async Task<ImportResult> ImportAsync(TestDatabase db, string path, AccessScope? scope = null)
    {
        await using var context = db.Context(scope);
        return await new ImportEnterprises(context, new AuditContext()).ImportFileAsync(path);
    }

    private static async Task<int> AuditCountAsync(TestDatabase db)
    {
        await using var context = db.Context();
        return await context.AuditEntries.CountAsync(a => a.EntityType == nameof(Enterprise));
    }

    private static string GoodAndBad() => string.Join('\n',
        Header,
        $"{Code("440305", 1)},深圳市康洁医疗用品有限公司,440305,深圳市南山区科技园南区18号,生产企业,存续",
        $"{Code("440106", 2)},广州市安心防护科技有限公司,440106,,经销企业、零售企业,",
        "91440300MA5XXXXX1,代码太短有限公司,440305,,,",
        $"{Code("440305", 3)},,999999,,外星企业,",
        $"{Code("440305", 1)},重复行有限公司,440305,,,",
        $"91350100M0001TGQXM,福州试点企业有限公司,350102,,,",
        "");

    [Fact]
    public async Task Good_rows_are_kept_and_each_bad_field_is_reported_with_its_row()
    {
        await using var db = await TestDatabase.CreateAsync();
        var path = await WriteAsync(db, "企业.csv", GoodAndBad());

        var r = await ImportAsync(db, path);

        Assert.Equal(6, r.Rows);
        Assert.Equal(3, r.Created);
        Assert.Equal(3, r.RejectedRows);
        Assert.Collection(r.Rejects,
            x => Assert.Equal((4, "统一社会信用代码", "91440300MA5XXXXX1"), (x.Row, x.Field, x.Value)),
            x => Assert.Equal((5, "企业名称", (string?)null), (x.Row, x.Field, x.Value)),
            x => Assert.Equal((5, "所在地区代码", "999999"), (x.Row, x.Field, x.Value)),
            x => Assert.Equal((5, "企业类型", "外星企业"), (x.Row, x.Field, x.Value)),
            x => Assert.Equal((6, "统一社会信用代码"), (x.Row, x.Field)));
        Assert.Contains("长度", r.Rejects[0].Reason, StringComparison.Ordinal);
        Assert.Contains("第 2 行", r.Rejects[4].Reason, StringComparison.Ordinal);

        // The reject file sits next to the input, UTF-8 with BOM, one line per failed field.
        Assert.Equal(db.PathOf("企业.rejects.csv"), r.RejectFile);
        var bytes = await File.ReadAllBytesAsync(r.RejectFile!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = (await File.ReadAllLinesAsync(r.RejectFile!)).ToList();
        Assert.Equal("row,field,value,reason", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(6, lines.Count);
        Assert.StartsWith("5,所在地区代码,999999,", lines[3], StringComparison.Ordinal);

        await using var context = db.Context();
        var stored = await context.Enterprises.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["深圳市康洁医疗用品有限公司", "广州市安心防护科技有限公司", "福州试点企业有限公司"], stored.Select(e => e.Name));
        Assert.Equal(EnterpriseTypes.Distributor | EnterpriseTypes.Retailer, stored[1].Types);
        Assert.Equal(CreditCodeStatus.NeedsVerification, stored[2].CreditCodeStatus);
        Assert.Single(r.Warnings);
        Assert.Equal(7, r.Warnings[0].Row);
        Assert.Equal(3, await AuditCountAsync(db));
    }

    [Fact]
    public async Task A_second_run_changes_nothing_and_writes_no_audit_entries()
    {
        await using var db = await TestDatabase.CreateAsync();
        var path = await WriteAsync(db, "enterprises.csv", GoodAndBad());
        await ImportAsync(db, path);
        var audit = await AuditCountAsync(db);

        var again = await ImportAsync(db, path);

        Assert.Equal((0, 0, 3, 3), (again.Created, again.Updated, again.Unchanged, again.RejectedRows));
        Assert.Equal(audit, await AuditCountAsync(db));
    }

    [Fact]
    public async Task A_changed_value_is_updated_and_audited_with_before_and_after()
    {
        await using var db = await TestDatabase.CreateAsync();
        var code = Code("440305", 1);
        await ImportAsync(db, await WriteAsync(db, "a.csv", $"{Header}\n{code},深圳市康洁医疗用品有限公司,440305,旧地址1号,生产企业,存续\n"));
        // Only the address differs; a blank cell (企业类型) keeps the stored value.
        var r = await ImportAsync(db, await WriteAsync(db, "b.csv", $"{Header}\n{code},深圳市康洁医疗用品有限公司,440305,新地址2号,,存续\n"));

        Assert.Equal((0, 1, 0), (r.Created, r.Updated, r.Unchanged));
        await using var context = db.Context();
        var e = await context.Enterprises.SingleAsync();
        Assert.Equal("新地址2号", e.Address);
        Assert.Equal(EnterpriseTypes.Producer, e.Types);
        var update = await context.AuditEntries.SingleAsync(a => a.Action == "update");
        Assert.Equal(e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), update.EntityId);
        Assert.Equal("440305", update.RegionCode);
        Assert.Equal("test", update.Actor);
        using var changes = System.Text.Json.JsonDocument.Parse(update.Changes);
        Assert.Equal("旧地址1号", changes.RootElement.GetProperty("Address").GetProperty("before").GetString());
        Assert.Equal("新地址2号", changes.RootElement.GetProperty("Address").GetProperty("after").GetString());
        Assert.False(changes.RootElement.TryGetProperty("Name", out _));
    }

    [Fact]
    public async Task A_GB18030_csv_with_English_headers_is_read()
    {
        await using var db = await TestDatabase.CreateAsync();
        var text = $"creditCode,name,regionCode,legalRepresentative,status\n{Code("330782", 7)},义乌市织锦无纺布制品有限公司,330782,王秀英,存续\n";
        var path = await WriteAsync(db, "gbk.csv", text, SheetReader.Gb18030);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(File.ReadAllBytes(path)));

        var r = await ImportAsync(db, path);

        Assert.Equal(1, r.Created);
        Assert.Null(r.RejectFile);
        await using var context = db.Context();
        var e = await context.Enterprises.SingleAsync();
        Assert.Equal(("义乌市织锦无纺布制品有限公司", "王秀英"), (e.Name, e.LegalRepresentative));
    }

    [Fact]
    public async Task A_utf8_csv_with_bom_is_read()
    {
        await using var db = await TestDatabase.CreateAsync();
        var path = await WriteAsync(db, "bom.csv", $"{Header}\n{Code("440305", 9)},深圳市宝安医疗器械有限公司,440305,,,\n", new UTF8Encoding(true));
        var r = await ImportAsync(db, path);
        Assert.Equal(1, r.Created);
        Assert.Empty(r.IgnoredColumns);
    }

    [Fact]
    public async Task An_xlsx_export_imports_back_unchanged()
    {
        await using var db = await TestDatabase.CreateAsync();
        var rows = string.Join('\n', Enumerable.Range(1, 30).Select(i =>
            $"{Code(i % 2 == 0 ? "440305" : "440106", 100 + i)},测试{i}号医疗用品有限公司,{(i % 2 == 0 ? "440305" : "440106")},某路{i}号,生产企业、网络销售,{(i % 5 == 0 ? "注销" : "存续")}"));
        await ImportAsync(db, await WriteAsync(db, "seed.csv", Header + ",生产许可证,别名\n" + string.Join('\n', rows.Split('\n').Select(l => l + ",粤械生产许20200001；粤械生产许20200002,旧名甲")) + "\n"));
        var audit = await AuditCountAsync(db);

        var xlsx = db.PathOf("export.xlsx");
        await using (var context = db.Context())
        await using (var file = File.Create(xlsx))
            Assert.Equal(30, await new ExportEnterprises(new EnterpriseQuery(context), context).WriteAsync(file, ExportFormat.Xlsx, new EnterpriseFilter()));

        var r = await ImportAsync(db, xlsx);

        Assert.Equal((30, 0, 0, 30, 0), (r.Rows, r.Created, r.Updated, r.Unchanged, r.RejectedRows));
        Assert.Equal(["所在地区", "信用代码核验"], r.IgnoredColumns);
        Assert.Equal(audit, await AuditCountAsync(db));
    }

    [Fact]
    public async Task A_csv_export_is_utf8_with_bom_and_follows_the_region_filter_and_scope()
    {
        await using var db = await TestDatabase.CreateAsync();
        await ImportAsync(db, await WriteAsync(db, "seed.csv", GoodAndBad()));
        await using var context = db.Context(new AccessScope().AsUser("sz.officer", "4403", null));
        using var buffer = new MemoryStream();
        var count = await new ExportEnterprises(new EnterpriseQuery(context), context).WriteAsync(buffer, ExportFormat.Csv, new EnterpriseFilter());
        Assert.Equal(1, count);
        var bytes = buffer.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("统一社会信用代码,企业名称,所在地区代码,所在地区", lines[0], StringComparison.Ordinal);
        Assert.Contains("深圳市康洁医疗用品有限公司", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_regional_user_cannot_import_into_another_region()
    {
        await using var db = await TestDatabase.CreateAsync();
        var guangzhou = Code("440106", 50);
        await ImportAsync(db, await WriteAsync(db, "gz.csv", $"{Header}\n{guangzhou},广州市越秀防护用品有限公司,440106,,,\n"));
        var shenzhen = new AccessScope().AsUser("sz.officer", "4403", null);
        var text = string.Join('\n', Header,
            $"{Code("440305", 51)},深圳市南山防护用品有限公司,440305,,,",
            $"{Code("440106", 52)},广州市天河防护用品有限公司,440106,,,",
            $"{guangzhou},广州市越秀防护用品有限公司,440305,,,",
            "");

        var r = await ImportAsync(db, await WriteAsync(db, "mixed.csv", text), shenzhen);

        Assert.Equal((1, 2), (r.Created, r.RejectedRows));
        Assert.Equal((3, "所在地区代码"), (r.Rejects[0].Row, r.Rejects[0].Field));
        Assert.Contains("管辖范围", r.Rejects[0].Reason, StringComparison.Ordinal);
        Assert.Equal((4, "统一社会信用代码"), (r.Rejects[1].Row, r.Rejects[1].Field));
        Assert.Contains("管辖范围", r.Rejects[1].Reason, StringComparison.Ordinal);
        await using var context = db.Context();
        Assert.Equal("440106", (await context.Enterprises.SingleAsync(e => e.CreditCode == guangzhou)).RegionCode);
        Assert.Equal("sz.officer", (await context.AuditEntries.OrderBy(a => a.Id).LastAsync()).Actor);
    }

    [Fact]
    public async Task A_file_without_a_credit_code_column_is_refused_as_a_whole()
    {
        await using var db = await TestDatabase.CreateAsync();
        var path = await WriteAsync(db, "bad.csv", "企业名称,地址\n甲有限公司,某地\n");
        await Assert.ThrowsAsync<ImportFileException>(() => ImportAsync(db, path));
    }
}
