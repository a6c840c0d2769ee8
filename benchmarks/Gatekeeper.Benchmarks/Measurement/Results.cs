using System.Collections.Generic;

namespace Gatekeeper.Benchmarks.Measurement;

/// <summary>
/// Wall time, CPU time of the process, bytes allocated, and time the runtime was paused for garbage collection during
/// one measured call. A pause stops every thread, so Roslyn's telemetry counts it inside whichever callback is running
/// when it strikes: most of what is collected is the compiler's garbage.
/// </summary>
internal readonly record struct Cost(double WallMs, double CpuMs, long Bytes, double GcPauseMs, GcCounts Collections = default);

/// <summary>Garbage collections by generation, each counted once at the highest generation it collected.</summary>
internal readonly record struct GcCounts(long Gen0, long Gen1, long Gen2)
{
    public static GcCounts Now()
    {
        long all2 = System.GC.CollectionCount(2), all1 = System.GC.CollectionCount(1), all0 = System.GC.CollectionCount(0);
        return new GcCounts(all0 - all1, all1 - all2, all2);
    }

    public static GcCounts operator -(GcCounts after, GcCounts before) =>
        new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2);

    public static GcCounts operator +(GcCounts left, GcCounts right) =>
        new(left.Gen0 + right.Gen0, left.Gen1 + right.Gen1, left.Gen2 + right.Gen2);

    public override string ToString() => $"{Gen0} / {Gen1} / {Gen2}";
}

/// <summary>
/// One rule's callbacks in one run (--gc-attribution): their time by a stopwatch around each, the part of it the runtime
/// was paused for garbage collection, and the bytes they allocated; of the time and the pauses, the part in
/// compilation-start actions; the CPU time of the threads that ran them and the time those threads waited for a core
/// (NaN where the clock or the scheduler statistics are not available).
/// </summary>
internal sealed record RuleGc(double CallbackMs, double GcPauseMs, long Bytes, GcCounts Collections = default, double StartMs = 0, double StartPauseMs = 0, double CpuMs = double.NaN, double RunQueueMs = double.NaN)
{
    public double OwnMs => CallbackMs - GcPauseMs;

    /// <summary>Every rule's callbacks of one run together.</summary>
    public static RuleGc Total(IEnumerable<RuleGc> rules)
    {
        var total = new RuleGc(0, 0, 0, CpuMs: 0, RunQueueMs: 0);
        foreach (var rule in rules)
        {
            total = new RuleGc(
                total.CallbackMs + rule.CallbackMs,
                total.GcPauseMs + rule.GcPauseMs,
                total.Bytes + rule.Bytes,
                total.Collections + rule.Collections,
                total.StartMs + rule.StartMs,
                total.StartPauseMs + rule.StartPauseMs,
                total.CpuMs + rule.CpuMs,
                total.RunQueueMs + rule.RunQueueMs);
        }

        return total;
    }
}

/// <summary>One measured run on one size.</summary>
internal sealed record RunResult(
    Cost Compiler,
    Cost Gatekeeper,
    double GatekeeperTotalMs,
    IReadOnlyDictionary<string, double> RuleMs,
    IReadOnlyDictionary<string, int> RuleDiagnostics,
    Cost? Baseline,
    PeerResult? Peer,
    PlatformResult? Platform = null,
    IReadOnlyDictionary<string, RuleGc>? RuleGc = null)
{
    /// <summary>Gatekeeper's telemetry total against the compiler's diagnostics time (both wall clock).</summary>
    public double GatekeeperShare => GatekeeperTotalMs / Compiler.WallMs;

    /// <summary>CPU the Gatekeeper analysis run costs beyond a no-op analyzer run (--overhead): its callbacks plus the driver work they cause.</summary>
    public double OverheadCpuMs => Baseline is { } baseline ? Gatekeeper.CpuMs - baseline.CpuMs : double.NaN;

    public double OverheadShare => OverheadCpuMs / Compiler.CpuMs;

    public double OverheadBytes => Baseline is { } baseline ? Gatekeeper.Bytes - baseline.Bytes : double.NaN;
}

/// <summary>
/// Gatekeeper beside ASP.NET Core's own analyzers (--platform), as in a web build: the same analysis with and
/// without Gatekeeper, a no-op analyzer riding along in both. What Gatekeeper adds there is its own work plus
/// the binding nobody else asked for; binding the platform's analyzers ask for anyway is shared.
/// </summary>
internal sealed record PlatformResult(Cost PlatformOnly, Cost WithGatekeeper, double GatekeeperTelemetryMs, double PlatformTelemetryMs)
{
    public double AddedCpuMs => WithGatekeeper.CpuMs - PlatformOnly.CpuMs;
}

/// <summary>One analyzer alone (--isolate): its telemetry and its CPU and allocation overhead over the no-op baseline.</summary>
internal sealed record IsolationResult(string Rule, double TelemetryMs, double OverheadCpuMs, long OverheadBytes);

/// <summary>GK2001 and S2699, each alone on a fresh compilation of the test project, in the same run.</summary>
internal sealed record PeerResult(double Gk2001Ms, double SonarMs, int Gk2001Count, int SonarCount, int BothCount)
{
    public double Ratio => Gk2001Ms / SonarMs;
}

/// <summary>Per-document analyses of the large test file after an edit, warm-up excluded.</summary>
internal sealed record IdeResult(
    int DocumentLines,
    IReadOnlyList<double> GatekeeperMs,
    IReadOnlyList<double> WallMs,
    IReadOnlyList<double> CompilerMs,
    IReadOnlyDictionary<string, IReadOnlyList<double>> RuleMs,
    IReadOnlyList<double> PeerGk2001Ms,
    IReadOnlyList<double> PeerSonarMs,
    IReadOnlyList<double> BindingProbeMs);

/// <summary>Per-document analyses of a controller of the API project after an edit, warm-up excluded.</summary>
internal sealed record ApiIdeResult(
    string Document,
    int DocumentLines,
    IReadOnlyList<double> GatekeeperMs,
    IReadOnlyDictionary<string, IReadOnlyList<double>> RuleMs);

internal sealed record SizeResult(
    double Size,
    int ResourceCount,
    int ApiFiles,
    int TestFiles,
    int ApiLines,
    int TestLines,
    int CompilerWarnings,
    IReadOnlyList<RunResult> Runs,
    IdeResult Ide,
    IReadOnlyList<IsolationResult>? Isolation,
    ApiIdeResult? ApiIde = null)
{
    public int TotalLines => ApiLines + TestLines;
}
