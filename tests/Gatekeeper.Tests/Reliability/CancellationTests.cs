using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Gatekeeper.Tests.Reliability;

/// <summary>
/// Cancellation (the IDE cancels analysis on every keystroke) ends a run promptly with
/// <see cref="OperationCanceledException"/>, and leaves nothing behind that changes a later run: after
/// cancelled runs, a fresh run on the same compilation (with the same analyzer instances, and with the
/// same <see cref="CompilationWithAnalyzers"/>, which the IDE reuses across requests) gives exactly the
/// diagnostics of a run that was never cancelled, on a compilation parsed separately.
/// </summary>
public class CancellationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Longest accepted time from Cancel() to the exception: far below a full run on a loaded CI machine.</summary>
    private static readonly TimeSpan MaxLatency = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_cancelled_run_throws_promptly_and_leaves_no_partial_result_behind()
    {
        var failures = new ConcurrentQueue<string>();
        var (reference, referenceOptions) = await TestProjectCompilationAsync();
        var (compilation, options) = await TestProjectCompilationAsync();
        Assert.NotSame(reference.SyntaxTrees.First(), compilation.SyntaxTrees.First());

        var stopwatch = Stopwatch.StartNew();
        var expected = Fingerprints(await ReliabilityHarness.AnalyzeAsync(reference, referenceOptions, ShippedComponents.CreateAnalyzers(), failures, "reference run"));
        var fullRun = stopwatch.Elapsed;
        output.WriteLine($"reference run: {expected.Length} diagnostics in {fullRun.TotalMilliseconds:F0} ms ({reference.SyntaxTrees.Count()} files)");
        Assert.True(expected.Length > 0, "the large compilation gives no diagnostics: nothing to compare");

        var analyzers = ShippedComponents.CreateAnalyzers();
        var reused = compilation.WithAnalyzers(analyzers, ReliabilityHarness.WithExceptionHandler(options, failures, "reused"));
        var cancelled = 0;

        // From inside: a probe analyzer cancels when the driver has visited the k-th type, while ours are at work.
        foreach (var k in new[] { 1, 5, 25 })
        {
            using var source = new CancellationTokenSource();
            var clock = new CancellationClock(source);
            var probe = new CancelAfterTypes(k, clock);
            var withProbe = compilation.WithAnalyzers(analyzers.Add(probe), ReliabilityHarness.WithExceptionHandler(options, failures, $"cancel at type {k}"));
            cancelled += await ExpectCancellationAsync($"cancelled from inside at type {k}", withProbe, clock) ? 1 : 0;
        }

        // From outside, after a share of a full run; the last one on the CompilationWithAnalyzers the next run reuses.
        foreach (var share in new[] { 0.1, 0.3, 0.6 })
        {
            using var source = new CancellationTokenSource();
            var clock = new CancellationClock(source);
            var target = share == 0.6 ? reused : compilation.WithAnalyzers(analyzers, ReliabilityHarness.WithExceptionHandler(options, failures, $"cancel at {share:P0}"));
            using var timer = new Timer(_ => clock.Cancel(), null, fullRun * share, System.Threading.Timeout.InfiniteTimeSpan);
            cancelled += await ExpectCancellationAsync($"cancelled after {share:P0} of a full run", target, clock) ? 1 : 0;
        }

        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        Assert.True(cancelled >= 3, $"only {cancelled} of 6 runs were cancelled before they finished: the test did not exercise cancellation");

        var fresh = Fingerprints(await ReliabilityHarness.AnalyzeAsync(compilation, options, analyzers, failures, "fresh run after cancellations"));
        AssertSame(expected, fresh, "a fresh CompilationWithAnalyzers on the same compilation, same analyzer instances");

        var again = Fingerprints(await reused.GetAnalyzerDiagnosticsAsync(CancellationToken.None));
        AssertSame(expected, again, "the CompilationWithAnalyzers whose run was cancelled, asked again (as the IDE does)");
        Assert.True(failures.IsEmpty, string.Join("\n", failures));
    }

    /// <summary>Runs the analysis; true when it ended in OperationCanceledException (promptly), false when it finished first.</summary>
    private async Task<bool> ExpectCancellationAsync(string what, CompilationWithAnalyzers analysis, CancellationClock clock)
    {
        var run = analysis.GetAnalyzerDiagnosticsAsync(clock.Token);
        var finished = await Task.WhenAny(run, Task.Delay(Timeout));
        var endedAt = Stopwatch.GetTimestamp();
        Assert.True(finished == run, $"{what}: no answer within {Timeout.TotalSeconds} s (a hang)");
        try
        {
            await run;
            output.WriteLine($"{what}: finished before the cancellation");
            return false;
        }
        catch (OperationCanceledException)
        {
            var requestedAt = clock.RequestedAt;
            Assert.True(requestedAt != 0, $"{what}: OperationCanceledException before anyone asked to cancel");
            var latency = Stopwatch.GetElapsedTime(Math.Min(requestedAt, endedAt), endedAt);
            output.WriteLine($"{what}: OperationCanceledException {latency.TotalMilliseconds:F0} ms after Cancel()");
            Assert.True(latency < MaxLatency, $"{what}: the run went on for {latency.TotalSeconds:F1} s after Cancel(): a walk does not observe the token");
            return true;
        }
    }

    /// <summary>
    /// Cancels a source and remembers when it was asked to, before the token is marked. A callback registered on the
    /// token before the run would run last (Cancel() runs them last-registered first), after the driver's own callbacks:
    /// with the test suite loading the thread pool, those took over five seconds, and the run had long ended.
    /// </summary>
    private sealed class CancellationClock(CancellationTokenSource source)
    {
        private long _requestedAt;

        public CancellationToken Token => source.Token;

        public long RequestedAt => Interlocked.Read(ref _requestedAt);

        public void Cancel()
        {
            Interlocked.CompareExchange(ref _requestedAt, Stopwatch.GetTimestamp(), 0);
            source.Cancel();
        }
    }

    private static void AssertSame(ImmutableArray<string> expected, ImmutableArray<string> actual, string what)
    {
        var missing = expected.Except(actual).Take(5).ToList();
        var extra = actual.Except(expected).Take(5).ToList();
        Assert.True(
            expected.SequenceEqual(actual),
            $"{what}: differs from a never-cancelled run ({expected.Length} expected, {actual.Length} actual):\n"
            + string.Join("\n", missing.Select(d => "  missing: " + d).Concat(extra.Select(d => "  extra:   " + d))));
    }

    private static ImmutableArray<string> Fingerprints(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Select(ReliabilityHarness.Fingerprint).OrderBy(s => s, StringComparer.Ordinal)];

    /// <summary>The generated test project (5 resources and the 2,000-line workflow file: about 6,000 lines), parsed anew on each call: no tree is shared between calls.</summary>
    private static async Task<(Compilation, AnalyzerOptions)> TestProjectCompilationAsync()
    {
        using var workspace = new AdhocWorkspace();
        var solution = ReliabilityHarness.CreateSolution(workspace, ReliabilityCorpus.Generated(size: 0.1, withLargeFile: true));
        var project = solution.Projects.Single(p => p.Name == "Shop.Api.Tests");
        return ((await project.GetCompilationAsync())!, project.AnalyzerOptions);
    }

    /// <summary>Cancels the run's token source when the driver reaches the k-th named type.</summary>
#pragma warning disable RS1036, RS1025, RS1026, RS1038, RS1041, RS2008 // a test probe, not a shipped analyzer
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class CancelAfterTypes(int k, CancellationClock clock) : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Descriptor = new("PROBE", "probe", "probe", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
        private int _seen;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Descriptor];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(
                _ =>
                {
                    if (Interlocked.Increment(ref _seen) == k)
                    {
                        clock.Cancel();
                    }
                },
                SymbolKind.NamedType);
        }
    }
#pragma warning restore RS1036, RS1025, RS1026, RS1038, RS1041, RS2008
}
