using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace QualityWatch.Core.Audit;

/// <summary>Turns tracked changes into audit entries; refuses any change to an existing audit entry.</summary>
internal static class AuditTrail
{
    // Secrets never reach the log, not even hashed.
    private static readonly HashSet<string> Redacted =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Hash", "NormalizedUserName", "NormalizedEmail", "NormalizedName"];

    public sealed class Pending(EntityEntry entry, string action, JsonObject changes)
    {
        public AuditEntry ToEntry(DateTimeOffset at, string actor, AuditContext context)
        {
            var audited = entry.Entity as IAudited;
            var id = audited?.AuditId ?? string.Join('/', entry.Metadata.FindPrimaryKey()!.Properties
                .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
            if (action == "create")
            {
                // Generated values (ids) are known now, and so are foreign keys to a parent added in the same save,
                // which held a temporary value when the change was captured.
                foreach (var p in entry.Properties.Where(p => p.Metadata.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never || p.Metadata.IsForeignKey()))
                {
                    if (!Redacted.Contains(p.Metadata.Name))
                        changes[p.Metadata.Name] = new JsonObject { ["before"] = null, ["after"] = ToNode(p.CurrentValue) };
                }
            }
            return new AuditEntry
            {
                At = at,
                Actor = actor,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = id,
                Action = action,
                Changes = changes.ToJsonString(),
                RegionCode = audited?.AuditRegionCode,
                RequestId = context.RequestId,
                ClientAddress = context.ClientAddress,
            };
        }
    }

    public static List<Pending> Capture(ChangeTracker tracker)
    {
        var result = new List<Pending>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                    throw new InvalidOperationException("Audit entries are append-only: they cannot be changed or deleted.");
                continue;
            }
            if (entry.Entity is INotAudited)
                continue;
            switch (entry.State)
            {
                case EntityState.Added:
                    result.Add(new Pending(entry, "create", Diff(entry, before: false, after: true)));
                    break;
                case EntityState.Modified:
                    var changes = Diff(entry, before: true, after: true);
                    if (changes.Count > 0)
                        result.Add(new Pending(entry, "update", changes));
                    break;
                case EntityState.Deleted:
                    result.Add(new Pending(entry, "delete", Diff(entry, before: true, after: false)));
                    break;
            }
        }
        return result;
    }

    private static JsonObject Diff(EntityEntry entry, bool before, bool after)
    {
        var changes = new JsonObject();
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            if (Redacted.Contains(name))
                continue;
            if (before && after)
            {
                if (!p.IsModified || Equals(Render(p.OriginalValue), Render(p.CurrentValue)))
                    continue;
                changes[name] = new JsonObject { ["before"] = ToNode(p.OriginalValue), ["after"] = ToNode(p.CurrentValue) };
            }
            else if (after)
            {
                if (p.Metadata.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never)
                    continue; // filled in after the save
                changes[name] = new JsonObject { ["before"] = null, ["after"] = ToNode(p.CurrentValue) };
            }
            else
            {
                changes[name] = new JsonObject { ["before"] = ToNode(p.OriginalValue), ["after"] = null };
            }
        }
        return changes;
    }

    private static string? Render(object? value) => value is null ? null : JsonSerializer.Serialize(value);

    private static JsonNode? ToNode(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value);
}
