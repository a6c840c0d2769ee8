using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Gatekeeper.Tests.Verifiers;

/// <summary>
/// Applies a code fix the way the IDE does (register, pick the action, apply its ApplyChangesOperation) and
/// checks the outcome. Any exception of the fixer fails the test with the exception text.
/// </summary>
internal sealed class FixRunner(TestRun run, CodeFixProvider fixer, string? equivalenceKey)
{
    private readonly ImmutableHashSet<string> _fixableIds = [.. fixer.FixableDiagnosticIds];

    /// <summary>Fixes the first diagnostic that has a fix, re-analyzes, repeats; at most (initial diagnostics + 1) fixes.</summary>
    public async Task<Solution> FixOneAtATimeAsync()
    {
        var solution = run.Project.Solution;
        var limit = (await FixableDiagnosticsAsync(run.Project)).Length + 1;
        for (var applied = 0; ; applied++)
        {
            var next = await FindFirstFixAsync(solution.GetProject(run.Project.Id)!, static _ => true);
            if (next is null)
            {
                return solution;
            }

            if (applied == limit)
            {
                throw new VerifierException(
                    $"The fix does not converge: after {limit} fixes it still offers '{next.Value.Action.Title}' for {TestWorkspace.Describe(next.Value.Diagnostic)}.\n"
                    + await DocumentTextsAsync(solution));
            }

            solution = await ApplyAsync(next.Value.Action, $"fixing {TestWorkspace.Describe(next.Value.Diagnostic)}");
        }
    }

    public bool SupportsFixAll(FixAllScope scope) => fixer.GetFixAllProvider()?.GetSupportedFixAllScopes().Contains(scope) == true;

    /// <summary>
    /// FixAll as the IDE runs it, once: in Document scope once per document that has a fixable diagnostic,
    /// in Project and Solution scope once. No second pass, so fixes a batch merge drops are noticed.
    /// </summary>
    public async Task<Solution> FixAllAsync(FixAllScope scope)
    {
        var provider = fixer.GetFixAllProvider()
            ?? throw new VerifierException($"{fixer.GetType().Name}.GetFixAllProvider() returns null, so FixAll ({scope}) cannot run.");
        if (!provider.GetSupportedFixAllScopes().Contains(scope))
        {
            throw new VerifierException($"The FixAll provider of {fixer.GetType().Name} does not support scope {scope}.");
        }

        var initial = await FixableDiagnosticsAsync(run.Project);
        var targets = scope == FixAllScope.Document
            ? initial.Select(d => (DocumentId?)run.Project.GetDocument(d.Location.SourceTree!)!.Id).Distinct().ToList()
            : [null];

        var solution = run.Project.Solution;
        foreach (var target in targets)
        {
            var project = solution.GetProject(run.Project.Id)!;
            var next = await FindFirstFixAsync(project, document => target is null || document.Id == target);
            if (next is null)
            {
                continue;
            }

            var (document, diagnostic, action) = next.Value;
            var diagnosticProvider = new CachedDiagnosticProvider(run.AnalyzeAsync);
            var context = scope == FixAllScope.Document
                ? new FixAllContext(document, fixer, scope, action.EquivalenceKey, _fixableIds, diagnosticProvider, CancellationToken.None)
                : new FixAllContext(project, fixer, scope, action.EquivalenceKey, _fixableIds, diagnosticProvider, CancellationToken.None);

            CodeAction? fixAllAction;
            try
            {
                fixAllAction = await provider.GetFixAsync(context);
            }
            catch (Exception exception)
            {
                throw new VerifierException($"FixAll ({scope}) threw (started from {TestWorkspace.Describe(diagnostic)}):\n{exception}");
            }

            solution = fixAllAction is null
                ? throw new VerifierException($"FixAll ({scope}) returned no code action (started from {TestWorkspace.Describe(diagnostic)}).")
                : await ApplyAsync(fixAllAction, $"FixAll ({scope})");
        }

        return solution;
    }

