using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.Benchmarks.Measurement;

/// <summary>
/// Measures one size of the generated solution. Every measurement runs on fresh compilations of the
/// same syntax trees; times of analyzers come from Roslyn's own telemetry
/// (<see cref="CompilationWithAnalyzersOptions.LogAnalyzerExecutionTime"/>), wall times and
/// allocations from a stopwatch and <see cref="GC.GetTotalAllocatedBytes(bool)"/> around the call.
/// </summary>
internal sealed class Runner
{
    private readonly AnalyzerCatalog _catalog;
    private readonly bool _concurrent;
    private readonly bool _measureOverhead;
    private readonly bool _attributeGc;
    private readonly ConcurrentQueue<string> _analyzerExceptions = new();

    private readonly string? _prebind;

    public Runner(AnalyzerCatalog catalog, bool concurrent, bool measureOverhead, bool attributeGc, string? prebind = null)
    {
        _prebind = prebind;
        _catalog = catalog;
        _attributeGc = attributeGc;
        _concurrent = concurrent;
        _measureOverhead = measureOverhead;
    }

    /// <summary>Exceptions thrown by measured analyzers (AD0001 in a build); each makes the numbers suspect.</summary>
    public IReadOnlyCollection<string> AnalyzerExceptions => _analyzerExceptions;

    /// <summary>Compiler errors and warnings of the solution, from the first compiler measurement.</summary>
    public static (int Errors, int Warnings, IReadOnlyList<Diagnostic> FirstErrors, string WarningSummary) Check(IEnumerable<Diagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        var errors = list.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var warnings = list.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
        var summary = string.Join(", ", warnings.GroupBy(d => d.Id).OrderByDescending(g => g.Count()).Take(5).Select(g => $"{g.Key} × {g.Count()} (e.g. {g.First().GetMessage(System.Globalization.CultureInfo.InvariantCulture)})"));
        return (errors.Count, warnings.Count, errors.Take(20).ToList(), summary);
    }

