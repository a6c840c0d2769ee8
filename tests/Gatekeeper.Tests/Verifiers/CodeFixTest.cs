using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Tests.Verifiers;

/// <summary>Entry points of code-fix tests: <c>VerifyFixAsync(markup, fixedSource, ReferenceSet.XunitV2)</c>, or <c>Test(markup)...ShouldFix(...).RunAsync()</c>.</summary>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string? id = null) => AnalyzerVerifier<TAnalyzer>.Diagnostic(id);

    /// <summary>
    /// Checks the diagnostics of <paramref name="markup"/>, applies the fix one diagnostic at a time and compares the
    /// result with <paramref name="fixedSource"/> exactly; then runs FixAll (document scope) on the original and expects the same text.
    /// </summary>
    public static Task VerifyFixAsync(string markup, string fixedSource, params ReferenceSet[] references) =>
        Test(markup).WithReferences(references).ShouldFix(fixedSource).RunAsync();

    public static CodeFixTest<TAnalyzer, TCodeFix> Test(string markup) => new(markup);
}

/// <summary>
/// A code-fix test: the analyzer checks of <see cref="AnalyzerTest{TAnalyzer}"/>, then the fix expectations.
/// Expected fixed sources may contain markup: diagnostics expected to remain after the fix.
/// Files a fixed-source list does not name must stay unchanged.
/// </summary>
public sealed class CodeFixTest<TAnalyzer, TCodeFix> : AnalyzerTest<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    private readonly List<(FixAllScope Scope, (string FileName, string Text)[] Sources)> _fixAllExpectations = [];
    private (string FileName, string Text)[]? _oneAtATimeExpectation;
    private string? _equivalenceKey;
    private bool _noFixExpected;

    internal CodeFixTest(string markup)
        : base(markup)
    {
    }

    public new CodeFixTest<TAnalyzer, TCodeFix> WithSource(string markup) => Chain(base.WithSource(markup));

    public new CodeFixTest<TAnalyzer, TCodeFix> WithSource(string fileName, string markup) => Chain(base.WithSource(fileName, markup));

    public new CodeFixTest<TAnalyzer, TCodeFix> WithReferences(params ReferenceSet[] sets) => Chain(base.WithReferences(sets));

    public new CodeFixTest<TAnalyzer, TCodeFix> WithEditorConfig(string lines) => Chain(base.WithEditorConfig(lines));

    public new CodeFixTest<TAnalyzer, TCodeFix> WithLanguageVersion(LanguageVersion v) => Chain(base.WithLanguageVersion(v));

    public new CodeFixTest<TAnalyzer, TCodeFix> WithOutputKind(OutputKind k) => Chain(base.WithOutputKind(k));

    public new CodeFixTest<TAnalyzer, TCodeFix> AllowCompilerErrors() => Chain(base.AllowCompilerErrors());

    public new CodeFixTest<TAnalyzer, TCodeFix> ExpectDiagnostics(params DiagnosticResult[] expected) => Chain(base.ExpectDiagnostics(expected));

    /// <summary>The fixed text of the first file (single-file shorthand).</summary>
    public CodeFixTest<TAnalyzer, TCodeFix> ShouldFix(string fixedSource) => ShouldFix((FileNames[0], fixedSource));

    /// <summary>
    /// Fixing one diagnostic at a time must give these texts. Unless a Document-scope <see cref="ShouldFixAll(FixAllScope, ValueTuple{string, string}[])"/>
    /// is given, FixAll in document scope (when the fixer has a FixAll provider) must give them too.
    /// </summary>
    public CodeFixTest<TAnalyzer, TCodeFix> ShouldFix(params (string FileName, string Text)[] fixedSources)
    {
        _oneAtATimeExpectation = fixedSources;
        return this;
    }

    public CodeFixTest<TAnalyzer, TCodeFix> ShouldFixAll(FixAllScope scope, string fixedSource) => ShouldFixAll(scope, (FileNames[0], fixedSource));

    /// <summary>FixAll in this scope (Document, Project or Solution) must give these texts.</summary>
    public CodeFixTest<TAnalyzer, TCodeFix> ShouldFixAll(FixAllScope scope, params (string FileName, string Text)[] fixedSources)
    {
        if (scope is not (FixAllScope.Document or FixAllScope.Project or FixAllScope.Solution))
        {
            throw new VerifierException($"FixAll scope {scope} is not supported by the verifier: use Document, Project or Solution.");
        }

        _fixAllExpectations.Add((scope, fixedSources));
        return this;
    }

    /// <summary>Applies the code action with this equivalence key (otherwise the fixer must offer one kind of action).</summary>
    public CodeFixTest<TAnalyzer, TCodeFix> WithEquivalenceKey(string key)
    {
        _equivalenceKey = key;
        return this;
    }

    /// <summary>The fixer must register no code action (with the equivalence key, if one is set) for any diagnostic.</summary>
    public CodeFixTest<TAnalyzer, TCodeFix> ExpectNoFix()
    {
        _noFixExpected = true;
        return this;
    }

    public override async Task RunAsync()
    {
        if (_noFixExpected == (_oneAtATimeExpectation is not null || _fixAllExpectations.Count > 0))
        {
            throw new VerifierException("A code-fix test needs either ShouldFix/ShouldFixAll or ExpectNoFix (not both).");
        }

        var fixer = new TCodeFix();
        var analyzerIds = new TAnalyzer().SupportedDiagnostics.Select(d => d.Id);
        if (!fixer.FixableDiagnosticIds.Intersect(analyzerIds).Any())
        {
            throw new VerifierException(
                $"{typeof(TCodeFix).Name} fixes {string.Join(", ", fixer.FixableDiagnosticIds)}, but {typeof(TAnalyzer).Name} reports {string.Join(", ", analyzerIds)}.");
        }

        using var run = await VerifyDiagnosticsAsync();
        var fixes = new FixRunner(run, fixer, _equivalenceKey);
        if (_noFixExpected)
        {
            await fixes.VerifyNoFixAsync();
            return;
        }

        if (_oneAtATimeExpectation is not null)
        {
            var fixedSolution = await fixes.FixOneAtATimeAsync();
            await fixes.VerifyFixedAsync("Fix (one diagnostic at a time)", fixedSolution, _oneAtATimeExpectation);

            if (!_fixAllExpectations.Any(e => e.Scope == FixAllScope.Document) && fixes.SupportsFixAll(FixAllScope.Document))
            {
                var fixedAll = await fixes.FixAllAsync(FixAllScope.Document);
                await fixes.VerifyFixedAsync("FixAll (Document, expected to match the one-at-a-time fix)", fixedAll, _oneAtATimeExpectation);
            }
        }

        foreach (var (scope, expectedSources) in _fixAllExpectations)
        {
            var fixedAll = await fixes.FixAllAsync(scope);
            await fixes.VerifyFixedAsync($"FixAll ({scope})", fixedAll, expectedSources);
        }
    }

    private CodeFixTest<TAnalyzer, TCodeFix> Chain(AnalyzerTest<TAnalyzer> _) => this;
}
