using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Gatekeeper.Benchmarks;
using Gatekeeper.Benchmarks.Generation;
using Gatekeeper.Benchmarks.Measurement;
using Microsoft.CodeAnalysis.CSharp;

// Gatekeeper benchmark: see BenchmarkOptions.Usage and docs/performance.md.
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

if (options.GenerateOnly)
{
    foreach (var size in options.Sizes)
    {
        var generated = SolutionGenerator.Generate(size, options.Seed);
        Console.WriteLine($"{Report.X(size)}: {generated.ResourceCount} resources, {generated.ApiFiles.Count} + {generated.TestFiles.Count} files, {generated.ApiLines:N0} + {generated.TestLines:N0} = {generated.TotalLines:N0} lines ({(double)generated.ApiLines / generated.TotalLines:P0} API), large test file {generated.LargeTestFile.LineCount:N0} lines");
        if (options.DumpDirectory is { } folder)
        {
            Dump(generated, Path.Combine(folder, Report.X(size).TrimEnd('×') + "x"));
        }
    }

    return 0;
}

var total = Stopwatch.StartNew();
var loadBefore = LoadAverage();
var catalog = AnalyzerCatalog.Load(options.Peer, options.Rules.ToHashSet(StringComparer.OrdinalIgnoreCase));
var gatekeeperRules = catalog.CreateGatekeeper().Select(AnalyzerCatalog.NameOf).ToList();
Progress($"Gatekeeper analyzers ({gatekeeperRules.Count}): {string.Join(", ", gatekeeperRules)}");
Progress($"Peer: {catalog.SonarDescription}");
if (options.Platform)
{
    catalog.LoadPlatform();
    Progress($"ASP.NET Core's analyzers: {catalog.PlatformDescription}");
    if (!catalog.HasPlatform)
    {
        return 3;
    }
}
if (options.Peer && !catalog.HasSonar)
{
    Console.Error.WriteLine("The peer analyzer could not be loaded; run with --no-peer to measure Gatekeeper alone.");
    return 3;
}

var runner = new Runner(catalog, options.Concurrent, options.Overhead, options.GcAttribution && !options.Concurrent, options.Prebind);

// Warm-up: JIT the compiler, the driver and every analyzer on a small solution, untimed.
{
    var warm = BenchmarkSolution.Create(SolutionGenerator.Generate(0.1, options.Seed + 1), options.Concurrent, catalog.AllDiagnosticIds());
    runner.MeasureRun(warm, 0);
    runner.MeasureIde(warm, 0, 3);
    Progress($"warm-up done ({total.Elapsed.TotalSeconds:N0} s)");
}

// The order of the measured runs. By default they alternate between the sizes (1×, 4×, then 4×, 1×, ...), so that a
// stretch in which the machine runs faster or slower falls on every size alike instead of on one size's block of runs;
// --blocked measures all runs of one size before the next, as until the twenty-second pass (docs/performance.md).
var schedule = options.Blocked
    ? options.Sizes.SelectMany(size => Enumerable.Range(0, options.Runs).Select(_ => size)).ToList()
    : Enumerable.Range(0, options.Runs).SelectMany(run => run % 2 == 0 ? options.Sizes : options.Sizes.AsEnumerable().Reverse()).ToList();
var runsBySize = options.Sizes.ToDictionary(size => size, _ => new List<RunResult>());
var warningsBySize = new Dictionary<double, int>();