    public async Task VerifyNoFixAsync()
    {
        var offered = new List<string>();
        foreach (var diagnostic in await FixableDiagnosticsAsync(run.Project))
        {
            var document = run.Project.GetDocument(diagnostic.Location.SourceTree!)!;
            offered.AddRange((await GetActionsAsync(document, diagnostic))
                .Where(action => equivalenceKey is null || action.EquivalenceKey == equivalenceKey)
                .Select(action => $"'{action.Title}' (key {action.EquivalenceKey ?? "null"}) for {TestWorkspace.Describe(diagnostic)}"));
        }

        if (offered.Count > 0)
        {
            throw new VerifierException("No fix was expected, but the fixer offers:\n" + TestWorkspace.Lines(offered));
        }
    }

    /// <summary>
    /// Every document equals its expected text (line endings aside); the fixed project adds no compiler error;
    /// the diagnostics left are exactly the markup of the expected texts.
    /// </summary>
    public async Task VerifyFixedAsync(string what, Solution solution, IReadOnlyList<(string FileName, string Text)> expectedSources)
    {
        var project = solution.GetProject(run.Project.Id)!;
        var expected = ExpectedTexts(expectedSources);
        if (expected.SelectMany(s => s.Markup.Spans).Any(span => span.IsLocationMarker))
        {
            throw new VerifierException($"{what}: location markers {{|#n:...|}} are not supported in fixed sources; mark remaining diagnostics with [|...|] or {{|ID:...|}}.");
        }

        var mismatches = new List<string>();
        foreach (var source in expected)
        {
            var actual = (await project.Documents.Single(d => d.FilePath == source.Path).GetTextAsync()).ToString();
            var difference = FirstDifference(Normalize(source.Markup.Text), Normalize(actual));
            if (difference is not null)
            {
                mismatches.Add($"{source.FileName} differs from the expected text at {difference}\n---- actual {source.FileName} ----\n{actual}\n----");
            }
        }

        if (mismatches.Count > 0)
        {
            throw new VerifierException($"{what}: the fixed text is not the expected one.\n" + string.Join("\n", mismatches));
        }

        var errors = NewErrors(await TestWorkspace.GetCompilerDiagnosticsAsync(project));
        if (errors.Count > 0)
        {
            throw new VerifierException(
                $"{what}: the fixed code does not compile:\n" + TestWorkspace.Lines(errors.Select(TestWorkspace.DescribeWithLine)) + "\n"
                + await DocumentTextsAsync(solution));
        }

        var remainingExpected = Expectations.Resolve(expected, [], run.Analyzer.SupportedDiagnostics);
        var remaining = await run.DiagnosticsToCompareAsync(project, remainingExpected, d => _fixableIds.Contains(d.Id));
        Expectations.Compare($"{what}, diagnostics left after the fix", remainingExpected, remaining, expected.Select(s => (s.FileName, s.Path, s.Markup.Text)).ToList(), run.DefaultId);
    }

    private async Task<ImmutableArray<Diagnostic>> FixableDiagnosticsAsync(Project project) =>
        [.. (await run.AnalyzeAsync(project)).Where(d => _fixableIds.Contains(d.Id) && d.Location.IsInSource)];

