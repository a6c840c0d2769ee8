using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.Tests.Reliability;

/// <summary>
/// Runs every shipped analyzer and fix on corpus solutions with every exception surfaced: the analyzer
/// exception handler, AD0001, fix registration and the code actions' operations.
/// </summary>
internal static class ReliabilityHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    public static Solution CreateSolution(AdhocWorkspace workspace, IReadOnlyList<CorpusProject> projects)
    {
        var ids = projects.ToDictionary(p => p.Name, p => ProjectId.CreateNewId(p.Name));
        var infos = projects.Select(p => ProjectInfo.Create(
                ids[p.Name],
                VersionStamp.Default,
                name: p.Name,
                assemblyName: p.Name,
                language: LanguageNames.CSharp,
                filePath: $"/{p.Name}/{p.Name}.csproj",
                compilationOptions: new CSharpCompilationOptions(p.OutputKind, nullableContextOptions: NullableContextOptions.Enable)
                    .WithSpecificDiagnosticOptions(ShippedComponents.AllRulesOn),
                parseOptions: ParseOptions,
                documents: p.Files.Select(f => DocumentInfo.Create(
                    DocumentId.CreateNewId(ids[p.Name], f.Path),
                    System.IO.Path.GetFileName(f.Path),
                    loader: TextLoader.From(TextAndVersion.Create(SourceText.From(f.Text, Encoding.UTF8), VersionStamp.Default)),
                    filePath: f.Path)),
                projectReferences: p.ProjectReferences.Select(name => new ProjectReference(ids[name])),
                metadataReferences: p.References))
            .ToList();
        var solution = workspace.CurrentSolution;
        foreach (var info in infos)
        {
            solution = solution.AddProject(info);
        }

        return workspace.TryApplyChanges(solution) ? workspace.CurrentSolution : throw new InvalidOperationException("The workspace refused the corpus solution.");
    }

    /// <summary>All diagnostics of all shipped analyzers on a project; analyzer exceptions (and AD0001) go to <paramref name="failures"/>.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(
        Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, ConcurrentQueue<string> failures, CancellationToken cancellationToken = default)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken))!;
        return await AnalyzeAsync(compilation, project.AnalyzerOptions, analyzers, failures, project.Name, cancellationToken);
    }

    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(
        Compilation compilation, AnalyzerOptions options, ImmutableArray<DiagnosticAnalyzer> analyzers, ConcurrentQueue<string> failures, string what, CancellationToken cancellationToken = default)
    {
        var withAnalyzers = compilation.WithAnalyzers(analyzers, WithExceptionHandler(options, failures, what));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        RecordAd0001(diagnostics, failures, what);
        return diagnostics;
    }

    /// <summary>What the IDE computes for one open document: its syntax and semantic diagnostics.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeDocumentAsync(
        Document document, ImmutableArray<DiagnosticAnalyzer> analyzers, ConcurrentQueue<string> failures, string what)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var tree = (await document.GetSyntaxTreeAsync())!;
        var withAnalyzers = compilation.WithAnalyzers(analyzers, WithExceptionHandler(document.Project.AnalyzerOptions, failures, what));
        var syntax = await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None);
        var semantic = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, CancellationToken.None);
        var all = syntax.AddRange(semantic);
        RecordAd0001(all, failures, what);
        return all;
    }

    public static CompilationWithAnalyzersOptions WithExceptionHandler(AnalyzerOptions options, ConcurrentQueue<string> failures, string what) =>
        new(
            options,
            onAnalyzerException: (exception, analyzer, _) => failures.Enqueue($"{what}: {analyzer.GetType().Name} threw {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);

    /// <summary>
    /// Registers every fix for a diagnostic and applies every code action's operations (the changed
    /// documents' texts are read, so lazy work runs too). Exceptions go to <paramref name="failures"/>.
    /// Returns the number of code actions applied.
    /// </summary>
    public static async Task<int> RegisterAndApplyFixesAsync(
        Document document, Diagnostic diagnostic, IEnumerable<CodeFixProvider> fixers, ConcurrentQueue<string> failures, string what)
    {
        var applied = 0;
        foreach (var fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            var actions = new List<CodeAction>();
            try
            {
                await ShippedComponents.RegisterWithExceptionsAsync(fixer, new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            }
            catch (Exception exception)
            {
                failures.Enqueue($"{what}: {fixer.GetType().Name} registration threw for {Describe(diagnostic)}: {exception}");
                continue;
            }

            foreach (var action in actions.SelectMany(Leaves))
            {
                try
                {
                    foreach (var operation in await action.GetOperationsAsync(CancellationToken.None))
                    {
                        if (operation is ApplyChangesOperation apply)
                        {
                            foreach (var changed in apply.ChangedSolution.GetChanges(document.Project.Solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true).Concat(p.GetAddedDocuments())))
                            {
                                await apply.ChangedSolution.GetDocument(changed)!.GetTextAsync();
                            }
                        }
                    }

                    applied++;
                }
                catch (Exception exception)
                {
                    failures.Enqueue($"{what}: {fixer.GetType().Name} action '{action.Title}' threw for {Describe(diagnostic)}: {exception}");
                }
            }
        }

        return applied;
    }

    public static IEnumerable<CodeAction> Leaves(CodeAction action) =>
        action.NestedActions.IsDefaultOrEmpty ? [action] : action.NestedActions.SelectMany(Leaves);

    public static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Id} at {diagnostic.Location.GetLineSpan()} \"{diagnostic.GetMessage(CultureInfo.InvariantCulture)}\"";

    /// <summary>A diagnostic with everything the user sees, for comparing runs: id, file, span, message, severity, additional locations, properties.</summary>
    public static string Fingerprint(Diagnostic d) =>
        $"{d.Id}|{d.Location.SourceTree?.FilePath}|{d.Location.SourceSpan}|{d.Severity}|{d.GetMessage(CultureInfo.InvariantCulture)}|"
        + string.Join(";", d.AdditionalLocations.Select(l => $"{l.SourceTree?.FilePath}{l.SourceSpan}")) + "|"
        + string.Join(";", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static void RecordAd0001(IEnumerable<Diagnostic> diagnostics, ConcurrentQueue<string> failures, string what)
    {
        foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
        {
            failures.Enqueue($"{what}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
        }
    }
}
