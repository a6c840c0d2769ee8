using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace Gatekeeper.Tests.Reliability;

/// <summary>
/// Half-typed code is the IDE's normal input: every analyzer and every fix must survive it. Real code
/// (samples, the benchmark's generated solution, the unit tests' snippets) is cut at statement and
/// member boundaries and has random tokens deleted (fixed seed); each variant is analyzed the way the
/// IDE analyzes an open document, and every fix offered on it is registered and applied.
/// <para>
/// The number of variants defaults to <see cref="DefaultVariants"/> (CI budget); set
/// GATEKEEPER_FUZZ_VARIANTS for a larger run, e.g. <c>GATEKEEPER_FUZZ_VARIANTS=20000 dotnet test --filter HalfTypedCode</c>.
/// </para>
/// </summary>
public class HalfTypedCodeTests(ITestOutputHelper output)
{
    public const int DefaultVariants = 600;

    private const int Seed = 20261122;

    [Fact]
    public async Task No_analyzer_or_fix_throws_on_half_typed_code()
    {
        var budget = int.TryParse(Environment.GetEnvironmentVariable("GATEKEEPER_FUZZ_VARIANTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var requested) && requested > 0
            ? requested
            : DefaultVariants;
        var stopwatch = Stopwatch.StartNew();
        var analyzers = ShippedComponents.CreateAnalyzers();
        var fixers = ShippedComponents.CreateFixers();
        var failures = new ConcurrentQueue<string>();
        var diagnosticsById = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var actionsApplied = 0;
        var analysisTime = TimeSpan.Zero;
        var fixedBefore = new HashSet<string>(StringComparer.Ordinal);
        var variantsRun = 0;

        // One workspace per corpus: an AdhocWorkspace holds one solution.
        using var samplesWorkspace = new AdhocWorkspace();
        using var generatedWorkspace = new AdhocWorkspace();
        using var snippetWorkspace = new AdhocWorkspace();

        // Every fuzzed file, in the project it belongs to (so the rest of its project stays as written).
        var targets = new List<(string Corpus, Solution Solution, DocumentId Document, string Text)>();
        foreach (var (corpus, workspace, projects) in new[] { ("samples", samplesWorkspace, ReliabilityCorpus.Samples()), ("generated", generatedWorkspace, ReliabilityCorpus.Generated(size: 0.05)) })
        {
            var solution = ReliabilityHarness.CreateSolution(workspace, projects);
            foreach (var document in solution.Projects.SelectMany(p => p.Documents).Where(d => !d.FilePath!.Contains("/obj/", StringComparison.Ordinal)))
            {
                targets.Add((corpus, solution, document.Id, (await document.GetTextAsync()).ToString()));
            }
        }

        // Snippets are compiled alone, against the reference sets their test used; one project per combination.
        var snippetProjects = new Dictionary<string, (Solution Solution, DocumentId Document)>(StringComparer.Ordinal);
        foreach (var (_, text) in ReliabilityCorpus.UnitTestSnippets())
        {
            var sets = ReliabilityCorpus.ReferenceSetsFor(text);
            var key = string.Join("+", sets.Select(s => s.Name).Prepend("Net"));
            if (!snippetProjects.TryGetValue(key, out var project))
            {
                var solution = ReliabilityHarness.CreateSolution(
                    snippetWorkspace,
                    [new CorpusProject("Snippets." + key, [($"/snippets/{key}/Snippet.cs", "")], Verifiers.ReferenceSet.Combine(sets), OutputKind.DynamicallyLinkedLibrary, [])]);
                project = (solution, solution.Projects.Single(p => p.Name == "Snippets." + key).Documents.Single().Id);
                snippetProjects[key] = project;
            }

            targets.Add(("unit-test snippets", project.Solution, project.Document, text));
        }

        // A variant of a project file costs 25 to 50 times a snippet variant (the IDE's per-document analysis
        // of a real project, on a new compilation each time): the sample and the generated solution get a
        // sixteenth of the budget each half, spread over their files by statements (a file may get none in
        // a small run); the snippets share the rest, each at least its original.
        var weights = targets.Select(t => 1 + BoundaryNodes(CSharpSyntaxTree.ParseText(t.Text, ReliabilityHarness.ParseOptions).GetRoot()).Count()).ToList();
        var projectBudget = Math.Max(16, budget / 16);
        var quotas = Share(projectBudget / 2, weights, i => targets[i].Corpus == "samples", minimum: 0)
            .Zip(Share(projectBudget - projectBudget / 2, weights, i => targets[i].Corpus == "generated", minimum: 0), (a, b) => a + b)
            .Zip(Share(budget - projectBudget, weights, i => targets[i].Corpus == "unit-test snippets", minimum: 1), (a, b) => a + b)
            .ToList();
        var perCorpus = new SortedDictionary<string, (int Files, int Variants, TimeSpan Time)>(StringComparer.Ordinal);
        var random = new Random(Seed);

        for (var i = 0; i < targets.Count; i++)
        {
            var (corpus, solution, documentId, text) = targets[i];
            var quota = quotas[i];
            if (quota == 0)
            {
                continue;
            }

            var variants = Variants(text, quota, random).ToList();
            var started = stopwatch.Elapsed;
            foreach (var (kind, variant) in variants)
            {
                var document = solution.WithDocumentText(documentId, SourceText.From(variant)).GetDocument(documentId)!;
                var what = $"{corpus} {document.FilePath} ({kind})";
                var before = failures.Count;
                var analysisStarted = stopwatch.Elapsed;
                var diagnostics = await ReliabilityHarness.AnalyzeDocumentAsync(document, analyzers, failures, what);
                analysisTime += stopwatch.Elapsed - analysisStarted;
                var root = await document.GetSyntaxRootAsync();
                foreach (var diagnostic in diagnostics.Where(d => d.Location.IsInSource))
                {
                    diagnosticsById[diagnostic.Id] = diagnosticsById.GetValueOrDefault(diagnostic.Id) + 1;

                    // A diagnostic in a member the cut left as it was has been fixed already (in the original
                    // or an earlier variant): the same input to the fix. Fix only what is new.
                    var member = root!.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault();
                    if (fixedBefore.Add($"{documentId.Id}|{diagnostic.Id}|{diagnostic.GetMessage(CultureInfo.InvariantCulture)}|{member?.ToFullString() ?? root.ToFullString()}"))
                    {
                        actionsApplied += await ReliabilityHarness.RegisterAndApplyFixesAsync(document, diagnostic, fixers, failures, what);
                    }
                }

                if (failures.Count > before)
                {
                    failures.Enqueue($"  ^ input of {what}:\n{variant}\n  ----");
                }

                variantsRun++;
            }

            var (files, count, time) = perCorpus.GetValueOrDefault(corpus);
            perCorpus[corpus] = (files + 1, count + variants.Count, time + (stopwatch.Elapsed - started));
        }

        output.WriteLine($"Half-typed code: {variantsRun} variants (budget {budget}; GATEKEEPER_FUZZ_VARIANTS overrides) in {stopwatch.Elapsed.TotalSeconds:F1} s, seed {Seed}");
        foreach (var (corpus, (files, count, time)) in perCorpus)
        {
            output.WriteLine($"  {corpus}: {files} files, {count} variants, {time.TotalSeconds:F1} s");
        }

        output.WriteLine($"  snippet projects (reference set combinations): {snippetProjects.Count}");

        output.WriteLine($"  diagnostics analyzed: {string.Join(", ", diagnosticsById.Select(p => $"{p.Key}×{p.Value}"))}; code actions applied: {actionsApplied}; analysis {analysisTime.TotalSeconds:F1} s");
        output.WriteLine($"  analyzers: {string.Join(", ", analyzers.Select(a => a.GetType().Name))}");
        output.WriteLine($"  fixers: {string.Join(", ", fixers.Select(f => f.GetType().Name))}");

        Assert.True(failures.IsEmpty, $"{failures.Count(f => !f.StartsWith("  ^", StringComparison.Ordinal))} exceptions:\n" + string.Join("\n", failures.Take(40)));

        // A fuzz run that reports nothing and fixes nothing would prove nothing.
        Assert.True(variantsRun >= budget * 9 / 10, $"only {variantsRun} of {budget} variants ran");
        Assert.True(actionsApplied > 0, "no code action was applied: the corpus no longer reaches the fixes");
        Assert.True(diagnosticsById.Keys.Count(id => id.StartsWith("GK", StringComparison.Ordinal)) >= 3, "diagnostics seen: " + string.Join(", ", diagnosticsById.Keys));
    }

    /// <summary>Splits <paramref name="budget"/> over the selected items by weight (largest remainder), each at least <paramref name="minimum"/>.</summary>
    private static int[] Share(int budget, IReadOnlyList<int> weights, Func<int, bool> selected, int minimum)
    {
        var indexes = Enumerable.Range(0, weights.Count).Where(selected).ToList();
        var shares = new int[weights.Count];
        var total = (double)indexes.Sum(i => weights[i]);
        if (indexes.Count == 0)
        {
            return shares;
        }

        var exact = indexes.ToDictionary(i => i, i => budget * weights[i] / total);
        foreach (var i in indexes)
        {
            shares[i] = Math.Max(minimum, (int)exact[i]);
        }

        var left = budget - indexes.Sum(i => shares[i]);
        foreach (var i in indexes.OrderByDescending(i => exact[i] - Math.Floor(exact[i])).ThenBy(i => i).Take(Math.Max(0, left)))
        {
            shares[i]++;
        }

        return shares;
    }

    /// <summary>
    /// The original text, then variants taken alternately from the boundary cuts (spread evenly over the
    /// file) and random token deletions (1 to 3 tokens).
    /// </summary>
    internal static IEnumerable<(string Kind, string Text)> Variants(string text, int count, Random random)
    {
        yield return ("original", text);
        if (count <= 1)
        {
            yield break;
        }

        var root = CSharpSyntaxTree.ParseText(text, ReliabilityHarness.ParseOptions).GetRoot();
        var nodes = BoundaryNodes(root).ToList();
        var tokens = root.DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        var remaining = count - 1;
        var fromCuts = nodes.Count == 0 ? 0 : Math.Min(2 * nodes.Count, (remaining + 1) / 2);
        for (var i = 0; i < fromCuts; i++)
        {
            var node = nodes[(int)((long)i * nodes.Count / fromCuts)];
            yield return i % 2 == 0 ? CutAfter(text, node) : HalfTyped(text, node);
        }

        for (var i = fromCuts; i < remaining && tokens.Count > 0; i++)
        {
            var deleted = Enumerable.Range(0, random.Next(1, 4)).Select(_ => tokens[random.Next(tokens.Count)].Span).Distinct().OrderByDescending(s => s.Start).ToList();
            var variant = text;
            foreach (var span in deleted)
            {
                variant = variant.Remove(span.Start, span.Length);
            }

            yield return ($"deleted {string.Join(", ", deleted.Select(s => $"'{text.Substring(s.Start, s.Length)}'@{s.Start}"))}", variant);
        }
    }

    /// <summary>The file cut right after a statement, member or using.</summary>
    private static (string Kind, string Text) CutAfter(string text, SyntaxNode node) =>
        ($"cut after {node.Kind()}@{node.Span.End}", text.Substring(0, node.FullSpan.End));

    /// <summary>A statement, member or using half typed (its first half of tokens), the rest of the file kept.</summary>
    private static (string Kind, string Text) HalfTyped(string text, SyntaxNode node)
    {
        var tokens = node.DescendantTokens().ToList();
        var half = tokens.Count > 1 ? tokens[tokens.Count / 2 - 1].Span.End : node.SpanStart;
        return ($"half of {node.Kind()}@{node.SpanStart}", text.Substring(0, half) + text.Substring(node.Span.End));
    }

    private static IEnumerable<SyntaxNode> BoundaryNodes(SyntaxNode root) =>
        root.DescendantNodes().Where(n => n is StatementSyntax and not BlockSyntax or MemberDeclarationSyntax or UsingDirectiveSyntax or AttributeListSyntax);
}