    public RunResult MeasureRun(BenchmarkSolution solution, int runIndex, Action<IReadOnlyList<Diagnostic>>? onCompilerDiagnostics = null)
    {
        // (a) The compiler's own diagnostics: binding every method body and reporting, no analyzers.
        var compilations = solution.NewCompilations();
        var compilerDiagnostics = new List<Diagnostic>();
        var compiler = Measure(() =>
        {
            foreach (var compilation in compilations)
            {
                compilerDiagnostics.AddRange(compilation.GetDiagnostics());
            }
        });
        onCompilerDiagnostics?.Invoke(compilerDiagnostics);
        compilations = null;

        // (b) Every Gatekeeper analyzer, as a build runs them, on both projects. A no-op analyzer rides
        // along, so that every method body is bound as in a build, even in a project where Gatekeeper
        // registers nothing (the driver binds nothing when no analyzer needs it).
        var measured = _catalog.CreateGatekeeper();
        var attributed = _attributeGc ? measured.Select(a => new GcAttributingAnalyzer(a)).ToList() : null;
        IEnumerable<DiagnosticAnalyzer> prebind = _prebind is null ? [] : [new PrebindAnalyzer(declarationsOnly: _prebind == "declarations")];
        var gatekeeper = MeasureAnalyzers(solution.NewCompilations(), [.. prebind, .. attributed ?? (IEnumerable<DiagnosticAnalyzer>)measured, new NoOpAnalyzer(withOperations: false)]);
        var ruleGc = attributed?.GroupBy(a => AnalyzerCatalog.NameOf(a)).ToDictionary(
            g => g.Key,
            g => new RuleGc(g.Sum(a => a.CallbackMs), g.Sum(a => a.GcPauseMs), g.Sum(a => a.Bytes), g.Aggregate(default(GcCounts), (sum, a) => sum + a.Collections), g.Sum(a => a.StartMs), g.Sum(a => a.StartPauseMs), g.Sum(a => a.CpuMs), g.Sum(a => a.RunQueueMs)),
            StringComparer.Ordinal);

        // The same analysis with the no-op analyzer alone (--overhead): what (b) costs without Gatekeeper's work.
        Cost? baseline = _measureOverhead ? MeasureAnalyzers(solution.NewCompilations(), [new NoOpAnalyzer(withOperations: false)]).Cost : null;

        // (e) --platform: ASP.NET Core's analyzers alone, then with Gatekeeper, as a web build runs them.
        PlatformResult? platform = null;
        if (_catalog.HasPlatform)
        {
            var platformOnly = MeasureAnalyzers(solution.NewCompilations(), [.. _catalog.CreatePlatform(), new NoOpAnalyzer(withOperations: false)]);
            var withGatekeeper = MeasureAnalyzers(solution.NewCompilations(), [.. _catalog.CreatePlatform(), .. _catalog.CreateGatekeeper(), new NoOpAnalyzer(withOperations: false)]);
            var gatekeeperMs = withGatekeeper.RuleMs.Where(r => r.Key.StartsWith("GK", StringComparison.Ordinal)).Sum(r => r.Value);
            platform = new PlatformResult(platformOnly.Cost, withGatekeeper.Cost, gatekeeperMs, withGatekeeper.TelemetryMs - gatekeeperMs);
        }

        // (d) The peer: GK2001 and S2699 each alone on a fresh test compilation, in alternating order.
        PeerResult? peer = null;
        if (_catalog.CreateGatekeeperPeer() is { } gk2001 && _catalog.CreateSonar() is { } sonar)
        {
            AnalysisResult gkResult, sonarResult;
            if (runIndex % 2 == 0)
            {
                gkResult = MeasureAnalyzers([solution.NewTestCompilation()], [gk2001]);
                sonarResult = MeasureAnalyzers([solution.NewTestCompilation()], [sonar]);
            }
            else
            {
                sonarResult = MeasureAnalyzers([solution.NewTestCompilation()], [sonar]);
                gkResult = MeasureAnalyzers([solution.NewTestCompilation()], [gk2001]);
            }

            var gkDiagnostics = gkResult.Diagnostics.Where(d => d.Id == AnalyzerCatalog.GatekeeperPeerRuleId).ToList();
            var sonarDiagnostics = sonarResult.Diagnostics.Where(d => d.Id == AnalyzerCatalog.PeerRuleId).ToList();
            var gkLines = gkDiagnostics.Select(LineOf).ToHashSet(StringComparer.Ordinal);
            var both = sonarDiagnostics.Select(LineOf).Count(gkLines.Contains);
            peer = new PeerResult(gkResult.TelemetryMs, sonarResult.TelemetryMs, gkDiagnostics.Count, sonarDiagnostics.Count, both);
        }

        return new RunResult(
            compiler,
            gatekeeper.Cost,
            gatekeeper.TelemetryMs,
            gatekeeper.RuleMs,
            gatekeeper.Diagnostics.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            baseline,
            peer,
            platform,
            ruleGc);
    }

    /// <summary>
    /// Profiling aid (--isolate): each Gatekeeper analyzer alone on both projects, and a no-op analyzer
    /// that registers an operation action, each compared with the no-op baseline. The CPU overhead
    /// includes work the driver does for an analyzer outside its callbacks (building IOperation trees,
    /// binding method bodies in the semantic model), which telemetry does not attribute to it.
    /// </summary>
    public IReadOnlyList<IsolationResult> MeasureIsolated(BenchmarkSolution solution)
    {
        var baseline = MeasureAnalyzers(solution.NewCompilations(), [new NoOpAnalyzer(withOperations: false)]).Cost;
        var results = new List<IsolationResult>();
        var operations = MeasureAnalyzers(solution.NewCompilations(), [new NoOpAnalyzer(withOperations: true)]);
        results.Add(new IsolationResult("no-op with an operation action", 0, operations.Cost.CpuMs - baseline.CpuMs, operations.Cost.Bytes - baseline.Bytes));
        foreach (var analyzer in _catalog.CreateGatekeeper())
        {
            var alone = MeasureAnalyzers(solution.NewCompilations(), [analyzer, new NoOpAnalyzer(withOperations: false)]);
            results.Add(new IsolationResult(AnalyzerCatalog.NameOf(analyzer), alone.TelemetryMs, alone.Cost.CpuMs - baseline.CpuMs, alone.Cost.Bytes - baseline.Bytes));
        }

        return results;
    }

