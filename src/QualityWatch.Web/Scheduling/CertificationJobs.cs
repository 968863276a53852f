using QualityWatch.Core.Access;
using QualityWatch.Core.Certification.Findings;
using Quartz;

namespace QualityWatch.Web.Scheduling;

/// <summary>
/// The daily certification scan (forgery, misuse, body oversight). Like the risk jobs it opens its own scope acting
/// as the system and calls the same handler as `qw certs scan` and POST /api/v1/certification-bodies/scan.
/// Settings: <c>Certification:ScanSchedule</c> (Quartz cron, Beijing time; default 03:30 daily, after the night's
/// imports) and <c>Certification:ScheduleEnabled</c> (default true).
/// </summary>
public static class CertificationJobs
{
    public const string DefaultSchedule = "0 30 3 * * ?";

    public static void AddCertificationSchedule(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Certification");
        if (!section.GetValue("ScheduleEnabled", true))
            return;
        var cron = section["ScanSchedule"] is { Length: > 0 } s ? s : DefaultSchedule;
        var china = TimeZoneInfo.CreateCustomTimeZone("China Standard Time (UTC+8)", TimeSpan.FromHours(8), "CST", "CST");
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<ScanJob>(j => j.WithIdentity(nameof(CertificationJobs) + "." + nameof(ScanJob)));
            q.AddTrigger(t => t.ForJob(nameof(CertificationJobs) + "." + nameof(ScanJob)).WithCronSchedule(cron, c => c.InTimeZone(china)));
        });
        // The risk schedule may already run the scheduler; one hosted service drives every job.
        if (!builder.Services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "QuartzHostedService"))
            builder.Services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
    }

    [DisallowConcurrentExecution]
    private sealed class ScanJob(IServiceProvider services, ILogger<ScanJob> log) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessScope>().AsSystem("scheduler:certification-scan");
            var r = await scope.ServiceProvider.GetRequiredService<ScanCertification>().RunAsync(null, cancellationToken);
            log.LogInformation("Certification scan as of {AsOf}: {Claims} numbers in use, {Certificates} certificates, {Findings} findings, {Signals} signals ({New} new), {Created} warnings created in {Seconds:0.0} s",
                r.AsOf, r.Claims, r.Certificates, r.Findings, r.Signals, r.NewSignals, r.WarningsCreated, r.Elapsed.TotalSeconds);
        }
    }
}
