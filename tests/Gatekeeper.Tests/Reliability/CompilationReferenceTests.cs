using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gatekeeper.Tests.Reliability;

/// <summary>
/// In the IDE, a project reference is a compilation reference: symbols of the referenced project come
/// with syntax, in trees that are not part of the analyzed compilation. Walking into them with the
/// analyzed compilation's semantic model throws (found by <see cref="HalfTypedCodeTests"/>: AD0001 in
/// GK2001/GK2004 and GK2003). They are judged like metadata, as in the command-line build.
/// </summary>
public class CompilationReferenceTests
{
    private const string Api = """
        namespace Shop;

        public interface IMailer { void Send(string to); }

        public static class Checks
        {
            public static void VerifyOrder(int id)
            {
                if (id < 0) throw new System.ArgumentException("id");
            }

            public static void Process(int id) => VerifyOrder(id);
        }

        public class Base
        {
            protected static void Inspect(string value) => System.Console.WriteLine(value);
        }
        """;

    private const string Tests = """
        using Moq;
        using Shop;
        using Xunit;

        namespace Shop.Tests;

        public class OrderTests : Base
        {
            [Fact]
            public void Processes() => Checks.Process(1);

            [Fact]
            public void Verifies() => Checks.VerifyOrder(1);

            [Fact]
            public void Sends()
            {
                var mailer = new Mock<IMailer>();
                mailer.Object.Send("a");
                mailer.Verify(m => m.Send(It.IsAny<string>()));
            }
        }
        """;

    [Fact]
    public async Task Helpers_of_a_referenced_project_are_judged_like_metadata_without_exceptions()
    {
        using var workspace = new AdhocWorkspace();
        var solution = ReliabilityHarness.CreateSolution(
            workspace,
            [
                new CorpusProject("Shop", [("/Shop/Checks.cs", Api)], ReferenceSet.Combine([]), OutputKind.DynamicallyLinkedLibrary, []),
                new CorpusProject("Shop.Tests", [("/Shop.Tests/OrderTests.cs", Tests)], ReferenceSet.Combine([ReferenceSet.XunitV2, ReferenceSet.Moq]), OutputKind.DynamicallyLinkedLibrary, ["Shop"]),
            ]);
        var project = solution.Projects.Single(p => p.Name == "Shop.Tests");
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Contains(compilation.References, r => r is CompilationReference);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var failures = new ConcurrentQueue<string>();
        var diagnostics = await ReliabilityHarness.AnalyzeAsync(project, ShippedComponents.CreateAnalyzers(), failures);
        Assert.True(failures.IsEmpty, string.Join("\n", failures));

        // As with a metadata reference: Process() is not an assertion by name, VerifyOrder() is.
        var gk2001 = diagnostics.Where(d => d.Id == "GK2001").Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)).ToList();
        Assert.Equal(["Processes"], gk2001);
    }

    private const string NotesCore = """
        using System;
        using System.Threading.Tasks;

        namespace Notes;

        public interface INoteService
        {
            Task DeleteAsync(Guid id, string userId);
        }

        // Checks the owner: followed, this would be ownership evidence.
        public class NoteServiceBase
        {
            public Task DeleteAsync(Guid id, string userId) => userId == "" ? throw new UnauthorizedAccessException() : Task.CompletedTask;
        }
        """;

    private const string NotesApi = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        namespace Notes.Api;

        public class Note
        {
            public Guid Id { get; set; }
            public string OwnerId { get; set; } = "";
        }

        // The implementation of INoteService.DeleteAsync is inherited from the referenced project.
        public class LocalNoteService : NoteServiceBase, INoteService { }

        [ApiController]
        [Route("api/notes")]
        public class NotesController : ControllerBase
        {
            private readonly INoteService _notes;

            public NotesController(INoteService notes) => _notes = notes;

            [HttpDelete("{id}")]
            public async Task<IActionResult> Delete(Guid id)
            {
                await _notes.DeleteAsync(id, "");
                return NoContent();
            }
        }
        """;

    /// <summary>
    /// GK1001 follows an interface method into its implementations declared in this compilation only. An implementation
    /// inherited from a referenced project has syntax in the IDE (a compilation reference) and none in the build
    /// (metadata): both must give the same verdict, and the IDE must not bind a tree of another compilation.
    /// </summary>
    [Fact]
    public async Task GK1001_does_not_follow_an_implementation_inherited_from_a_referenced_project()
    {
        using var workspace = new AdhocWorkspace();
        var solution = ReliabilityHarness.CreateSolution(
            workspace,
            [
                new CorpusProject("Notes.Core", [("/Notes.Core/Notes.cs", NotesCore)], ReferenceSet.Combine([]), OutputKind.DynamicallyLinkedLibrary, []),
                new CorpusProject("Notes.Api", [("/Notes.Api/NotesController.cs", NotesApi)], ReferenceSet.Combine([ReferenceSet.AspNetCore]), OutputKind.DynamicallyLinkedLibrary, ["Notes.Core"]),
            ]);
        var api = solution.Projects.Single(p => p.Name == "Notes.Api");
        var inIde = (await api.GetCompilationAsync())!;
        Assert.Contains(inIde.References, r => r is CompilationReference);
        Assert.Empty(inIde.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        // The build's view of the same code: the referenced project as metadata.
        var core = (await solution.Projects.Single(p => p.Name == "Notes.Core").GetCompilationAsync())!;
        using var image = new System.IO.MemoryStream();
        Assert.True(core.Emit(image).Success);
        var inBuild = inIde.RemoveReferences(inIde.References.OfType<CompilationReference>()).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        Assert.Empty(inBuild.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var failures = new ConcurrentQueue<string>();
        var ide = await ReliabilityHarness.AnalyzeAsync(inIde, api.AnalyzerOptions, ShippedComponents.CreateAnalyzers(), failures, "IDE");
        var build = await ReliabilityHarness.AnalyzeAsync(inBuild, api.AnalyzerOptions, ShippedComponents.CreateAnalyzers(), failures, "build");
        Assert.True(failures.IsEmpty, string.Join("\n", failures));

        static string[] Gk1001(ImmutableArray<Diagnostic> diagnostics) =>
            diagnostics.Where(d => d.Id == "GK1001").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, System.StringComparer.Ordinal).ToArray();

        Assert.Single(Gk1001(build));
        Assert.Equal(Gk1001(build), Gk1001(ide));
    }
}
