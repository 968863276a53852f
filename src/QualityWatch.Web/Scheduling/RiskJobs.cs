using QualityWatch.Core.Access;
using QualityWatch.Core.Risk;
using QualityWatch.Core.Risk.Detection;
using QualityWatch.Core.Risk.Outbox;
using QualityWatch.Core.Risk.Sources.Feeds;
using Quartz;

namespace QualityWatch.Web.Scheduling;

/// <summary>
/// The scheduled side of risk monitoring. Each job opens its own scope acting as the system, then calls the
/// same handler as the CLI (`qw risk scan`, `qw risk pull-feeds`, `qw risk deliver`), so a scheduled run and a
/// manual one cannot differ.
/// </summary>
public static class RiskJobs
{
    public static void AddRiskSchedule(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RiskOptions.Section).Get<RiskOptions>() ?? new RiskOptions();
        if (!options.ScheduleEnabled)
            return;
        var china = TimeZoneInfo.CreateCustomTimeZone("China Standard Time (UTC+8)", TimeSpan.FromHours(8), "CST", "CST");
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<ScanJob>(j => j.WithIdentity(nameof(ScanJob)));
            q.AddTrigger(t => t.ForJob(nameof(ScanJob)).WithCronSchedule(options.ScanSchedule, c => c.InTimeZone(china)));
            q.AddJob<FeedsJob>(j => j.WithIdentity(nameof(FeedsJob)));
            q.AddTrigger(t => t.ForJob(nameof(FeedsJob)).WithCronSchedule(options.FeedSchedule, c => c.InTimeZone(china)));
            q.AddJob<OutboxJob>(j => j.WithIdentity(nameof(OutboxJob)));
            q.AddTrigger(t => t.ForJob(nameof(OutboxJob)).WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(30)).RepeatForever()));
        });
        builder.Services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
    }

    private static async ValueTask RunAsSystemAsync<T>(IServiceProvider services, string actor, Func<T, Task> run) where T : notnull
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem(actor);
        await run(scope.ServiceProvider.GetRequiredService<T>());
    }

    [DisallowConcurrentExecution]
    private sealed class ScanJob(IServiceProvider services, ILogger<ScanJob> log) : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => RunAsSystemAsync<ScanRisks>(services, "scheduler:scan", async h =>
        {
            var r = await h.RunAsync(null, cancellationToken);
            log.LogInformation("Risk scan for week {Week}: {Series} series, {Signals} signals ({New} new), {Created} warnings created in {Seconds:0.0} s",
                r.WeekStart, r.Series, r.Signals, r.NewSignals, r.WarningsCreated, r.Elapsed.TotalSeconds);
        });
    }

    [DisallowConcurrentExecution]
    private sealed class FeedsJob(IServiceProvider services, ILogger<FeedsJob> log) : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => RunAsSystemAsync<PullFeeds>(services, "scheduler:feeds", async h =>
        {
            foreach (var r in await h.RunAsync(cancellationToken))
            {
                if (r.Error is not null)
                    log.LogWarning("Feed {Feed}: {Error}", r.Feed, r.Error);
                else
                    log.LogInformation("Feed {Feed}: {Items} items, {Created} new", r.Feed, r.Items, r.Created);
            }
        });
    }

    [DisallowConcurrentExecution]
    private sealed class OutboxJob(IServiceProvider services) : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
            RunAsSystemAsync<DeliverOutbox>(services, "scheduler:outbox", h => h.RunAsync(cancellationToken));
    }
}
