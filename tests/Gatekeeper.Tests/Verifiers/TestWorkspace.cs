using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.Tests.Verifiers;

/// <summary>One test file: its name (Test0.cs, ...), its path in the test project (/0/Test0.cs) and its parsed markup.</summary>
internal sealed record TestSource(string FileName, ParsedMarkup Markup)
{
    public string Path => ProjectFolder + FileName;

    public const string ProjectFolder = "/0/";

    public static TestSource Parse(string fileName, string markup) => new(fileName, Verifiers.Markup.Parse(markup));
}

/// <summary>
/// Builds the test project in an <see cref="AdhocWorkspace"/> (documents with file paths and a /.editorconfig,
/// so options reach analyzers the way they do in a real build) and runs the analyzer and the compiler on it.
/// </summary>
internal static class TestWorkspace
{
    public const string EditorConfigPath = "/.editorconfig";

    public static Project CreateProject(
        AdhocWorkspace workspace,
        IReadOnlyList<TestSource> sources,
        string editorConfigLines,
        IReadOnlyList<MetadataReference> references,
        LanguageVersion languageVersion,
        OutputKind outputKind)
    {
        var projectId = ProjectId.CreateNewId("TestProject");
        var documents = sources.Select(source => DocumentInfo.Create(
            DocumentId.CreateNewId(projectId, source.FileName),
            source.FileName,
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(source.Markup.Text, Encoding.UTF8), VersionStamp.Default)),
            filePath: source.Path));
        var editorConfig = DocumentInfo.Create(
            DocumentId.CreateNewId(projectId, ".editorconfig"),
            ".editorconfig",
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From("root = true\n\n[*.cs]\n" + editorConfigLines), VersionStamp.Default)),
            filePath: EditorConfigPath);

        var project = ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                name: "TestProject",
                assemblyName: "TestProject",
                language: LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(languageVersion),
                documents: documents,
                metadataReferences: references)
            .WithAnalyzerConfigDocuments([editorConfig]);

        return workspace.AddProject(project);
    }

    /// <summary>Runs one analyzer with the project's options (.editorconfig included). An analyzer exception fails the test.</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetAnalyzerDiagnosticsAsync(Project project, DiagnosticAnalyzer analyzer)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, failing, _) => exceptions.Enqueue($"{failing.GetType().Name} threw {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync();

        // AD0001 is how the driver reports an analyzer exception; the callback above usually has the full text.
        var analyzerFailures = diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(CultureInfo.InvariantCulture));
        var failures = exceptions.Concat(analyzerFailures).ToList();
        if (failures.Count > 0)
        {
            throw new VerifierException("The analyzer threw:\n" + string.Join("\n\n", failures));
        }

        return Sort(project, diagnostics);
    }

    public static async Task<ImmutableArray<Diagnostic>> GetCompilerDiagnosticsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        return Sort(project, compilation.GetDiagnostics());
    }

    /// <summary>In document order, then by position and id: stable and readable failure lists.</summary>
    public static ImmutableArray<Diagnostic> Sort(Project project, IEnumerable<Diagnostic> diagnostics)
    {
        var documentOrder = project.Documents.Select((document, index) => (document.FilePath!, index)).ToDictionary(x => x.Item1, x => x.index);
        return diagnostics
            .OrderBy(d => d.Location.IsInSource ? documentOrder.GetValueOrDefault(d.Location.SourceTree!.FilePath, int.MaxValue) : -1)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Location.SourceSpan.End)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary><c>GK2001 at /0/Test0.cs(5,17)-(5,20) [Warning]: "message"</c></summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var text = $"{diagnostic.Id} at {SourceSpan.Of(diagnostic.Location)}";
        if (diagnostic.AdditionalLocations.Count > 0)
        {
            text += ", additional: " + string.Join(", ", diagnostic.AdditionalLocations.Select(SourceSpan.Of));
        }

        text += $" [{diagnostic.Severity}]: \"{diagnostic.GetMessage(CultureInfo.InvariantCulture)}\"";
        return diagnostic.Properties.IsEmpty
            ? text
            : text + " {" + string.Join(", ", diagnostic.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) + "}";
    }

    /// <summary>A compiler error with the line it is on and a caret under the column.</summary>
    public static string DescribeWithLine(Diagnostic diagnostic)
    {
        var text = Describe(diagnostic);
        if (!diagnostic.Location.IsInSource)
        {
            return text;
        }

        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        var line = diagnostic.Location.SourceTree!.GetText().Lines[position.Line].ToString();
        var gutter = $"{position.Line + 1,5} | ";
        return $"{text}\n{gutter}{line}\n{new string(' ', gutter.Length - 2)}| {new string(' ', position.Character)}^";
    }

    public static string Lines(IEnumerable<string> items, string indent = "  ")
    {
        var list = items.ToList();
        return list.Count == 0 ? indent + "(none)" : string.Join("\n", list.Select(item => indent + item.Replace("\n", "\n" + indent, StringComparison.Ordinal)));
    }
}
