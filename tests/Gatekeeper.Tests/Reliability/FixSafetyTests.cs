using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Gatekeeper.Tests.Reliability;

/// <summary>
/// Every fix, applied at scale with Fix All (per rule and equivalence key, in Document and Solution
/// scope) on the sample solution and a generated one: the fixed solution has no compiler error the
/// input did not have, and no diagnostic of the rule still offers the same fix (so the diagnostics the
/// fix was for are gone, and a second Fix All pass has nothing to do: the fix is idempotent).
/// </summary>
public class FixSafetyTests(ITestOutputHelper output)
{
    public static TheoryData<string> Corpora => ["samples", "generated"];

    [Theory]
    [MemberData(nameof(Corpora))]
    public async Task Fix_all_leaves_compiling_code_and_nothing_to_fix_again(string corpus)
    {
        var stopwatch = Stopwatch.StartNew();
        using var workspace = new AdhocWorkspace();
        var solution = ReliabilityHarness.CreateSolution(workspace, corpus == "samples" ? ReliabilityCorpus.Samples() : ReliabilityCorpus.Generated(size: 0.05));
        var analyzers = ShippedComponents.CreateAnalyzers();
        var failures = new ConcurrentQueue<string>();
        var provider = new CachedDiagnosticProvider(project => ReliabilityHarness.AnalyzeAsync(project, analyzers, failures));
        var inputErrors = await ErrorsAsync(solution);
        output.WriteLine($"{corpus}: input compiler errors: {inputErrors.Sum(p => p.Value.Count)}" + string.Concat(inputErrors.SelectMany(p => p.Value).Take(5).Select(e => "\n  " + e)));

        var problems = new List<string>();
        var fixAlls = 0;
        foreach (var fixer in ShippedComponents.CreateFixers())
        {
            foreach (var (id, key, title) in await OfferedAsync(solution, fixer, provider, failures))
            {
                var fixAllProvider = fixer.GetFixAllProvider();
                if (fixAllProvider is null)
                {
                    problems.Add($"{fixer.GetType().Name} has no FixAll provider");
                    continue;
                }

                foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Solution }.Where(fixAllProvider.GetSupportedFixAllScopes().Contains))
                {
                    var what = $"{id} '{title}' (key {key}), FixAll {scope}";
                    Solution fixedSolution;
                    string? scopeDocument;
                    try
                    {
                        (fixedSolution, scopeDocument) = await FixAllAsync(solution, fixer, fixAllProvider, id, key, scope, provider, failures);
                    }
                    catch (Exception exception)
                    {
                        problems.Add($"{what} threw: {exception}");
                        continue;
                    }

                    fixAlls++;
                    var changed = fixedSolution.GetChanges(solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments(true).Concat(p.GetAddedDocuments())).ToList();
                    if (changed.Count == 0)
                    {
                        problems.Add($"{what}: changed nothing although {id} offers it");
                        continue;
                    }

                    var newErrors = await NewErrorsAsync(inputErrors, fixedSolution);
                    if (newErrors.Count > 0)
                    {
                        problems.Add($"{what}: new compiler errors:\n    " + string.Join("\n    ", newErrors.Take(10)) + "\n" + await ChangesAsync(solution, fixedSolution, changed));
                    }

                    var stillOffered = await OfferedAtAsync(fixedSolution, fixer, id, key, scopeDocument, provider, failures);
                    if (stillOffered.Count > 0)
                    {
                        problems.Add($"{what}: after Fix All, {stillOffered.Count} diagnostics still offer the same fix (not fixed, or the fix is not idempotent):\n    "
                            + string.Join("\n    ", stillOffered.Take(5)) + "\n" + await ChangesAsync(solution, fixedSolution, changed));
                    }

                    output.WriteLine($"  {what}: {changed.Count} documents changed, {newErrors.Count} new errors, {stillOffered.Count} offered again");
                }
            }
        }

        output.WriteLine($"{corpus}: {fixAlls} Fix All runs in {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.IsEmpty, "exceptions:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.True(fixAlls > 0, $"no fix is offered on the {corpus} corpus: the test proves nothing");
    }

    /// <summary>(id, equivalence key, title) of every fix the fixer offers somewhere in the solution.</summary>
    private static async Task<List<(string Id, string? Key, string Title)>> OfferedAsync(Solution solution, CodeFixProvider fixer, CachedDiagnosticProvider provider, ConcurrentQueue<string> failures)
    {
        var offered = new Dictionary<(string, string?), string>();
        foreach (var project in solution.Projects)
        {
            foreach (var diagnostic in (await provider.AnalyzeAsync(project)).Where(d => d.Location.IsInSource && fixer.FixableDiagnosticIds.Contains(d.Id)))
            {
                foreach (var action in await ActionsAsync(project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic, fixer, failures))
                {
                    offered.TryAdd((diagnostic.Id, action.EquivalenceKey), action.Title);
                }
            }
        }

        return offered.OrderBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2, StringComparer.Ordinal).Select(p => (p.Key.Item1, p.Key.Item2, p.Value)).ToList();
    }

    /// <summary>The diagnostics of <paramref name="id"/> that offer an action with <paramref name="key"/>.</summary>
    private static async Task<List<string>> OfferedAtAsync(
        Solution solution, CodeFixProvider fixer, string id, string? key, string? inDocument, CachedDiagnosticProvider provider, ConcurrentQueue<string> failures)
    {
        var offered = new List<string>();
        foreach (var project in solution.Projects)
        {
            foreach (var diagnostic in (await provider.AnalyzeAsync(project)).Where(d => d.Id == id && d.Location.IsInSource && (inDocument is null || d.Location.SourceTree!.FilePath == inDocument)))
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                if ((await ActionsAsync(document, diagnostic, fixer, failures)).Any(a => a.EquivalenceKey == key))
                {
                    var line = (await document.GetTextAsync()).Lines.GetLineFromPosition(diagnostic.Location.SourceSpan.Start).ToString().Trim();
                    offered.Add($"{ReliabilityHarness.Describe(diagnostic)}: {line}");
                }
            }
        }

        return offered;
    }

    private static async Task<List<CodeAction>> ActionsAsync(Document document, Diagnostic diagnostic, CodeFixProvider fixer, ConcurrentQueue<string> failures)
    {
        var actions = new List<CodeAction>();
        try
        {
            await ShippedComponents.RegisterWithExceptionsAsync(fixer, new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        }
        catch (Exception exception)
        {
            failures.Enqueue($"{fixer.GetType().Name} registration threw for {ReliabilityHarness.Describe(diagnostic)}: {exception}");
        }

        return actions.SelectMany(ReliabilityHarness.Leaves).ToList();
    }

    /// <summary>Fix All as the IDE runs it: Document scope once per document with a diagnostic offering the key, Solution scope once.</summary>
    private static async Task<(Solution Solution, string? ScopeDocument)> FixAllAsync(
        Solution solution, CodeFixProvider fixer, FixAllProvider fixAllProvider, string id, string? key, FixAllScope scope, CachedDiagnosticProvider provider, ConcurrentQueue<string> failures)
    {
        var starts = new List<(ProjectId Project, DocumentId Document)>();
        foreach (var project in solution.Projects)
        {
            foreach (var diagnostic in (await provider.AnalyzeAsync(project)).Where(d => d.Id == id && d.Location.IsInSource))
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                if ((await ActionsAsync(document, diagnostic, fixer, failures)).Any(a => a.EquivalenceKey == key))
                {
                    starts.Add((project.Id, document.Id));
                }
            }
        }

        // Fix All in Solution scope starts once, anywhere; in Document scope once, in the document with
        // the most fixable diagnostics (Solution scope covers the others; one fixed document at a time is
        // what the IDE does, and re-analyzing after each would double the test's time).
        starts = scope == FixAllScope.Solution
            ? starts.Take(1).ToList()
            : starts.GroupBy(s => s.Document).OrderByDescending(g => g.Count()).Take(1).Select(g => g.First()).ToList();

        var current = solution;
        foreach (var (projectId, documentId) in starts)
        {
            var context = scope == FixAllScope.Document
                ? new FixAllContext(current.GetDocument(documentId)!, fixer, scope, key, [id], provider, CancellationToken.None)
                : new FixAllContext(current.GetProject(projectId)!, fixer, scope, key, [id], provider, CancellationToken.None);
            var action = await fixAllProvider.GetFixAsync(context)
                ?? throw new InvalidOperationException($"FixAll {scope} returned no action for {documentId}");
            var apply = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().ToList();
            current = apply.Count == 1 ? apply[0].ChangedSolution : throw new InvalidOperationException($"FixAll {scope} gave {apply.Count} ApplyChangesOperations");
        }

        return (current, scope == FixAllScope.Document ? starts.Select(s => solution.GetDocument(s.Document)!.FilePath).SingleOrDefault() : null);
    }

    private static async Task<Dictionary<string, List<string>>> ErrorsAsync(Solution solution)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var project in solution.Projects)
        {
            var compilation = (await project.GetCompilationAsync())!;
            errors[project.Name] = compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => $"{d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}")
                .ToList();
        }

        return errors;
    }

    /// <summary>Errors of the fixed solution the input did not have (compared by id and message, as positions move).</summary>
    private static async Task<List<string>> NewErrorsAsync(Dictionary<string, List<string>> inputErrors, Solution fixedSolution)
    {
        var added = new List<string>();
        foreach (var project in fixedSolution.Projects)
        {
            var tolerated = new List<string>(inputErrors.GetValueOrDefault(project.Name) ?? []);
            foreach (var error in (await project.GetCompilationAsync())!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                if (!tolerated.Remove($"{error.Id}: {error.GetMessage(CultureInfo.InvariantCulture)}"))
                {
                    var line = error.Location.IsInSource ? error.Location.SourceTree!.GetText().Lines.GetLineFromPosition(error.Location.SourceSpan.Start).ToString().Trim() : "";
                    added.Add($"{project.Name}: {ReliabilityHarness.Describe(error)}   | {line}");
                }
            }
        }

        return added;
    }

    /// <summary>The changed lines of each changed document (input → output), for the failure report.</summary>
    private static async Task<string> ChangesAsync(Solution before, Solution after, IEnumerable<DocumentId> changed)
    {
        var text = new StringBuilder();
        foreach (var id in changed.Take(3))
        {
            var newDocument = after.GetDocument(id)!;
            var newText = await newDocument.GetTextAsync();
            var oldDocument = before.GetDocument(id);
            text.Append($"    ---- {newDocument.FilePath} ----\n");
            if (oldDocument is null)
            {
                text.Append(newText).Append('\n');
                continue;
            }

            // The changed lines (first to last difference) with two lines of context.
            var oldLines = (await oldDocument.GetTextAsync()).ToString().Split('\n');
            var newLines = newText.ToString().Split('\n');
            var first = 0;
            while (first < oldLines.Length && first < newLines.Length && oldLines[first] == newLines[first])
            {
                first++;
            }

            var lastOld = oldLines.Length - 1;
            var lastNew = newLines.Length - 1;
            while (lastOld > first && lastNew > first && oldLines[lastOld] == newLines[lastNew])
            {
                lastOld--;
                lastNew--;
            }

            var from = Math.Max(0, first - 2);
            text.Append($"    input lines {from + 1}-{lastOld + 1}:\n");
            text.AppendJoin("", oldLines[from..Math.Min(oldLines.Length, lastOld + 1)].Select(l => $"    - {l}\n"));
            text.Append($"    output lines {from + 1}-{lastNew + 1}:\n");
            text.AppendJoin("", newLines[from..Math.Min(newLines.Length, lastNew + 1)].Select(l => $"    + {l}\n"));
        }

        return text.ToString();
    }
}
