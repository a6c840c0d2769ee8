using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using static Gatekeeper.Benchmarks.Measurement.Statistics;

namespace Gatekeeper.Benchmarks.Measurement;

/// <summary>The Markdown report: tables of medians per size, and the issue's targets with PASS or MISS.</summary>
internal static class Report
{
    /// <summary>Gatekeeper's total analyzer time as a share of the compiler's diagnostics time.</summary>
    public const double ShareTarget = 0.05;

    /// <summary>Growth allowance: time at k× may be 1.1·k times the time at 1× (4.4 at 4×).</summary>
    public const double GrowthAllowance = 1.1;

    public const double IdeP95TargetMs = 20;

    public const double PeerRatioTarget = 1.0;

    public static string Build(
        IReadOnlyList<SizeResult> sizes,
        BenchmarkOptions options,
        AnalyzerCatalog catalog,
        IReadOnlyCollection<string> analyzerExceptions,
        string environment)
    {
        var text = new StringBuilder();
        var runs = sizes[0].Runs.Count;
        text.AppendLine(Invariant($"Sizes {string.Join(", ", sizes.Select(s => X(s.Size)))}; medians of {runs} run(s), {(options.Blocked || sizes.Count == 1 ? "measured size by size" : "alternating between the sizes")}; IDE: {options.IdeIterations} edits after {options.IdeWarmup} warm-up; {(options.Concurrent ? "concurrent" : "single-threaded")} compiler and analyzer driver; seed {options.Seed}{(options.Prebind is { } prebind ? $"; --prebind {prebind} (an experiment, not a build's conditions)" : "")}."));
        text.AppendLine();
        text.AppendLine(environment);
        text.AppendLine();

        text.AppendLine("#### Generated solution");
        text.AppendLine();
        text.AppendLine("| Size | Resources | Files (API + tests) | Lines: API + tests = total | API share | Compiler warnings |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var s in sizes)
        {
            text.AppendLine(Invariant($"| {X(s.Size)} | {s.ResourceCount} | {s.ApiFiles} + {s.TestFiles} | {s.ApiLines:N0} + {s.TestLines:N0} = {s.TotalLines:N0} | {(double)s.ApiLines / s.TotalLines:P0} | {s.CompilerWarnings} |"));
        }

        text.AppendLine();
        text.AppendLine("#### Build: whole solution (both projects)");
        text.AppendLine();
        var overhead = sizes.All(s => s.Runs.All(r => r.Baseline is not null));
        text.AppendLine("| Size | Compiler diagnostics: wall / CPU (ms) | Gatekeeper total (ms) | Gatekeeper / compiler | Allocated: compiler / analysis (MB) | GC pauses: compiler / analysis (ms) |" + (overhead ? " Overhead CPU (ms) | Overhead / compiler CPU | Allocated: overhead (MB) |" : ""));
        text.AppendLine("|---|---:|---:|---:|---:|---:|" + (overhead ? "---:|---:|---:|" : ""));
        foreach (var s in sizes)
        {
            var row = Invariant(
                $"| {X(s.Size)} | {Median(s.Runs.Select(r => r.Compiler.WallMs)):N0} / {Median(s.Runs.Select(r => r.Compiler.CpuMs)):N0} | {Median(s.Runs.Select(r => r.GatekeeperTotalMs)):N0} | {Median(s.Runs.Select(r => r.GatekeeperShare)):P2} | {MedianMegabytes(s.Runs.Select(r => r.Compiler.Bytes)):N0} / {MedianMegabytes(s.Runs.Select(r => r.Gatekeeper.Bytes)):N0} | {Median(s.Runs.Select(r => r.Compiler.GcPauseMs)):N0} / {Median(s.Runs.Select(r => r.Gatekeeper.GcPauseMs)):N0} |");
            if (overhead)
            {
                row += Invariant($" {Median(s.Runs.Select(r => r.OverheadCpuMs)):N0} | {Median(s.Runs.Select(r => r.OverheadShare)):P1} | {Median(s.Runs.Select(r => r.OverheadBytes)) / 1e6:N0} |");
            }

            text.AppendLine(row);
        }

        text.AppendLine();
        text.AppendLine("Gatekeeper total: time inside Gatekeeper's callbacks by Roslyn's telemetry (`AnalyzerTelemetryInfo.ExecutionTime`, summed over its analyzers and both projects), against the wall time of the compiler's `GetDiagnostics()` on the same, fresh compilations. Analysis: the run with Gatekeeper (its allocations and the driver's, the binding included); GC pauses: the time the runtime was stopped for collections during each run, which the telemetry counts inside whichever callback is running when one strikes (the driver runs the callbacks on its own thread while the calling thread binds the compilation)." + (overhead
            ? " Overhead: process CPU of the analysis with Gatekeeper minus the same analysis with a no-op analyzer; it adds the driver work Gatekeeper's actions cause outside its callbacks (IOperation trees, semantic-model binding)."
            : ""));
        var platform = sizes.Where(s => s.Runs.All(r => r.Platform is not null)).ToList();
        if (platform.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("#### Beside ASP.NET Core's analyzers, as in a web build (--platform)");
            text.AppendLine();
            text.AppendLine("ASP.NET Core's analyzers: " + catalog.PlatformDescription + ".");
            text.AppendLine();
            text.AppendLine("| Size | Their analysis: CPU (ms) | With Gatekeeper: CPU (ms) | Added by Gatekeeper: CPU (ms) | Added / compiler CPU | Gatekeeper telemetry there (ms) / compiler wall | Their telemetry (ms) |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var s in platform)
            {
                text.AppendLine(Invariant(
                    $"| {X(s.Size)} | {Median(s.Runs.Select(r => r.Platform!.PlatformOnly.CpuMs)):N0} | {Median(s.Runs.Select(r => r.Platform!.WithGatekeeper.CpuMs)):N0} | {Median(s.Runs.Select(r => r.Platform!.AddedCpuMs)):N0} | {Median(s.Runs.Select(r => r.Platform!.AddedCpuMs / r.Compiler.CpuMs)):P1} | {Median(s.Runs.Select(r => r.Platform!.GatekeeperTelemetryMs)):N0} / {Median(s.Runs.Select(r => r.Platform!.GatekeeperTelemetryMs / r.Compiler.WallMs)):P1} | {Median(s.Runs.Select(r => r.Platform!.PlatformTelemetryMs)):N0} |"));
            }

            text.AppendLine();
            text.AppendLine("Both analyses run on fresh compilations of both projects with a no-op analyzer riding along; \"added\" is the process CPU of the one with Gatekeeper minus the one without (each run's difference, then the median). The method bodies ASP.NET Core's analyzers make the driver bind are bound once for both; what Gatekeeper binds that they do not, and its own work, is what it adds.");
        }

        text.AppendLine();
        text.AppendLine("#### Per rule (telemetry execution time, median ms; diagnostics reported at the largest size)");
        text.AppendLine();
        text.AppendLine("| Rule | " + string.Join(" | ", sizes.Select(s => X(s.Size))) + $" | Diagnostics | IDE p50 / p95 at {X(sizes[^1].Size)} |");
        text.AppendLine("|---|" + string.Concat(sizes.Select(_ => "---:|")) + "---:|---:|");
        var largest = sizes[^1];
        foreach (var rule in sizes.SelectMany(s => s.Runs).SelectMany(r => r.RuleMs.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal))
        {
            var diagnostics = rule.Split('/').Sum(id => largest.Runs[0].RuleDiagnostics.GetValueOrDefault(id));
            var cells = string.Join(" | ", sizes.Select(s => Invariant($"{Median(s.Runs.Select(r => r.RuleMs.GetValueOrDefault(rule))):N1}")));
            var ide = largest.Ide.RuleMs.TryGetValue(rule, out var samples)
                ? Invariant($"{Percentile(samples, 50):N1} / {Percentile(samples, 95):N1}")
                : "";
            text.AppendLine(Invariant($"| {rule} | {cells} | {diagnostics} | {ide} |"));
        }

        var attributed = sizes.Where(s => s.Runs.All(r => r.RuleGc is not null)).ToList();
        foreach (var s in attributed)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"#### Garbage collection inside each rule's callbacks (--gc-attribution), {X(s.Size)}, median ms and MB"));
            text.AppendLine();
            text.AppendLine("| Rule | Telemetry | Callbacks (stopwatch) | Paused for GC inside them | Own work (callbacks − paused) | Allocated (MB) | Collections inside, gen0 / gen1 / gen2 (first run) | Of the callbacks: compilation start / paused in it | Thread CPU inside them | Waiting for a core inside them |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var rules = s.Runs[0].RuleGc!.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
            foreach (var rule in rules.Append("Total"))
            {
                RuleGc Of(RunResult r) => rule == "Total"
                    ? RuleGc.Total(r.RuleGc!.Values)
                    : r.RuleGc!.GetValueOrDefault(rule) ?? new RuleGc(0, 0, 0);
                var telemetry = Median(s.Runs.Select(r => rule == "Total" ? r.GatekeeperTotalMs : r.RuleMs.GetValueOrDefault(rule)));
                text.AppendLine(Invariant(
                    $"| {rule} | {telemetry:N0} | {Median(s.Runs.Select(r => Of(r).CallbackMs)):N0} | {Median(s.Runs.Select(r => Of(r).GcPauseMs)):N0} | {Median(s.Runs.Select(r => Of(r).OwnMs)):N0} | {Median(s.Runs.Select(r => (double)Of(r).Bytes)) / 1e6:N0} | {Of(s.Runs[0]).Collections} | {Median(s.Runs.Select(r => Of(r).StartMs)):N0} / {Median(s.Runs.Select(r => Of(r).StartPauseMs)):N0} | {Median(s.Runs.Select(r => Of(r).CpuMs)):N0} | {Median(s.Runs.Select(r => Of(r).RunQueueMs)):N0} |"));
            }

            text.AppendLine();
            text.AppendLine(Invariant($"Collections in the whole analysis run (first run), gen0 / gen1 / gen2: {s.Runs[0].Gatekeeper.Collections}; in the compiler run: {s.Runs[0].Compiler.Collections}."));

            text.AppendLine();
            text.AppendLine(Invariant($"Own work against the compiler's diagnostics time: {Median(s.Runs.Select(r => r.RuleGc!.Values.Sum(g => g.OwnMs) / r.Compiler.WallMs)):P2} (telemetry: {Median(s.Runs.Select(r => r.GatekeeperShare)):P2})."));
        }

        if (attributed.Count >= 2)
        {
            // The telemetry charges each collection to whichever callback is running when it strikes; the threads' CPU
            // inside the callbacks does not, so its growth tells whether a rule's own work grows faster than the code.
            var small = attributed[0];
            var large = attributed[^1];
            text.AppendLine();
            text.AppendLine(Invariant($"#### Growth of each rule's own work, {X(small.Size)} → {X(large.Size)} (--gc-attribution; thread CPU inside the callbacks, medians; not the growth target)"));
            text.AppendLine();
            text.AppendLine(Invariant($"| Rule | Thread CPU {X(small.Size)} (ms) | Thread CPU {X(large.Size)} (ms) | Growth | Telemetry growth |"));
            text.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var rule in large.Runs[0].RuleGc!.Keys.OrderBy(k => k, StringComparer.Ordinal).Append("Total"))
            {
                double Cpu(SizeResult s) => Median(s.Runs.Select(r => rule == "Total" ? RuleGc.Total(r.RuleGc!.Values).CpuMs : r.RuleGc!.GetValueOrDefault(rule)?.CpuMs ?? 0));
                double Telemetry(SizeResult s) => Median(s.Runs.Select(r => rule == "Total" ? r.GatekeeperTotalMs : r.RuleMs.GetValueOrDefault(rule)));
                var cpuSmall = Cpu(small);
                var cpuLarge = Cpu(large);
                var growth = cpuSmall > 0 ? Invariant($"{cpuLarge / cpuSmall:0.00} ×") : "n/a";
                var telemetryGrowth = Telemetry(small) > 0 ? Invariant($"{Telemetry(large) / Telemetry(small):0.00} ×") : "n/a";
                text.AppendLine(Invariant($"| {rule} | {cpuSmall:N0} | {cpuLarge:N0} | {growth} | {telemetryGrowth} |"));
            }
        }

        var isolated = sizes.Where(s => s.Isolation is not null).ToList();
        if (isolated.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("#### Each analyzer alone (--isolate, one run): telemetry / CPU overhead over a no-op analyzer / allocation overhead");
            text.AppendLine();
            text.AppendLine("| Analyzer | " + string.Join(" | ", isolated.Select(s => X(s.Size))) + " |");
            text.AppendLine("|---|" + string.Concat(isolated.Select(_ => "---:|")));
            foreach (var rule in isolated[0].Isolation!.Select(i => i.Rule))
            {
                var cells = string.Join(" | ", isolated.Select(s => s.Isolation!.FirstOrDefault(i => i.Rule == rule) is { } i
                    ? Invariant($"{i.TelemetryMs:N0} ms / {i.OverheadCpuMs:N0} ms / {i.OverheadBytes / 1e6:N0} MB")
                    : ""));
                text.AppendLine($"| {rule} | {cells} |");
            }
        }

        var peers = sizes.Where(s => s.Runs.All(r => r.Peer is not null)).ToList();
        text.AppendLine();
        text.AppendLine("#### Peer: GK2001 against SonarAnalyzer.CSharp S2699 (test project; each alone on a fresh compilation)");
        text.AppendLine();
        text.AppendLine("Peer: " + catalog.SonarDescription + ".");
        text.AppendLine();
        if (peers.Count > 0)
        {
            text.AppendLine("| Size | GK2001 (ms) | S2699 (ms) | GK2001 / S2699 | GK2001 diagnostics | S2699 diagnostics | on the same line |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var s in peers)
            {
                var first = s.Runs[0].Peer!;
                text.AppendLine(Invariant(
                    $"| {X(s.Size)} | {Median(s.Runs.Select(r => r.Peer!.Gk2001Ms)):N1} | {Median(s.Runs.Select(r => r.Peer!.SonarMs)):N1} | {Median(s.Runs.Select(r => r.Peer!.Ratio)):N2} | {first.Gk2001Count} | {first.SonarCount} | {first.BothCount} |"));
            }
        }

        text.AppendLine();
        text.AppendLine("#### IDE: per-document analysis of the large test file after an edit (warm-up excluded)");
        text.AppendLine();
        var idePeers = sizes.All(s => s.Ide.PeerSonarMs.Count > 0);
        text.AppendLine("| Size | Document lines | Gatekeeper execution p50 / p95 (ms) | Analyzer call wall p50 / p95 (ms) | Compiler document diagnostics p50 / p95 (ms) | Binding probe p50 / p95 (ms) |" + (idePeers ? " GK2001 alone p50 / p95 (ms) | S2699 alone p50 / p95 (ms) |" : ""));
        text.AppendLine("|---|---:|---:|---:|---:|---:|" + (idePeers ? "---:|---:|" : ""));
        foreach (var s in sizes)
        {
            var ide = s.Ide;
            var row = Invariant(
                $"| {X(s.Size)} | {ide.DocumentLines:N0} | {P50P95(ide.GatekeeperMs)} | {P50P95(ide.WallMs)} | {P50P95(ide.CompilerMs)} | {P50P95(ide.BindingProbeMs)} |");
            if (idePeers)
            {
                row += Invariant($" {P50P95(ide.PeerGk2001Ms)} | {P50P95(ide.PeerSonarMs)} |");
            }

            text.AppendLine(row);
        }

        text.AppendLine();
        text.AppendLine("Execution times are Roslyn's telemetry for the document on the edited compilation (compilation-start actions included). Binding probe: an analyzer that makes one semantic query in each attributed method, i.e. what binding the test bodies costs whoever asks first." + (idePeers ? " GK2001 and S2699 alone: each on its own compilation of the same edit." : ""));

        if (sizes.All(s => s.ApiIde is not null))
        {
            text.AppendLine();
            text.AppendLine("#### IDE: per-document analysis of a controller of the API project after an edit (warm-up excluded; not a target)");
            text.AppendLine();
            var rules = sizes[^1].ApiIde!.RuleMs.Keys.Where(rule => sizes.Any(s => Median(s.ApiIde!.RuleMs[rule]) >= 0.05)).OrderBy(rule => rule, StringComparer.Ordinal).ToList();
            text.AppendLine("| Size | Document | Gatekeeper execution p50 / p95 (ms) | " + string.Join(" | ", rules.Select(rule => rule + " p50 / p95")) + " |");
            text.AppendLine("|---|---|---:|" + string.Concat(rules.Select(_ => "---:|")));
            foreach (var s in sizes)
            {
                var api = s.ApiIde!;
                text.AppendLine(Invariant($"| {X(s.Size)} | {api.Document} ({api.DocumentLines:N0} lines) | {P50P95(api.GatekeeperMs)} | ") + string.Join(" | ", rules.Select(rule => P50P95(api.RuleMs[rule]))) + " |");
            }
        }

        text.AppendLine();
        text.AppendLine(Targets(sizes));
        if (analyzerExceptions.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"**Analyzer exceptions: {analyzerExceptions.Count}** (the numbers above are suspect), first ones:"));
            foreach (var line in analyzerExceptions.Distinct().Take(5))
            {
                text.AppendLine("- " + line);
            }
        }

        return text.ToString();
    }

    private static string Targets(IReadOnlyList<SizeResult> sizes)
    {
        var target = sizes.MaxBy(s => s.Size)!;
        var smallest = sizes.MinBy(s => s.Size)!;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"#### Targets (on {X(target.Size)})"));
        text.AppendLine();
        text.AppendLine("| Target | Measured | Result |");
        text.AppendLine("|---|---|---|");