// One size's solution is held at a time: a run of another size starts from a freshly generated and parsed solution,
// so the heap during a run holds what it holds when that size is measured alone.
BenchmarkSolution? current = null;
foreach (var size in schedule)
{
    current = SolutionOf(size, announce: !warningsBySize.ContainsKey(size));
    var runs = runsBySize[size];
    var run = runs.Count;
    var failed = false;
    var result = runner.MeasureRun(current, run, warningsBySize.ContainsKey(size) ? null : diagnostics =>
    {
        var (errors, warningCount, firstErrors, warningSummary) = Runner.Check(diagnostics);
        warningsBySize[size] = warningCount;
        if (warningCount > 0)
        {
            Progress($"  compiler warnings: {warningSummary}");
        }

        if (errors > 0)
        {
            Console.Error.WriteLine($"The generated solution has {errors} compiler error(s); first ones:");
            foreach (var error in firstErrors)
            {
                Console.Error.WriteLine("  " + error);
            }

            failed = true;
        }
    });
    if (failed)
    {
        return 1;
    }

    runs.Add(result);
    var paused = result.RuleGc is { } gc && RuleGc.Total(gc.Values) is var inside
        ? $", paused inside Gatekeeper's callbacks {inside.GcPauseMs:N0} ms ({inside.Collections} collections started there) of {result.Gatekeeper.GcPauseMs:N0} ms in the analysis run"
        : "";
    var peer = result.Peer is { } p ? $", GK2001 {p.Gk2001Ms:N0} ms ({p.Gk2001Count}) vs S2699 {p.SonarMs:N0} ms ({p.SonarCount})" : "";
    Progress($"  {Report.X(size)} run {run + 1}/{options.Runs}: compiler {result.Compiler.WallMs:N0} ms, Gatekeeper {result.GatekeeperTotalMs:N0} ms ({result.GatekeeperShare:P2}){paused}{(options.Overhead ? $", overhead CPU {result.OverheadCpuMs:N0} ms ({result.OverheadShare:P2}), GC pauses {result.Gatekeeper.GcPauseMs:N0} ms in {result.Gatekeeper.WallMs:N0} ms of analysis against {result.Baseline!.Value.GcPauseMs:N0} ms in {result.Baseline!.Value.WallMs:N0} ms with the no-op analyzer alone" : "")}{(result.Platform is { } pl ? $", beside ASP.NET Core's analyzers: +{pl.AddedCpuMs:N0} ms CPU ({pl.AddedCpuMs / result.Compiler.CpuMs:P2}), telemetry {pl.GatekeeperTelemetryMs:N0} ms" : "")}{peer}");
}

// Once every run is measured: per size, the profiling aid and the IDE measurements.
var results = new List<SizeResult>();
foreach (var size in options.Sizes)
{
    var solution = current = SolutionOf(size, announce: false);
    var generated = solution.Generated;
    var isolation = options.Isolate ? runner.MeasureIsolated(solution) : null;
    foreach (var isolated in isolation ?? [])
    {
        Progress($"  {Report.X(size)} alone: {isolated.Rule}: telemetry {isolated.TelemetryMs:N0} ms, CPU overhead {isolated.OverheadCpuMs:N0} ms");
    }

    var ide = runner.MeasureIde(solution, options.IdeWarmup, options.IdeIterations);
    Progress($"  {Report.X(size)} IDE: Gatekeeper p95 {Statistics.Percentile(ide.GatekeeperMs, 95):N1} ms, wall p95 {Statistics.Percentile(ide.WallMs, 95):N1} ms");
    var apiIde = runner.MeasureApiIde(solution, options.IdeWarmup, Math.Max(1, options.IdeIterations / 3));
    Progress($"  {Report.X(size)} IDE, API document: Gatekeeper p95 {Statistics.Percentile(apiIde.GatekeeperMs, 95):N1} ms");
    results.Add(new SizeResult(
        size,
        generated.ResourceCount,
        generated.ApiFiles.Count,
        generated.TestFiles.Count,
        generated.ApiLines,
        generated.TestLines,
        warningsBySize.GetValueOrDefault(size),
        runsBySize[size],
        ide,
        isolation,
        apiIde));
}

var loadAfter = LoadAverage();
var environment = string.Create(
    CultureInfo.InvariantCulture,
    $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, Roslyn {typeof(CSharpCompilation).Assembly.GetName().Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; load average {loadBefore} before, {loadAfter} after; {total.Elapsed.TotalMinutes:N1} min.");
var report = Report.Build(results, options, catalog, runner.AnalyzerExceptions, environment);
Console.WriteLine(report);
if (options.OutputFile is { } output)
{
    File.WriteAllText(output, report);
}

return runner.AnalyzerExceptions.Count > 0 ? 4 : 0;

static void Progress(string message) => Console.Error.WriteLine(message);

// The solution of one size: the one held if it is that size, else generated (the generator is deterministic: same
// size and seed, same sources) and parsed again, after the one held is let go so that two are never alive at once.
BenchmarkSolution SolutionOf(double size, bool announce)
{
    if (current?.Generated.Size == size)
    {
        return current;
    }

    current = null;
    var generated = SolutionGenerator.Generate(size, options.Seed);
    if (announce && options.DumpDirectory is { } dump)
    {
        Dump(generated, Path.Combine(dump, Report.X(size).TrimEnd('×') + "x"));
    }

    var solution = BenchmarkSolution.Create(generated, options.Concurrent, catalog.AllDiagnosticIds());
    if (announce)
    {
        Progress($"{Report.X(size)}: {generated.ResourceCount} resources, {generated.ApiFiles.Count + generated.TestFiles.Count} files, {generated.TotalLines:N0} lines");
    }

    return solution;
}

// The 1-minute load average (Linux), to tell a loaded machine from an idle one.
static string LoadAverage()
{
    const string File = "/proc/loadavg";
    return System.IO.File.Exists(File) ? System.IO.File.ReadAllText(File).Split(' ')[0] : "n/a";
}

static void Dump(GeneratedSolution generated, string folder)
{
    foreach (var (project, files) in new[] { ("Shop.Api", generated.ApiFiles), ("Shop.Api.Tests", generated.TestFiles) })
    {
        foreach (var file in files)
        {
            var path = Path.Combine(folder, project, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }
    }

    Console.Error.WriteLine($"Generated sources written to {folder}");
}