    private async Task<(Document Document, Diagnostic Diagnostic, CodeAction Action)?> FindFirstFixAsync(Project project, Func<Document, bool> documentFilter)
    {
        foreach (var diagnostic in await FixableDiagnosticsAsync(project))
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree!)!;
            if (documentFilter(document) && await PickActionAsync(document, diagnostic) is { } action)
            {
                return (document, diagnostic, action);
            }
        }

        return null;
    }

    /// <summary>The action with the equivalence key, or the only kind offered; null when none is offered.</summary>
    private async Task<CodeAction?> PickActionAsync(Document document, Diagnostic diagnostic)
    {
        var actions = await GetActionsAsync(document, diagnostic);
        if (actions.Count == 0)
        {
            return null;
        }

        string Offered() => string.Join(", ", actions.Select(a => $"'{a.Title}' (key {a.EquivalenceKey ?? "null"})"));
        if (equivalenceKey is not null)
        {
            return actions.FirstOrDefault(a => a.EquivalenceKey == equivalenceKey)
                ?? throw new VerifierException($"For {TestWorkspace.Describe(diagnostic)} the fixer offers {Offered()}, none with equivalence key '{equivalenceKey}'.");
        }

        return actions.Select(a => a.EquivalenceKey).Distinct().Count() == 1
            ? actions[0]
            : throw new VerifierException($"For {TestWorkspace.Describe(diagnostic)} the fixer offers several actions: {Offered()}. Pick one with WithEquivalenceKey.");
    }

    /// <summary>What the fixer registers for one diagnostic; nested actions are flattened to the ones a user can apply.</summary>
    private async Task<List<CodeAction>> GetActionsAsync(Document document, Diagnostic diagnostic)
    {
        var registered = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => registered.Add(action), CancellationToken.None);
        try
        {
            await fixer.RegisterCodeFixesAsync(context);
        }
        catch (Exception exception)
        {
            throw new VerifierException($"{fixer.GetType().Name}.RegisterCodeFixesAsync threw for {TestWorkspace.Describe(diagnostic)}:\n{exception}");
        }

        static IEnumerable<CodeAction> Leaves(CodeAction action) =>
            action.NestedActions.IsDefaultOrEmpty ? [action] : action.NestedActions.SelectMany(Leaves);

        return registered.SelectMany(Leaves).ToList();
    }

    private static async Task<Solution> ApplyAsync(CodeAction action, string what)
    {
        try
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            var apply = operations.OfType<ApplyChangesOperation>().ToList();
            return apply.Count == 1
                ? apply[0].ChangedSolution
                : throw new VerifierException($"Code action '{action.Title}' ({what}) has {apply.Count} ApplyChangesOperations; expected one.");
        }
        catch (Exception exception) when (exception is not VerifierException)
        {
            throw new VerifierException($"Code action '{action.Title}' threw while {what}:\n{exception}");
        }
    }

    /// <summary>The expected texts of every document: the given ones parsed as markup, the others unchanged.</summary>
    private List<TestSource> ExpectedTexts(IReadOnlyList<(string FileName, string Text)> expectedSources)
    {
        foreach (var (fileName, _) in expectedSources)
        {
            if (!run.Sources.Any(s => s.FileName == fileName))
            {
                throw new VerifierException($"The expected fixed sources name {fileName}, but the test has only {string.Join(", ", run.Sources.Select(s => s.FileName))}.");
            }
        }

        return run.Sources
            .Select(source => expectedSources.Where(e => e.FileName == source.FileName).Select(e => TestSource.Parse(e.FileName, e.Text)).FirstOrDefault()
                ?? new TestSource(source.FileName, new ParsedMarkup(source.Markup.Text, [])))
            .ToList();
    }

    /// <summary>Compiler errors of the fixed project that the input did not have (by id and message, as positions move).</summary>
    private List<Diagnostic> NewErrors(IEnumerable<Diagnostic> diagnostics)
    {
        var tolerated = run.InputErrors.Select(Key).ToList();
        var added = new List<Diagnostic>();
        foreach (var error in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            if (!tolerated.Remove(Key(error)))
            {
                added.Add(error);
            }
        }

        return added;

        static string Key(Diagnostic d) => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> DocumentTextsAsync(Solution solution)
    {
        var text = new StringBuilder();
        foreach (var document in solution.GetProject(run.Project.Id)!.Documents)
        {
            text.Append($"---- {document.Name} ----\n").Append((await document.GetTextAsync()).ToString()).Append('\n');
        }

        return text.Append("----").ToString();
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>"line 7:\n  expected: ...\n  actual:   ..." for the first line that differs, or null when equal.</summary>
    private static string? FirstDifference(string expected, string actual)
    {
        if (expected == actual)
        {
            return null;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        static string Show(string[] lines, int index) => index < lines.Length ? $"\"{lines[index]}\"" : "(end of text)";
        return $"line {line + 1}:\n  expected: {Show(expectedLines, line)}\n  actual:   {Show(actualLines, line)}";
    }
}
