using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Gatekeeper.Tests.Reliability;

/// <summary>
/// The same compilation gives the same diagnostics every time: analyzed 20 times, with the driver's
/// concurrent execution, several analyses at once on the one compilation, by the same analyzer instances
/// and by fresh ones. Compared in location order (what the build log and the IDE show), with everything
/// the user sees (message, severity, additional locations, properties).
/// </summary>
public class DeterminismTests(ITestOutputHelper output)
{
    private const int Runs = 20;

    /// <summary>The samples by default (every rule reports there); set GATEKEEPER_RELIABILITY_FULL=1 to add the generated solution.</summary>
    public static TheoryData<string> Corpora =>
        Environment.GetEnvironmentVariable("GATEKEEPER_RELIABILITY_FULL") == "1" ? ["samples", "generated"] : ["samples"];

    [Theory]
    [MemberData(nameof(Corpora))]
    public async Task The_same_compilation_gives_identical_diagnostics_in_identical_order(string corpus)
    {
        var stopwatch = Stopwatch.StartNew();
        using var workspace = new AdhocWorkspace();
        var solution = ReliabilityHarness.CreateSolution(workspace, corpus == "samples" ? ReliabilityCorpus.Samples() : ReliabilityCorpus.Generated(size: 0.05));
        var shared = ShippedComponents.CreateAnalyzers();
        var failures = new ConcurrentQueue<string>();
        var total = 0;

        foreach (var project in solution.Projects)
        {
            var compilation = (await project.GetCompilationAsync())!;
            var runs = new ImmutableArray<string>[Runs];

            // Two at a time on the same compilation; odd runs with fresh analyzer instances (a new host).
            for (var batch = 0; batch < Runs; batch += 2)
            {
                await Task.WhenAll(Enumerable.Range(batch, 2).Select(async run =>
                {
                    var analyzers = run % 2 == 0 ? shared : ShippedComponents.CreateAnalyzers();
                    var diagnostics = await ReliabilityHarness.AnalyzeAsync(compilation, project.AnalyzerOptions, analyzers, failures, $"{project.Name} run {run}");
                    runs[run] = InLocationOrder(diagnostics);
                }));
            }

            Assert.True(failures.IsEmpty, string.Join("\n", failures));
            for (var run = 1; run < Runs; run++)
            {
                if (!runs[run].SequenceEqual(runs[0]))
                {
                    var first = runs[0].Except(runs[run]).Take(5).Select(d => "  only in run 0: " + d)
                        .Concat(runs[run].Except(runs[0]).Take(5).Select(d => $"  only in run {run}: " + d));
                    Assert.Fail($"{project.Name}: run {run} differs from run 0 ({runs[0].Length} vs {runs[run].Length} diagnostics):\n" + string.Join("\n", first)
                        + (runs[run].Length == runs[0].Length && !runs[0].Except(runs[run]).Any() ? "\n  same diagnostics, different order" : ""));
                }
            }

            output.WriteLine($"{project.Name}: {runs[0].Length} diagnostics ({string.Join(", ", runs[0].GroupBy(d => d.Split('|')[0]).Select(g => $"{g.Key}×{g.Count()}"))}), identical in {Runs} runs");
            total += runs[0].Length;
        }

        output.WriteLine($"{corpus}: {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.True(total > 0, "the corpus gave no diagnostics: the comparison proves nothing");
    }

    /// <summary>Sorted by file, position and id only: diagnostics at the same spot keep the order the analysis gave them.</summary>
    private static ImmutableArray<string> InLocationOrder(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Location.SourceSpan.End)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(ReliabilityHarness.Fingerprint)];
}
