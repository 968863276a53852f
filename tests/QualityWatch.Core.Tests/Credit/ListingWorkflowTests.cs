using Microsoft.EntityFrameworkCore;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Credit.Decide;
using QualityWatch.Core.Credit.Expire;
using QualityWatch.Core.Credit.Object;
using QualityWatch.Core.Credit.Publish;
using QualityWatch.Core.Credit.Restore;

namespace QualityWatch.Core.Tests.Credit;

public sealed class ListingWorkflowTests
{
    private static readonly DateOnly Today = CreditWorld.Start;

    [Fact]
    public async Task A_decision_links_the_registered_enterprise_and_takes_its_region_and_is_not_yet_in_force()
    {
        await using var w = await CreditWorld.CreateAsync();
        var e = await w.AddEnterpriseAsync("深圳市康洁医疗用品有限公司", "440305");
        var r = await w.With<DecideListing, ListingOutcome>(h => h.DecideAsync(w.Decision(e.CreditCode, "深市监信列〔2026〕1号", Today.AddDays(-1)), default));
        Assert.True(r.Succeeded);
        var l = await w.LoadAsync(r.Listing!.Id);
        Assert.Equal(e.Id, l.EnterpriseId);
        Assert.Equal("440305", l.RegionCode);
        Assert.Equal(e.Name, l.EntityName);
        Assert.Equal(ListingState.Decided, l.State);
        Assert.Null(l.PublishedOn);
        Assert.False(l.IsPublic);
        Assert.Null(l.ToSnapshot());
        Assert.Equal([ListingEventKinds.Decided], l.Events.Select(x => x.Kind));
        Assert.Equal("test", l.Events[0].Actor);
    }

    [Fact]
    public async Task An_unregistered_entity_takes_its_region_from_credit_code_positions_3_to_8_and_needs_a_name()
    {
        await using var w = await CreditWorld.CreateAsync();
        var code = w.NewCreditCode("440106");
        var nameless = await w.With<DecideListing, ListingOutcome>(h => h.DecideAsync(w.Decision(code, "穗市监信列〔2026〕2号", Today), default));
        Assert.False(nameless.Succeeded);
        Assert.Contains("entityName", nameless.Errors.Keys);

        var r = await w.With<DecideListing, ListingOutcome>(h => h.DecideAsync(w.Decision(code, "穗市监信列〔2026〕2号", Today, "广州某无证口罩作坊"), default));
        Assert.True(r.Succeeded);
        Assert.Null(r.Listing!.EnterpriseId);
        Assert.Equal("440106", r.Listing.RegionCode);
    }

