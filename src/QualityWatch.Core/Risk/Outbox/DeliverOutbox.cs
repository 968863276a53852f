using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityWatch.Core.Persistence;

namespace QualityWatch.Core.Risk.Outbox;

/// <summary>
/// Posts due outbox messages to their webhooks. A failure schedules a retry after 30 s × 2^attempts; after the
/// configured attempts the message is marked failed and stays for an administrator. Delivery is at least once:
/// receivers deduplicate by the warning number and type.
/// </summary>
public sealed class DeliverOutbox(QualityWatchDbContext db, IHttpClientFactory http, IOptions<RiskOptions> options)
{
    public const string HttpClientName = "webhooks";

    public async Task<(int Delivered, int Failed)> RunAsync(CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow();
        var due = await db.OutboxMessages.Where(m => m.DeliveredAt == null && m.FailedAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Take(100).ToListAsync(ct);
        var delivered = 0;
        var failed = 0;
        var client = http.CreateClient(HttpClientName);
        foreach (var m in due)
        {
            m.Attempts++;
            try
            {
                using var content = new StringContent(m.Payload, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri(m.Target), content, ct);
                if (response.IsSuccessStatusCode)
                {
                    m.DeliveredAt = db.Clock.GetUtcNow();
                    m.LastError = null;
                    delivered++;
                    continue;
                }
                m.LastError = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                m.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            }
            failed++;
            if (m.Attempts >= options.Value.WebhookAttempts)
                m.FailedAt = db.Clock.GetUtcNow();
            else
                m.NextAttemptAt = db.Clock.GetUtcNow().AddSeconds(30 * Math.Pow(2, m.Attempts - 1));
        }
        await db.SaveChangesAsync(ct);
        return (delivered, failed);
    }
}