        var share = Median(target.Runs.Select(r => r.GatekeeperShare));
        text.AppendLine(Invariant($"| Gatekeeper total (telemetry) ≤ {ShareTarget:P0} of compiler diagnostics time | {share:P2} | {Verdict(share <= ShareTarget)} |"));
        if (target.Runs.All(r => r.Baseline is not null))
        {
            var overhead = Median(target.Runs.Select(r => r.OverheadShare));
            text.AppendLine(Invariant($"| The same for the CPU overhead (driver work included; --overhead) | {overhead:P1} | {Verdict(overhead <= ShareTarget)} |"));
        }

        if (target.Size > smallest.Size)
        {
            // Telemetry is wall time, and the load of a shared machine can differ between sizes: besides the
            // raw growth, Gatekeeper's share of the compiler (measured within each run) times the growth of
            // the compiler's CPU time gives a growth that load does not distort; the larger of the two counts.
            var allowed = GrowthAllowance * target.Size / smallest.Size;
            var raw = Median(target.Runs.Select(r => r.GatekeeperTotalMs)) / Median(smallest.Runs.Select(r => r.GatekeeperTotalMs));
            var compilerCpuGrowth = Median(target.Runs.Select(r => r.Compiler.CpuMs)) / Median(smallest.Runs.Select(r => r.Compiler.CpuMs));
            var adjusted = Median(target.Runs.Select(r => r.GatekeeperShare)) / Median(smallest.Runs.Select(r => r.GatekeeperShare)) * compilerCpuGrowth;
            text.AppendLine(Invariant($"| Growth {X(smallest.Size)} → {X(target.Size)}: Gatekeeper time ≤ {allowed:0.0#} × | {raw:0.00} × raw; {adjusted:0.00} × as share × compiler CPU growth ({compilerCpuGrowth:0.00} ×) | {Verdict(Math.Max(raw, adjusted) <= allowed)} |"));
        }
        else
        {
            text.AppendLine("| Growth | needs two sizes | n/a |");
        }