    /// <summary>
    /// (c) IDE-style latency: after an edit inside a method of the large test file, the analyzers'
    /// syntax and semantic diagnostics for that document alone, on the edited compilation, as the IDE
    /// computes them for the open document. The analyzer instances live across edits, as in the IDE.
    /// </summary>
    public IdeResult MeasureIde(BenchmarkSolution solution, int warmup, int iterations)
    {
        var baseCompilation = solution.NewTestCompilation();
        var tree = solution.LargeTestTree;
        var text = tree.GetText();
        const string Anchor = "_user.Setup(x => x.Id).Returns(OwnerId);";
        var anchor = text.ToString().IndexOf(Anchor, StringComparison.Ordinal);
        if (anchor < 0)
        {
            throw new InvalidOperationException("The large test file lost its edit anchor.");
        }

        var position = anchor + Anchor.Length;
        var analyzers = _catalog.CreateGatekeeper();
        var gatekeeperMs = new List<double>();
        var wallMs = new List<double>();
        var compilerMs = new List<double>();
        var ruleMs = new Dictionary<string, List<double>>(StringComparer.Ordinal);

        // The peer rules alone on the same edits, each on its own compilation (neither inherits the other's binding).
        var gk2001 = _catalog.CreateGatekeeperPeer();
        var sonar = _catalog.CreateSonar();
        var peerGk2001Ms = new List<double>();
        var peerSonarMs = new List<double>();
        var probe = new BindingProbeAnalyzer();
        var probeMs = new List<double>();
        for (var i = 0; i < warmup + iterations; i++)
        {
            var edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(position, 0), $" _ = {i};")));

            // The compiler's own diagnostics for the document (the IDE computes them too).
            var forCompiler = baseCompilation.ReplaceSyntaxTree(tree, edited);
            GC.Collect();
            var stopwatch = Stopwatch.StartNew();
            _ = forCompiler.GetSemanticModel(edited).GetDiagnostics();
            var compilerElapsed = stopwatch.Elapsed.TotalMilliseconds;

            // The IDE runs the analyzers on the compilation of the same snapshot whose compiler diagnostics it
            // shows: CompilationWithAnalyzers shares its declaration table (declaring the edited document,
            // merging declarations), not its bound method bodies (each semantic model binds on its own).
            // A fresh fork per edit would make whichever analyzer asks first pay the declaration work again.
            var forAnalyzers = forCompiler.WithAnalyzers(analyzers, Options());
            var model = forAnalyzers.Compilation.GetSemanticModel(edited);
            GC.Collect();
            stopwatch.Restart();
            _ = forAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(edited, CancellationToken.None).GetAwaiter().GetResult();
            _ = forAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult();
            var wallElapsed = stopwatch.Elapsed.TotalMilliseconds;
            var (gk2001Elapsed, sonarElapsed) = gk2001 is not null && sonar is not null
                ? (AnalyzeDocumentAlone(baseCompilation, tree, edited, gk2001), AnalyzeDocumentAlone(baseCompilation, tree, edited, sonar))
                : (double.NaN, double.NaN);
            var probeElapsed = AnalyzeDocumentAlone(baseCompilation, tree, edited, probe);
            if (i < warmup)
            {
                continue;
            }

            probeMs.Add(probeElapsed);

            if (gk2001 is not null && sonar is not null)
            {
                peerGk2001Ms.Add(gk2001Elapsed);
                peerSonarMs.Add(sonarElapsed);
            }

            compilerMs.Add(compilerElapsed);
            wallMs.Add(wallElapsed);
            gatekeeperMs.Add(RecordRuleTimes(forAnalyzers, analyzers, ruleMs));
        }

        return new IdeResult(
            text.Lines.Count,
            gatekeeperMs,
            wallMs,
            compilerMs,
            ruleMs.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value, StringComparer.Ordinal),
            peerGk2001Ms,
            peerSonarMs,
            probeMs);
    }

    /// <summary>
    /// (d) The same on the API project: an edit inside an action of the first controller, then Gatekeeper's
    /// syntax and semantic diagnostics for that document on the compilation of the edit (as in (c)). The
    /// security rules' compilation-wide models (endpoints, bound inputs) are rebuilt per compilation, so
    /// this is what an edit in an API document costs them.
    /// </summary>
    public ApiIdeResult MeasureApiIde(BenchmarkSolution solution, int warmup, int iterations)
    {
        var baseCompilation = solution.NewApiCompilation();
        var tree = solution.ApiTrees.First(t => t.GetText().ToString().Contains(": ControllerBase", StringComparison.Ordinal));
        var text = tree.GetText();
        const string Anchor = "return NotFound();";
        var position = text.ToString().IndexOf(Anchor, StringComparison.Ordinal);
        if (position < 0)
        {
            throw new InvalidOperationException("The controller lost its edit anchor.");
        }

        var analyzers = _catalog.CreateGatekeeper();
        var gatekeeperMs = new List<double>();
        var ruleMs = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var i = 0; i < warmup + iterations; i++)
        {
            var edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(position, 0), $"_ = {i}; ")));
            var compilation = baseCompilation.ReplaceSyntaxTree(tree, edited);
            _ = compilation.GetSemanticModel(edited).GetDiagnostics();
            var forAnalyzers = compilation.WithAnalyzers(analyzers, Options());
            var model = forAnalyzers.Compilation.GetSemanticModel(edited);
            GC.Collect();
            _ = forAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(edited, CancellationToken.None).GetAwaiter().GetResult();
            _ = forAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult();
            if (i < warmup)
            {
                continue;
            }

            gatekeeperMs.Add(RecordRuleTimes(forAnalyzers, analyzers, ruleMs));
        }

        return new ApiIdeResult(
            System.IO.Path.GetFileName(tree.FilePath),
            text.Lines.Count,
            gatekeeperMs,
            ruleMs.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value, StringComparer.Ordinal));
    }

    /// <summary>Adds each analyzer's execution time for the analyzed document to <paramref name="ruleMs"/>; returns their sum.</summary>
    private double RecordRuleTimes(CompilationWithAnalyzers forAnalyzers, ImmutableArray<DiagnosticAnalyzer> analyzers, Dictionary<string, List<double>> ruleMs)
    {
        var total = 0.0;
        foreach (var analyzer in analyzers)
        {
            var ms = ExecutionMs(forAnalyzers, analyzer);
            total += ms;
            var name = AnalyzerCatalog.NameOf(analyzer);
            if (!ruleMs.TryGetValue(name, out var samples))
            {
                ruleMs[name] = samples = new List<double>();
            }

            samples.Add(ms);
        }

        return total;
    }

    /// <summary>One analyzer's execution time for the edited document, on its own fresh compilation.</summary>
    private double AnalyzeDocumentAlone(CSharpCompilation baseCompilation, SyntaxTree tree, SyntaxTree edited, DiagnosticAnalyzer analyzer)
    {
        var withAnalyzer = baseCompilation.ReplaceSyntaxTree(tree, edited).WithAnalyzers([analyzer], Options());
        var model = withAnalyzer.Compilation.GetSemanticModel(edited);

        // As before the other measurements: the garbage of the previous analysis must not be collected
        // inside this one (at 4× a full collection made GK2001-alone's p50 vary from 20 to 73 ms between runs).
        GC.Collect();
        _ = withAnalyzer.GetAnalyzerSyntaxDiagnosticsAsync(edited, CancellationToken.None).GetAwaiter().GetResult();
        _ = withAnalyzer.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult();
        return ExecutionMs(withAnalyzer, analyzer);
    }

    private AnalysisResult MeasureAnalyzers(IReadOnlyList<CSharpCompilation> compilations, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var withAnalyzers = compilations.Select(c => c.WithAnalyzers(analyzers, Options())).ToList();
        var diagnostics = new List<Diagnostic>();
        var cost = Measure(() =>
        {
            foreach (var compilation in withAnalyzers)
            {
                diagnostics.AddRange(compilation.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult());
            }
        });

        var ruleMs = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var analyzer in analyzers.Where(a => a is not (NoOpAnalyzer or PrebindAnalyzer)))
        {
            var name = AnalyzerCatalog.NameOf(analyzer);
            ruleMs[name] = ruleMs.GetValueOrDefault(name) + withAnalyzers.Sum(c => ExecutionMs(c, analyzer));
        }

        return new AnalysisResult(cost, ruleMs.Values.Sum(), ruleMs, diagnostics.Where(d => d.Id != NoOpAnalyzer.Id).ToList());
    }

    private CompilationWithAnalyzersOptions Options() => new(
        new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
        onAnalyzerException: (exception, analyzer, _) => _analyzerExceptions.Enqueue($"{AnalyzerCatalog.NameOf(analyzer)}: {exception.GetType().Name}: {exception.Message}"),
        concurrentAnalysis: _concurrent,
        logAnalyzerExecutionTime: true,
        reportSuppressedDiagnostics: false);

    private static double ExecutionMs(CompilationWithAnalyzers compilation, DiagnosticAnalyzer analyzer) =>
        compilation.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;

    private static string LineOf(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return span.Path + ":" + span.StartLinePosition.Line;
    }

    /// <summary>Wall time, CPU time of the whole process (steadier than wall time on a busy machine) and bytes allocated by <paramref name="action"/>.</summary>
    private static Cost Measure(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        var countsBefore = GcCounts.Now();
        var stopwatch = Stopwatch.StartNew();
        action();
        var wall = stopwatch.Elapsed.TotalMilliseconds;
        var paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        process.Refresh();
        return new Cost(wall, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds, bytes, paused, GcCounts.Now() - countsBefore);
    }

    private sealed record AnalysisResult(Cost Cost, double TelemetryMs, IReadOnlyDictionary<string, double> RuleMs, IReadOnlyList<Diagnostic> Diagnostics);

    // Handed to CompilationWithAnalyzers in this process only, never loaded by a compiler or shipped:
    // the rules for analyzer assemblies (target framework, release tracking) do not apply.
