using QualityWatch.Core.Access;
using QualityWatch.Core.Credit;
using QualityWatch.Core.Credit.Expire;
using Quartz;

namespace QualityWatch.Web.Scheduling;

/// <summary>
/// The daily credit run: closes objection windows and ends listing periods through <see cref="ExpireListings"/>, the
/// handler `qw credit expire` calls, acting as the system in its own scope.
/// </summary>
public static class CreditJobs
{
    public static void AddCreditSchedule(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(CreditOptions.Section).Get<CreditOptions>() ?? new CreditOptions();
        if (!options.ScheduleEnabled)
            return;
        var china = TimeZoneInfo.CreateCustomTimeZone("China Standard Time (UTC+8)", TimeSpan.FromHours(8), "CST", "CST");
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<ExpiryJob>(j => j.WithIdentity(nameof(ExpiryJob)));
            q.AddTrigger(t => t.ForJob(nameof(ExpiryJob)).WithCronSchedule(options.ExpirySchedule, c => c.InTimeZone(china)));
        });
        // The risk schedule may have added the hosted scheduler already; a second one would start the same scheduler twice.
        if (!builder.Services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(QuartzHostedService)))
            builder.Services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
    }

    [DisallowConcurrentExecution]
    private sealed class ExpiryJob(IServiceProvider services, ILogger<ExpiryJob> log) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("scheduler:credit-expiry");
            var r = await scope.ServiceProvider.GetRequiredService<ExpireListings>().RunAsync(cancellationToken);
            log.LogInformation("Credit expiry as of {AsOf}: {Closed} objection windows closed, {Expired} listings expired", r.AsOf, r.WindowsClosed, r.Expired);
        }
    }
}
