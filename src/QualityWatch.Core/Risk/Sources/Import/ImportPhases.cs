using System.Globalization;

namespace QualityWatch.Core.Risk.Sources.Import;

/// <summary>
/// Wall time of an import's phases on the importing thread: set-up (registry snapshot, text pipeline), preparing
/// batches (reading, checking, looking up stored ids), finishing a batch's analysis (analysing the records no worker
/// has claimed, then waiting for the rest), writing records with their audit entries, producer leads, commits. The
/// analysis workers run beside these on the other cores.
/// </summary>
public sealed class ImportPhases
{
    public TimeSpan Setup { get; set; }
    public TimeSpan Prepare { get; set; }
    public TimeSpan AwaitAnalysis { get; set; }
    public TimeSpan WriteRecords { get; set; }
    public TimeSpan WriteLeads { get; set; }
    public TimeSpan Commit { get; set; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"set-up {Setup.TotalSeconds:F2} s, prepare {Prepare.TotalSeconds:F2} s, finishing analysis {AwaitAnalysis.TotalSeconds:F2} s, records + audit {WriteRecords.TotalSeconds:F2} s, leads {WriteLeads.TotalSeconds:F2} s, commits {Commit.TotalSeconds:F2} s");
}