    [Fact]
    public async Task Bad_decisions_are_refused_field_by_field_and_a_decision_number_is_unique()
    {
        await using var w = await CreditWorld.CreateAsync();
        var bad = await w.With<DecideListing, ListingOutcome>(h => h.DecideAsync(
            new DecisionInput("91440300ABC", "某公司", null, " ", null, Today.AddDays(1), null, null), default));
        Assert.False(bad.Succeeded);
        Assert.False(bad.Conflict);
        Assert.Equal(["authority", "category", "creditCode", "decidedOn", "decisionNumber", "legalBasis", "reason"], bad.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("不是有效的统一社会信用代码", bad.Errors["creditCode"][0], StringComparison.Ordinal);
        Assert.Contains("晚于今天", bad.Errors["decidedOn"][0], StringComparison.Ordinal);

        var code = w.NewCreditCode("440305");
        await w.ListAsync(code, "深市监信列〔2026〕3号", Today);
        var again = await w.With<DecideListing, ListingOutcome>(h => h.DecideAsync(w.Decision(w.NewCreditCode("440305"), "深市监信列〔2026〕3号", Today, "另一家"), default));
        Assert.True(again.Conflict);
        Assert.Contains("已登记", again.Errors["decisionNumber"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_cannot_decide_for_nor_see_an_entity_of_another_region()
    {
        await using var w = await CreditWorld.CreateAsync();
        var guangzhou = w.NewCreditCode("440106");
        var refused = await w.With<DecideListing, ListingOutcome>(h => h.DecideAsync(w.Decision(guangzhou, "穗市监信列〔2026〕4号", Today, "广州某厂"), default), region: "4403");
        Assert.Contains("不在您的管辖范围内", refused.Errors["creditCode"][0], StringComparison.Ordinal);

        var id = await w.ListAsync(guangzhou, "穗市监信列〔2026〕5号", Today);
        var publish = await w.With<PublishListing, ListingOutcome>(h => h.PublishAsync(id, null, default), region: "4403");
        Assert.True(publish.NotFound);
        Assert.Equal(ListingState.Decided, (await w.LoadAsync(id)).State);
        Assert.True((await w.With<PublishListing, ListingOutcome>(h => h.PublishAsync(id, null, default), region: "44")).Succeeded);
    }

    [Fact]
    public async Task Publication_sets_the_objection_window_the_listing_period_and_the_restoration_date_from_the_options()
    {
        await using var w = await CreditWorld.CreateAsync();
        var id = await w.ListAsync(w.NewCreditCode("440305"), "深市监信列〔2026〕6号", Today.AddDays(-3));
        var future = await w.With<PublishListing, ListingOutcome>(h => h.PublishAsync(id, Today.AddDays(1), default));
        Assert.Contains("晚于今天", future.Errors["publishedOn"][0], StringComparison.Ordinal);
        var early = await w.With<PublishListing, ListingOutcome>(h => h.PublishAsync(id, Today.AddDays(-4), default));
        Assert.Contains("早于列入日期", early.Errors["publishedOn"][0], StringComparison.Ordinal);

        var r = await w.With<PublishListing, ListingOutcome>(h => h.PublishAsync(id, null, default));
        Assert.True(r.Succeeded);
        var l = await w.LoadAsync(id);
        Assert.Equal(ListingState.Published, l.State);
        Assert.Equal(Today, l.PublishedOn);
        Assert.Equal(new DateOnly(2026, 3, 7), l.ObjectionUntil);
        Assert.Equal(new DateOnly(2029, 3, 2), l.ListedUntil);
        Assert.Equal(new DateOnly(2027, 3, 2), l.RestorableFrom);
        Assert.True(l.IsPublic);
        var snapshot = l.ToSnapshot()!;
        Assert.Equal(Today, snapshot.ListedOn);
        Assert.True(snapshot.ActiveOn(Today));
        Assert.False(snapshot.ActiveOn(Today.AddDays(-1)));
        Assert.True(snapshot.ActiveOn(new DateOnly(2029, 3, 1)));
        Assert.False(snapshot.ActiveOn(new DateOnly(2029, 3, 2)));

        var twice = await w.With<PublishListing, ListingOutcome>(h => h.PublishAsync(id, null, default));
        Assert.True(twice.Conflict);
        Assert.Contains("published", twice.Errors["state"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_back_dated_publication_goes_straight_on_when_its_window_or_period_has_passed()
    {
        await using var w = await CreditWorld.CreateAsync();
        var listed = await w.ListAsync(w.NewCreditCode("440305"), "深市监信列〔2025〕7号", Today.AddDays(-40), Today.AddDays(-30));
        var l = await w.LoadAsync(listed);
        Assert.Equal(ListingState.Listed, l.State);
        Assert.Equal([ListingEventKinds.Decided, ListingEventKinds.Published, ListingEventKinds.WindowClosed], l.Events.Select(e => e.Kind));

        var expired = await w.ListAsync(w.NewCreditCode("440305"), "深市监信列〔2022〕8号", new DateOnly(2022, 1, 10), new DateOnly(2022, 1, 20));
        var x = await w.LoadAsync(expired);
        Assert.Equal(ListingState.Expired, x.State);
        Assert.Equal(new DateOnly(2025, 1, 20), x.ListedUntil);
        Assert.False(x.ToSnapshot()!.ActiveOn(Today));
        Assert.True(x.ToSnapshot()!.ActiveOn(new DateOnly(2024, 6, 1)));
    }

    [Fact]
    public async Task An_objection_inside_the_window_holds_the_listing_and_its_decision_lists_or_withdraws_it()
    {
        await using var w = await CreditWorld.CreateAsync();
        var code = w.NewCreditCode("440305");
        var id = await w.ListAsync(code, "深市监信列〔2026〕9号", Today, Today);
        var empty = await w.With<LodgeObjection, ListingOutcome>(h => h.LodgeAsync(id, new ObjectionInput(" "), default));
        Assert.Contains("statement", empty.Errors.Keys);
        Assert.True((await w.With<LodgeObjection, ListingOutcome>(h => h.LodgeAsync(id, new ObjectionInput("涉案产品系他人冒用厂名厂址"), default))).Succeeded);
        Assert.Equal(ListingState.Objected, (await w.LoadAsync(id)).State);
        var second = await w.With<LodgeObjection, ListingOutcome>(h => h.LodgeAsync(id, new ObjectionInput("再次异议"), default));
        Assert.True(second.Conflict);

        // Waiting for the decision, the daily run leaves it alone even after the window.
        w.Clock.SetToday(Today.AddDays(10));
        Assert.Equal(0, (await w.With<ExpireListings, ExpiryResult>(h => h.RunAsync(default))).WindowsClosed);

        var noVerdict = await w.With<DecideObjection, ListingOutcome>(h => h.DecideAsync(id, new ObjectionDecisionInput(null, null), default));
        Assert.Equal(["reason", "verdict"], noVerdict.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.True((await w.With<DecideObjection, ListingOutcome>(h => h.DecideAsync(id, new ObjectionDecisionInput(ObjectionVerdict.Upheld, "经核实确系冒用，撤销列入"), default))).Succeeded);
        var l = await w.LoadAsync(id);
        Assert.Equal(ListingState.Withdrawn, l.State);
        Assert.Null(l.ToSnapshot());
        Assert.Equal(ListingEventKinds.ObjectionUpheld, l.Events[^1].Kind);
        Assert.True((await w.With<DecideObjection, ListingOutcome>(h => h.DecideAsync(id, new ObjectionDecisionInput(ObjectionVerdict.Rejected, "x"), default))).Conflict);

        w.Clock.SetToday(Today);
        var other = await w.ListAsync(w.NewCreditCode("440305"), "深市监信列〔2026〕10号", Today, Today);
        await w.With<LodgeObjection, ListingOutcome>(h => h.LodgeAsync(other, new ObjectionInput("罚款已缴清"), default));
        Assert.True((await w.With<DecideObjection, ListingOutcome>(h => h.DecideAsync(other, new ObjectionDecisionInput(ObjectionVerdict.Rejected, "缴清罚款不影响列入"), default))).Succeeded);
        Assert.Equal(ListingState.Listed, (await w.LoadAsync(other)).State);
    }

    [Fact]
    public async Task An_objection_after_the_window_is_refused_naming_the_closing_date()
    {
        await using var w = await CreditWorld.CreateAsync();
        var id = await w.ListAsync(w.NewCreditCode("440305"), "深市监信列〔2026〕11号", Today, Today);
        var late = await w.With<LodgeObjection, ListingOutcome>(h => h.LodgeAsync(id, new ObjectionInput("迟到的异议", Today.AddDays(6)), default));
        Assert.Contains("收到日期晚于今天", late.Errors["receivedOn"][0], StringComparison.Ordinal);

        w.Clock.SetToday(Today.AddDays(6));
        var refused = await w.With<LodgeObjection, ListingOutcome>(h => h.LodgeAsync(id, new ObjectionInput("迟到的异议"), default));
        Assert.True(refused.Conflict);
        Assert.Contains("2026-03-07", refused.Errors["state"][0], StringComparison.Ordinal);
        // Received on the last day, recorded later: still inside the window.
        Assert.True((await w.With<LodgeObjection, ListingOutcome>(h => h.LodgeAsync(id, new ObjectionInput("最后一天寄出的异议", Today.AddDays(5)), default))).Succeeded);
    }

    [Fact]
    public async Task The_daily_run_closes_windows_and_ends_periods_once()
    {
        await using var w = await CreditWorld.CreateAsync();
        var id = await w.ListAsync(w.NewCreditCode("440305"), "深市监信列〔2026〕12号", Today, Today);
        w.Clock.SetToday(Today.AddDays(5));
        Assert.Equal(new ExpiryResult(Today.AddDays(5), 0, 0), await w.With<ExpireListings, ExpiryResult>(h => h.RunAsync(default)));
        w.Clock.SetToday(Today.AddDays(6));
        Assert.Equal(new ExpiryResult(Today.AddDays(6), 1, 0), await w.With<ExpireListings, ExpiryResult>(h => h.RunAsync(default)));
        Assert.Equal(new ExpiryResult(Today.AddDays(6), 0, 0), await w.With<ExpireListings, ExpiryResult>(h => h.RunAsync(default)));
        Assert.Equal(ListingState.Listed, (await w.LoadAsync(id)).State);

        w.Clock.SetToday(new DateOnly(2029, 3, 1));
        Assert.Equal(0, (await w.With<ExpireListings, ExpiryResult>(h => h.RunAsync(default))).Expired);
        w.Clock.SetToday(new DateOnly(2029, 3, 2));
        Assert.Equal(1, (await w.With<ExpireListings, ExpiryResult>(h => h.RunAsync(default))).Expired);
        var l = await w.LoadAsync(id);
        Assert.Equal(ListingState.Expired, l.State);
        Assert.Equal([ListingEventKinds.Decided, ListingEventKinds.Published, ListingEventKinds.WindowClosed, ListingEventKinds.Expired], l.Events.Select(e => e.Kind));
        Assert.All(l.Events.Skip(2), e => Assert.Equal("test", e.Actor));
    }

    [Fact]
    public async Task Restoration_needs_a_request_from_the_restorable_date_and_every_condition_and_ends_the_listing_on_its_date()
    {
        await using var w = await CreditWorld.CreateAsync();
        var id = await w.ListAsync(w.NewCreditCode("440305"), "深市监信列〔2025〕13号", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 3));
        Assert.Equal(new DateOnly(2026, 3, 3), (await w.LoadAsync(id)).RestorableFrom);

        var noRequest = await w.With<DecideRestoration, ListingOutcome>(h => h.DecideAsync(id, new RestorationDecisionInput(RestorationVerdict.Grant, [], "x"), default));
        Assert.True(noRequest.Conflict);
        var tooEarly = await w.With<RequestRestoration, ListingOutcome>(h => h.RequestAsync(id, new RestorationRequestInput("申请提前移出"), default));
        Assert.True(tooEarly.Conflict);
        Assert.Contains("2026-03-03", tooEarly.Errors["restorableFrom"][0], StringComparison.Ordinal);

        w.Clock.SetToday(new DateOnly(2026, 3, 3));
        Assert.True((await w.With<RequestRestoration, ListingOutcome>(h => h.RequestAsync(id, new RestorationRequestInput("已缴清罚款，申请提前移出"), default))).Succeeded);
        Assert.True((await w.With<RequestRestoration, ListingOutcome>(h => h.RequestAsync(id, new RestorationRequestInput("再次申请"), default))).Conflict);

        var missing = await w.With<DecideRestoration, ListingOutcome>(h => h.DecideAsync(id,
            new RestorationDecisionInput(RestorationVerdict.Grant, ["penalty-fulfilled", "commitment"], "罚款缴纳凭证齐全"), default));
        Assert.False(missing.Conflict);
        Assert.Contains("已主动消除危害后果和不良影响", missing.Errors["conditionsMet"][0], StringComparison.Ordinal);
        Assert.Contains("列入后未再受到较重行政处罚", missing.Errors["conditionsMet"][0], StringComparison.Ordinal);
        var unknown = await w.With<DecideRestoration, ListingOutcome>(h => h.DecideAsync(id, new RestorationDecisionInput(RestorationVerdict.Grant, ["paid"], "x"), default));
        Assert.Contains("paid", unknown.Errors["conditionsMet"][0], StringComparison.Ordinal);

        Assert.True((await w.With<DecideRestoration, ListingOutcome>(h => h.DecideAsync(id, new RestorationDecisionInput(RestorationVerdict.Refuse, null, "危害后果尚未消除"), default))).Succeeded);
        Assert.Equal(ListingState.Listed, (await w.LoadAsync(id)).State);
        w.Clock.SetToday(new DateOnly(2026, 4, 1));
        Assert.True((await w.With<RequestRestoration, ListingOutcome>(h => h.RequestAsync(id, new RestorationRequestInput("已召回全部问题产品"), default))).Succeeded);
        var all = RestorationConditions.All.Select(c => c.Code).ToList();
        var granted = await w.With<DecideRestoration, ListingOutcome>(h => h.DecideAsync(id,
            new RestorationDecisionInput(RestorationVerdict.Grant, all, "罚没款缴纳凭证、召回记录、守信承诺书齐全", new DateOnly(2026, 3, 31)), default));
        Assert.True(granted.Succeeded);

        var l = await w.LoadAsync(id);
        Assert.Equal(ListingState.Restored, l.State);
        Assert.Equal(new DateOnly(2026, 3, 31), l.RestoredOn);
        Assert.StartsWith("已满足条件：已履行行政处罚决定规定的义务", l.RestorationNote, StringComparison.Ordinal);
        Assert.Contains("守信承诺书齐全", l.RestorationNote, StringComparison.Ordinal);
        var s = l.ToSnapshot()!;
        Assert.True(s.ActiveOn(new DateOnly(2026, 3, 30)));
        Assert.False(s.ActiveOn(new DateOnly(2026, 3, 31)));
        Assert.Equal(
            [ListingEventKinds.Decided, ListingEventKinds.Published, ListingEventKinds.WindowClosed, ListingEventKinds.RestorationRequested,
             ListingEventKinds.RestorationRefused, ListingEventKinds.RestorationRequested, ListingEventKinds.Restored],
            l.Events.Select(e => e.Kind));
        Assert.True((await w.With<RequestRestoration, ListingOutcome>(h => h.RequestAsync(id, new RestorationRequestInput("x"), default))).Conflict);
    }

    [Fact]
    public async Task Every_step_is_audited_with_the_actor_and_the_changed_fields()
    {
        await using var w = await CreditWorld.CreateAsync();
        var id = await w.ListAsync(w.NewCreditCode("440305"), "深市监信列〔2026〕14号", Today, Today);
        await w.With<LodgeObjection, ListingOutcome>(h => h.LodgeAsync(id, new ObjectionInput("异议"), default));
        await w.With<DecideObjection, ListingOutcome>(h => h.DecideAsync(id, new ObjectionDecisionInput(ObjectionVerdict.Rejected, "不成立"), default));
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await w.DbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(DishonestyListing) && a.EntityId == key).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["create", "update", "update", "update"], entries.Select(a => a.Action));
        Assert.All(entries, a => Assert.Equal("test", a.Actor));
        Assert.All(entries, a => Assert.Equal("440305", a.RegionCode));
        Assert.Contains("\"State\"", entries[1].Changes, StringComparison.Ordinal);
        Assert.Contains("\"ObjectionUntil\"", entries[1].Changes, StringComparison.Ordinal);
        var events = await w.DbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.EntityType == nameof(ListingEvent) && a.Action == "create"));
        Assert.Equal(4, events);
    }
}
