using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Tests.Verifiers;

/// <summary>Entry points of analyzer tests: <c>VerifyAsync(markup, ReferenceSet.XunitV2)</c>, or <c>Test(markup)...RunAsync()</c>.</summary>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>An expected diagnostic; the id defaults to the analyzer's only supported id.</summary>
    public static DiagnosticResult Diagnostic(string? id = null) => DiagnosticResult.Diagnostic(id ?? TestRun.SingleId(new TAnalyzer()));

    public static Task VerifyAsync(string markup, params ReferenceSet[] references) =>
        Test(markup).WithReferences(references).RunAsync();

    public static AnalyzerTest<TAnalyzer> Test(string markup) => new(markup);
}

/// <summary>
/// An analyzer test under construction. <see cref="RunAsync"/> builds the project, requires it to compile
/// (unless <see cref="AllowCompilerErrors"/>), runs the analyzer and compares its diagnostics with the markup
/// and <see cref="ExpectDiagnostics"/>. Only the analyzer's ids (and ids expected explicitly) are compared.
/// </summary>
public class AnalyzerTest<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    private readonly List<(string FileName, string Markup)> _sources = [];
    private readonly List<ReferenceSet> _referenceSets = [];
    private readonly StringBuilder _editorConfig = new();
    private readonly List<DiagnosticResult> _expectedDiagnostics = [];
    private LanguageVersion _languageVersion = LanguageVersion.Latest;
    private OutputKind _outputKind = OutputKind.DynamicallyLinkedLibrary;
    private bool _compilerErrorsAllowed;

    internal AnalyzerTest(string markup) => WithSource(markup);

    /// <summary>Another file, named Test1.cs, Test2.cs ... by its position.</summary>
    public AnalyzerTest<TAnalyzer> WithSource(string markup) => WithSource($"Test{_sources.Count}.cs", markup);

    public AnalyzerTest<TAnalyzer> WithSource(string fileName, string markup)
    {
        if (_sources.Any(s => string.Equals(s.FileName, fileName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new VerifierException($"The test already has a file named {fileName}.");
        }

        _sources.Add((fileName, markup));
        return this;
    }

    /// <summary>Adds reference sets; the .NET 10 BCL is always referenced.</summary>
    public AnalyzerTest<TAnalyzer> WithReferences(params ReferenceSet[] sets)
    {
        _referenceSets.AddRange(sets);
        return this;
    }

    /// <summary>Lines of the <c>[*.cs]</c> section of /.editorconfig, e.g. <c>gatekeeper.GK2001.assertion_methods = Probe</c>.</summary>
    public AnalyzerTest<TAnalyzer> WithEditorConfig(string lines)
    {
        _editorConfig.Append(lines).Append('\n');
        return this;
    }

    public AnalyzerTest<TAnalyzer> WithLanguageVersion(LanguageVersion v)
    {
        _languageVersion = v;
        return this;
    }

    public AnalyzerTest<TAnalyzer> WithOutputKind(OutputKind k)
    {
        _outputKind = k;
        return this;
    }

    /// <summary>For half-typed code: the input may have compiler errors (a fix must still add none).</summary>
    public AnalyzerTest<TAnalyzer> AllowCompilerErrors()
    {
        _compilerErrorsAllowed = true;
        return this;
    }

    /// <summary>Expected diagnostics in addition to the markup ones.</summary>
    public AnalyzerTest<TAnalyzer> ExpectDiagnostics(params DiagnosticResult[] expected)
    {
        _expectedDiagnostics.AddRange(expected);
        return this;
    }

    public virtual async Task RunAsync()
    {
        using var run = await VerifyDiagnosticsAsync();
    }

    private protected IReadOnlyList<string> FileNames => _sources.Select(s => s.FileName).ToList();

    /// <summary>Builds the project and checks the input: it compiles, and the analyzer reports exactly what is expected.</summary>
    private protected async Task<TestRun> VerifyDiagnosticsAsync()
    {
        var parsed = _sources.Select(s => TestSource.Parse(s.FileName, s.Markup)).ToList();
        var analyzer = new TAnalyzer();
        var supported = analyzer.SupportedDiagnostics;
        var expected = Expectations.Resolve(parsed, _expectedDiagnostics, supported);

        var workspace = new AdhocWorkspace();
        try
        {
            var project = TestWorkspace.CreateProject(workspace, parsed, _editorConfig.ToString(), ReferenceSet.Combine(_referenceSets), _languageVersion, _outputKind);
            var expectedIds = expected.Select(e => e.Id).ToHashSet();
            var errors = (await TestWorkspace.GetCompilerDiagnosticsAsync(project))
                .Where(d => d.Severity == DiagnosticSeverity.Error && !expectedIds.Contains(d.Id))
                .ToImmutableArray();
            if (errors.Length > 0 && !_compilerErrorsAllowed)
            {
                throw new VerifierException(
                    "The test source does not compile (call AllowCompilerErrors() if that is the point of the test):\n"
                    + TestWorkspace.Lines(errors.Select(TestWorkspace.DescribeWithLine)));
            }

            var run = new TestRun(workspace, project, analyzer, parsed, errors);
            var actual = await run.DiagnosticsToCompareAsync(project, expected, static _ => true);
            Expectations.Compare("Analyzer", expected, actual, parsed.Select(s => (s.FileName, s.Path, s.Markup.Text)).ToList(), run.DefaultId);
            return run;
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
    }
}

/// <summary>The project of one test run and what was learned while checking its input.</summary>
internal sealed class TestRun(AdhocWorkspace workspace, Project project, DiagnosticAnalyzer analyzer, IReadOnlyList<TestSource> sources, ImmutableArray<Diagnostic> inputErrors) : IDisposable
{
    public Project Project { get; } = project;

    public DiagnosticAnalyzer Analyzer { get; } = analyzer;

    public IReadOnlyList<TestSource> Sources { get; } = sources;

    public string? DefaultId { get; } = Expectations.DefaultId(analyzer.SupportedDiagnostics);

    /// <summary>Compiler errors of the input (only with AllowCompilerErrors): a fix may keep these, never add any.</summary>
    public ImmutableArray<Diagnostic> InputErrors { get; } = inputErrors;

    public static string SingleId(DiagnosticAnalyzer analyzer) =>
        Expectations.DefaultId(analyzer.SupportedDiagnostics)
        ?? throw new VerifierException($"{analyzer.GetType().Name} supports several ids ({string.Join(", ", analyzer.SupportedDiagnostics.Select(d => d.Id))}): pass one to Diagnostic(id).");

    public Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project) => TestWorkspace.GetAnalyzerDiagnosticsAsync(project, Analyzer);

    /// <summary>The analyzer's diagnostics that pass the filter, plus compiler diagnostics whose id is expected explicitly.</summary>
    public async Task<IReadOnlyList<Diagnostic>> DiagnosticsToCompareAsync(Project project, IReadOnlyList<ExpectedDiagnostic> expected, Func<Diagnostic, bool> analyzerFilter)
    {
        var expectedIds = expected.Select(e => e.Id).ToHashSet();
        var analyzerDiagnostics = (await AnalyzeAsync(project)).Where(d => analyzerFilter(d) || expectedIds.Contains(d.Id));
        var compilerDiagnostics = (await TestWorkspace.GetCompilerDiagnosticsAsync(project)).Where(d => expectedIds.Contains(d.Id));
        return TestWorkspace.Sort(project, analyzerDiagnostics.Concat(compilerDiagnostics));
    }

    public void Dispose() => workspace.Dispose();
}
