using System.CommandLine;
using QualityWatch.Cli;

// Table of contents of the `qw` command: one line per module.
var root = new RootCommand("QualityWatch 质量安全监管平台 command line");
root.Options.Add(GlobalOptions.Database);
root.Subcommands.Add(QualityWatch.Cli.Serve.ServeCommand.Create());
root.Subcommands.Add(QualityWatch.Cli.Database.DbCommand.Create());
root.Subcommands.Add(QualityWatch.Cli.Registry.RegionsCommand.Create());
root.Subcommands.Add(QualityWatch.Cli.Users.UsersCommand.Create());
root.Subcommands.Add(QualityWatch.Cli.Import.ImportCommand.Create());
root.Subcommands.Add(QualityWatch.Cli.Export.ExportCommand.Create());
root.Subcommands.Add(QualityWatch.Cli.Demo.DemoCommand.Create());
root.Subcommands.Add(QualityWatch.Cli.Signals.SignalsCommand.Create());
root.Subcommands.Add(QualityWatch.Cli.Risk.RiskCommand.Create());
root.Subcommands.Add(QualityWatch.Cli.Certification.CertsCommand.Create());
root.Subcommands.Add(QualityWatch.Cli.Credit.CreditCommand.Create());

return await root.Parse(args).InvokeAsync();
