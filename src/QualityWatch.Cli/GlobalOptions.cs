using System.CommandLine;

namespace QualityWatch.Cli;

/// <summary>Options every database-touching command understands.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Database = new("--database")
    {
        Description = "sqlite:PATH or a PostgreSQL connection string (overrides configuration)",
        Recursive = true,
    };
}
