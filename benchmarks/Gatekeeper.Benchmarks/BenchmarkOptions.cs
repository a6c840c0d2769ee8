using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Gatekeeper.Benchmarks;

/// <summary>Command-line options; <see cref="Usage"/> lists them.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        Gatekeeper benchmark: measures Gatekeeper's analyzers (and SonarAnalyzer.CSharp S2699) with
        Roslyn's analyzer telemetry on a generated API solution. See docs/performance.md.

          dotnet run -c Release --project benchmarks/Gatekeeper.Benchmarks -- [options]

          --sizes 1,2,4        size factors (1 = about 50,000 lines)             default 1,2,4
          --runs N             measured runs per size (medians are reported)     default 5
          --ide-iterations N   measured per-document analyses of the large file  default 30
          --ide-warmup N       per-document analyses discarded first             default 5
          --seed N             generator seed                                    default 1
          --blocked            measure all runs of one size before the next (default: the runs alternate
                               between the sizes, so that the machine's slower and faster stretches fall
                               on every size alike)
          --concurrent         let the compiler and the analyzer driver use every core
                               (default: one thread, so CPU cost is compared like for like)
          --no-peer            skip the GK2001 / S2699 comparison
          --overhead           also measure each run with a no-op analyzer instead of Gatekeeper, and
                               report Gatekeeper's CPU and allocation overhead over it (slower; noisy
                               on a busy machine)
          --platform           also measure Gatekeeper beside ASP.NET Core's own analyzers (from the SDK's
                               ASP.NET Core pack, as every web build runs them): the CPU Gatekeeper adds
                               to that analysis, and its telemetry there
          --isolate            profiling aid: also run each Gatekeeper analyzer alone once per size
          --gc-attribution     profiling aid: per rule, the time its callbacks spent paused for garbage
                               collections and the bytes they allocated (one-thread analysis only)
          --prebind WHAT       experiment: a probe analyzer ahead of Gatekeeper declares every symbol
                               (WHAT = declarations) or also binds every body (WHAT = bodies) at compilation
                               start, so that Gatekeeper's telemetry no longer includes that Roslyn work when
                               it would ask for it first (not a build's conditions)
          --rules GK1002,...   profiling aid: measure only the Gatekeeper analyzers reporting these IDs
                               and report its telemetry and CPU overhead over a no-op analyzer
          --dump DIR           also write the generated sources under DIR/<size>x/
          --generate-only      generate (and --dump) the sizes, print their line counts, measure nothing
          --out FILE           also write the Markdown report to FILE
          --quick              smoke test: --sizes 0.1 --runs 1 --ide-iterations 5 --ide-warmup 1
          --help               this text
        """;

    public IReadOnlyList<double> Sizes { get; init; } = [1, 2, 4];

    public int Runs { get; init; } = 5;

    public int IdeIterations { get; init; } = 30;

    public int IdeWarmup { get; init; } = 5;

    public int Seed { get; init; } = 1;

    public bool Concurrent { get; init; }

    /// <summary>--blocked: all runs of one size before the next, instead of alternating between the sizes.</summary>
    public bool Blocked { get; init; }

    public bool Peer { get; init; } = true;

    public bool Isolate { get; init; }

    public bool GcAttribution { get; init; }

    /// <summary>--prebind: null, "declarations" or "bodies".</summary>
    public string? Prebind { get; init; }

    public bool Overhead { get; init; }

    public bool Platform { get; init; }

    /// <summary>Rule IDs to measure; empty means every Gatekeeper analyzer.</summary>
    public IReadOnlyList<string> Rules { get; init; } = [];

    public string? DumpDirectory { get; init; }

    public string? OutputFile { get; init; }

    public bool GenerateOnly { get; init; }

    public bool Quick { get; init; }

    public bool Help { get; init; }

    private static string PrebindWhat(string value) =>
        value is "declarations" or "bodies" ? value : throw new ArgumentException("--prebind takes declarations or bodies.");

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            options = arg switch
            {
                "--sizes" => options with { Sizes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseSize).Distinct().ToList() },
                "--runs" => options with { Runs = PositiveInt(arg, Value()) },
                "--ide-iterations" => options with { IdeIterations = PositiveInt(arg, Value()) },
                "--ide-warmup" => options with { IdeWarmup = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--concurrent" => options with { Concurrent = true },
                "--blocked" => options with { Blocked = true },
                "--no-peer" => options with { Peer = false },
                "--isolate" => options with { Isolate = true },
                "--gc-attribution" => options with { GcAttribution = true },
                "--prebind" => options with { Prebind = PrebindWhat(Value()) },
                "--overhead" => options with { Overhead = true },
                "--platform" => options with { Platform = true },
                "--rules" => options with { Rules = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--dump" => options with { DumpDirectory = Value() },
                "--out" => options with { OutputFile = Value() },
                "--generate-only" => options with { GenerateOnly = true },
                "--quick" => options with { Quick = true, Sizes = [0.1], Runs = 1, IdeIterations = 5, IdeWarmup = 1 },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{arg}'. Run with --help."),
            };
        }

        return options;
    }

    private static double ParseSize(string text)
    {
        var size = double.Parse(text.TrimEnd('x', 'X'), NumberStyles.Float, CultureInfo.InvariantCulture);
        return size > 0 ? size : throw new ArgumentException($"Size '{text}' must be positive.");
    }

    private static int PositiveInt(string name, string text)
    {
        var value = int.Parse(text, CultureInfo.InvariantCulture);
        return value > 0 ? value : throw new ArgumentException($"{name} must be positive.");
    }
}
