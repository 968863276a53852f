using QualityWatch.Web.Hosting;

// The table of contents is QualityWatchApp.Build: database, identity, modules, web, pipeline, API, pages.
var app = QualityWatchApp.Build(args);
await app.RunAsync();