#pragma warning disable RS1001, RS1012, RS1030, RS1036, RS1041, RS2008

    /// <summary>
    /// Registers syntax node actions for methods and invocations (and optionally an operation action)
    /// and does nothing in them: the cost of driving analysis at all, without any rule's work.
    /// </summary>
    private sealed class NoOpAnalyzer : DiagnosticAnalyzer
    {
        public const string Id = "BENCH0001";

        private static readonly DiagnosticDescriptor Descriptor = new(
            Id, "Baseline", "Baseline", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        private readonly bool _withOperations;

        public NoOpAnalyzer(bool withOperations) => _withOperations = withOperations;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(static _ => { }, SyntaxKind.MethodDeclaration, SyntaxKind.InvocationExpression);
            if (_withOperations)
            {
                context.RegisterOperationAction(static _ => { }, OperationKind.Invocation);
            }
        }
    }

    /// <summary>
    /// --prebind (an experiment, not a build's conditions): ahead of Gatekeeper in the same driver, at compilation
    /// start, declares every symbol and binds every member body in the driver's cached semantic models. Gatekeeper's
    /// callbacks then find that work done: what remains in its telemetry is its own code, the operation trees it asks
    /// for, and the collections that land in its callbacks. With --prebind declarations, only the symbols are declared.
    /// </summary>
    private sealed class PrebindAnalyzer(bool declarationsOnly) : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Descriptor = new(
            "BENCH0003", "Prebind", "Prebind", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var compilation = start.Compilation;
                _ = compilation.GetDeclarationDiagnostics(start.CancellationToken);
                if (declarationsOnly)
                {
                    return;
                }

                foreach (var tree in compilation.SyntaxTrees)
                {
                    var model = compilation.GetSemanticModel(tree);
                    foreach (var node in tree.GetRoot(start.CancellationToken).DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax)))
                    {
                        // One query inside each body or initializer binds all of it (nullable analysis included).
                        if (node is BlockSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax
                            && node.DescendantNodes().OfType<ExpressionSyntax>().FirstOrDefault() is { } expression)
                        {
                            _ = model.GetSymbolInfo(expression, start.CancellationToken);
                        }
                    }
                }
            });
        }
    }

    /// <summary>
    /// The least any rule that looks inside test bodies pays: one semantic query in each attributed
    /// method, which makes the semantic model bind the whole body (and run nullable analysis on it).
    /// </summary>
    private sealed class BindingProbeAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Descriptor = new(
            "BENCH0002", "Binding probe", "Binding probe", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(
                static nodeContext =>
                {
                    var method = (Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax)nodeContext.Node;
                    if (method.AttributeLists.Count > 0
                        && method.Body?.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>().FirstOrDefault() is { } first)
                    {
                        _ = nodeContext.SemanticModel.GetSymbolInfo(first, nodeContext.CancellationToken);
                    }
                },
                SyntaxKind.MethodDeclaration);
        }
    }
#pragma warning restore RS1001, RS1036, RS1041, RS2008
}