        var p95 = Percentile(target.Ide.GatekeeperMs, 95);
        text.AppendLine(Invariant($"| IDE: {target.Ide.DocumentLines:N0}-line document, Gatekeeper p95 ≤ {IdeP95TargetMs:0} ms | {p95:N1} ms (call wall p95 {Percentile(target.Ide.WallMs, 95):N1} ms) | {Verdict(p95 <= IdeP95TargetMs)} |"));

        if (target.Runs.All(r => r.Peer is not null))
        {
            var ratio = Median(target.Runs.Select(r => r.Peer!.Ratio));
            text.AppendLine(Invariant($"| GK2001 / S2699 ≤ {PeerRatioTarget:0.0} | {ratio:0.00} | {Verdict(ratio <= PeerRatioTarget)} |"));
        }
        else
        {
            text.AppendLine("| GK2001 / S2699 | peer not measured | n/a |");
        }

        return text.ToString().TrimEnd();
    }

    private static string P50P95(IReadOnlyList<double> samples) =>
        Invariant($"{Percentile(samples, 50):N1} / {Percentile(samples, 95):N1}");

    private static string Verdict(bool pass) => pass ? "PASS" : "MISS";

    public static string X(double size) => size.ToString("0.##", CultureInfo.InvariantCulture) + "×";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
