using System.CommandLine;

namespace QualityWatch.Cli.Signals;

public static class SignalsCommand
{
    public static Command Create()
    {
        var command = new Command("signals", "Statistical signal detection on count series (see docs/signals.md)");
        return command;
    }
}
