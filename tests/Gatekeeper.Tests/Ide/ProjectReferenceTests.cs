using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Gatekeeper.Tests.Documentation;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Gatekeeper.Tests.Ide;

/// <summary>
/// In the IDE a project reference is a compilation reference: symbols of the referenced project have
/// source (DeclaringSyntaxReferences) in trees of ANOTHER compilation. A rule that follows helpers into
/// their bodies must not ask this compilation for a model of those trees (ArgumentException, AD0001).
/// `dotnet build` passes metadata references, so only an IDE-shaped test finds this.
/// </summary>
public class ProjectReferenceTests
{
    private const string Api = """
        namespace Notes.Api;

        public interface INoteStore { void Save(string title); }

        public static class Checks
        {
            public static void Saved(INoteStore store) => store.Save("checked");
            public static void NotEmpty(string value) { if (value.Length == 0) throw new System.Exception("empty"); }
        }
        """;

    private const string Tests = """
        using Moq;
        using Notes.Api;
        using Xunit;

        namespace Notes.Api.Tests;

        public class NoteTests
        {
            [Fact]
            public void Verification_through_a_helper_of_the_referenced_project()
            {
                var store = new Mock<INoteStore>();
                Checks.Saved(store.Object);
                store.Verify(s => s.Save(It.IsAny<string>()));
            }

            [Fact]
            public void Assertion_through_a_helper_of_the_referenced_project()
            {
                Checks.NotEmpty("x");
            }
        }
        """;

    [Fact]
    public async Task Analyzers_do_not_throw_on_helpers_of_a_referenced_project()
    {
        using var workspace = new AdhocWorkspace();
        var solution = workspace.CurrentSolution;
        var apiId = ProjectId.CreateNewId("Api");
        var testsId = ProjectId.CreateNewId("Tests");
        solution = solution
            .AddProject(Project(apiId, "Notes.Api", Api, ReferenceSet.Combine([])))
            .AddProject(Project(testsId, "Notes.Api.Tests", Tests, ReferenceSet.Combine([ReferenceSet.XunitV2, ReferenceSet.Moq])))
            .AddProjectReference(testsId, new ProjectReference(apiId));

        var project = solution.GetProject(testsId)!;
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(compilation.References, r => r is CompilationReference);

        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(RuleCatalog.Analyzers.ToImmutableArray(), options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        // The helpers' bodies are out of reach: judged by name only, neither counts as an assertion or inspection.
        Assert.Contains(diagnostics, d => d.Id == "GK2003");
    }

    private static ProjectInfo Project(ProjectId id, string name, string source, System.Collections.Generic.IReadOnlyList<MetadataReference> references) =>
        ProjectInfo.Create(
            id,
            VersionStamp.Default,
            name,
            name,
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            documents:
            [
                DocumentInfo.Create(
                    DocumentId.CreateNewId(id),
                    name + ".cs",
                    loader: TextLoader.From(TextAndVersion.Create(SourceText.From(source, Encoding.UTF8), VersionStamp.Default)),
                    filePath: $"/{name}/{name}.cs"),
            ],
            metadataReferences: references);
}
