using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gatekeeper.Analyzers.Rules;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Gatekeeper.Tests.Ide;

/// <summary>
/// A Minimal API endpoint whose handler is a method group declared in ANOTHER document than its
/// <c>Map*</c> call is reported at the handler's name. The IDE analyzes one document (or one member
/// span) at a time and drops diagnostics reported outside it, so the rule must report from the
/// handler's declaration: the diagnostic must show when only the handler's document is analyzed,
/// exactly once, and exactly as in the full compilation analysis. Lambda handlers stay at the Map* name.
/// </summary>
public class HandlerInAnotherDocumentTests
{
    /// <summary>Analyzer exceptions of this test class's runs (AD0001 in a real host); xUnit makes one instance per test.</summary>
    private readonly ConcurrentQueue<string> _exceptions = new();

    private ConcurrentQueue<string> Exceptions => _exceptions;

    private const string Program = """
        using Microsoft.AspNetCore.Builder;
        using Notes.Api;

        var app = WebApplication.Create(args);
        MAPS
        app.Run();
        """;

    private const string OwnershipModel = """
        using Microsoft.EntityFrameworkCore;

        namespace Notes.Api;

        public class Note
        {
            public int Id { get; set; }
            public string OwnerId { get; set; } = "";
            public string Title { get; set; } = "";
        }

        public record NoteRequest(string Title);

        public class AppDb : DbContext
        {
            public DbSet<Note> Notes => Set<Note>();
        }
        """;

    [Fact]
    public Task GK1001_method_group_handler_in_another_document_is_reported_per_document() =>
        AssertReportedAtHandlerAsync(
            new OwnershipCheckMissingAnalyzer(),
            """
            app.MapPut("/notes/{id}", NoteHandlers.RenameNote).RequireAuthorization();
            app.MapDelete("/notes/{id}", async (int id, AppDb db) =>
            {
                var note = await db.Notes.FindAsync(id);
                if (note is null) return Microsoft.AspNetCore.Http.Results.NotFound();
                db.Notes.Remove(note);
                await db.SaveChangesAsync();
                return Microsoft.AspNetCore.Http.Results.NoContent();
            }).RequireAuthorization();
            """,
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            namespace Notes.Api;

            public static class NoteHandlers
            {
                public static async Task<IResult> RenameNote(int id, NoteRequest request, AppDb db)
                {
                    var note = await db.Notes.FindAsync(id);
                    if (note is null) return Results.NotFound();
                    note.Title = request.Title;
                    await db.SaveChangesAsync();
                    return Results.NoContent();
                }
            }
            """,
            OwnershipModel,
            ReferenceSet.Combine([ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore]),
            handlerName: "RenameNote",
            lambdaMapName: "MapDelete");

    [Fact]
    public Task GK1003_method_group_handler_in_another_document_is_reported_per_document() =>
        AssertReportedAtHandlerAsync(
            new MutatingEndpointAllowsAnonymousAnalyzer(),
            """
            app.MapPost("/tags", TagHandlers.CreateTag);
            app.MapDelete("/tags/{id}", (int id) => Microsoft.AspNetCore.Http.Results.NoContent());
            """,
            """
            using Microsoft.AspNetCore.Http;

            namespace Notes.Api;

            public static class TagHandlers
            {
                public static IResult CreateTag(string label) => Results.Ok(label);
            }

            // Compliant: named like the handler, but no Map* call maps it.
            public static class OtherHandlers
            {
                public static IResult CreateTag(string label) => Results.Ok(label);
            }
            """,
            "namespace Notes.Api;\n\npublic sealed class Unused { }\n",
            ReferenceSet.Combine([ReferenceSet.AspNetCore]),
            handlerName: "CreateTag",
            lambdaMapName: "MapDelete");

    [Fact]
    public Task GK1004_method_group_handler_in_another_document_is_reported_per_document() =>
        AssertReportedAtHandlerAsync(
            new LimitNeverEnforcedAnalyzer(),
            """
            app.MapPut("/notes/{id:int}", NoteHandlers.Update);
            app.MapPost("/notes", (CreateNote created) => Microsoft.AspNetCore.Http.Results.Ok());
            """,
            """
            using Microsoft.AspNetCore.Http;

            namespace Notes.Api;

            public static class NoteHandlers
            {
                public static IResult Update(int id, CreateNote note) => Results.Ok();
            }
            """,
            """
            using System.ComponentModel.DataAnnotations;

            namespace Notes.Api;

            public record CreateNote([StringLength(200)] string Title, string? Body);
            """,
            ReferenceSet.Combine([ReferenceSet.AspNetCore]),
            handlerName: "note",
            lambdaMapName: "created");

    [Fact]
    public async Task GK1003_local_function_handler_declared_in_another_top_level_statement_is_reported_per_span()
    {
        const string program = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            app.MapPost("/tags", CreateTag);
            app.MapPut("/tags/{id}", CreateTag);
            app.Run();

            static IResult CreateTag(string label) => Results.Ok(label);
            """;
        var (project, full) = await AnalyzeAsync(new MutatingEndpointAllowsAnonymousAnalyzer(), [("Program.cs", program)], ReferenceSet.Combine([ReferenceSet.AspNetCore]));

        // One diagnostic per endpoint (two Map* calls name the handler), both at the local function's name.
        Assert.Equal(2, full.Length);
        Assert.All(full, d => Assert.Equal("CreateTag", NameAt(d)));
        Assert.All(full, d => Assert.IsType<LocalFunctionStatementSyntax>(d.Location.SourceTree!.GetRoot().FindToken(d.Location.SourceSpan.Start).Parent));
        var document = project.Documents.Single(d => d.Name == "Program.cs");
        Assert.Equal(Describe(full), Describe(await DocumentAnalysisAsync(document, new MutatingEndpointAllowsAnonymousAnalyzer(), spans: true)));
        Assert.Equal(Describe(full), Describe(await DocumentAnalysisAsync(document, new MutatingEndpointAllowsAnonymousAnalyzer(), spans: false)));
    }

    [Fact]
    public async Task Half_typed_map_calls_and_handlers_do_not_throw()
    {
        const string program = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create(args);
            app.MapPost("/a", Missing);
            app.MapPut("/b", (Delegate)Handler
            app.MapDelete(, Handler);
            app.MapPatch("/c", Handler.);
            app.Run();

            static IResult Handler(string label => Results.Ok(label);
            static IResult Missing(
            """;
        foreach (var analyzer in new DiagnosticAnalyzer[] { new OwnershipCheckMissingAnalyzer(), new MutatingEndpointAllowsAnonymousAnalyzer(), new LimitNeverEnforcedAnalyzer() })
        {
            var (project, _) = await AnalyzeAsync(analyzer, [("Program.cs", program)], ReferenceSet.Combine([ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore]));
            await DocumentAnalysisAsync(project.Documents.Single(d => d.Name == "Program.cs"), analyzer, spans: true);
        }
    }

    private async Task AssertReportedAtHandlerAsync(
        DiagnosticAnalyzer analyzer,
        string maps,
        string handlers,
        string model,
        IReadOnlyList<MetadataReference> references,
        string handlerName,
        string lambdaMapName)
    {
        var (project, full) = await AnalyzeAsync(
            analyzer,
            [("Program.cs", Program.Replace("MAPS", maps, StringComparison.Ordinal)), ("Handlers.cs", handlers), ("Model.cs", model)],
            references);

        // Full analysis: one diagnostic at the handler's document, one for the lambda at the Map* call.
        var atHandler = full.Where(d => d.Location.SourceTree!.FilePath.EndsWith("Handlers.cs", StringComparison.Ordinal)).ToList();
        var atProgram = full.Where(d => d.Location.SourceTree!.FilePath.EndsWith("Program.cs", StringComparison.Ordinal)).ToList();
        Assert.Single(atHandler);
        Assert.Equal(handlerName, NameAt(atHandler[0]));
        Assert.Single(atProgram);
        Assert.Equal(lambdaMapName, NameAt(atProgram[0]));
        Assert.Equal(2, full.Length);

        // Live analysis of each document alone (whole document, then member span by member span) shows the same.
        foreach (var document in project.Documents)
        {
            var tree = (await document.GetSyntaxTreeAsync())!;
            var expected = Describe(full.Where(d => d.Location.SourceTree == tree));
            Assert.Equal(expected, Describe(await DocumentAnalysisAsync(document, analyzer, spans: false)));
            Assert.Equal(expected, Describe(await DocumentAnalysisAsync(document, analyzer, spans: true)));
        }
    }

    private static string NameAt(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);

    private static List<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath}{d.Location.GetLineSpan().Span} {d.GetMessage(CultureInfo.InvariantCulture)}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

    private async Task<(Project Project, ImmutableArray<Diagnostic> Full)> AnalyzeAsync(
        DiagnosticAnalyzer analyzer,
        IReadOnlyList<(string Name, string Text)> files,
        IReadOnlyList<MetadataReference> references)
    {
        var workspace = new AdhocWorkspace();
        var id = ProjectId.CreateNewId("Notes.Api");
        var documents = files.Select(file => DocumentInfo.Create(
            DocumentId.CreateNewId(id),
            file.Name,
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(file.Text, Encoding.UTF8), VersionStamp.Default)),
            filePath: "/Notes.Api/" + file.Name));
        var info = ProjectInfo.Create(
            id,
            VersionStamp.Default,
            "Notes.Api",
            "Notes.Api",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            documents: documents,
            metadataReferences: references);
        var project = workspace.AddProject(info);
        var full = await (await WithAnalyzerAsync(project, analyzer)).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(Exceptions);
        Assert.DoesNotContain(full, d => d.Id == "AD0001");
        return (project, full);
    }

    /// <summary>A fresh driver per call, as the IDE has for each document: nothing carried over from the full analysis.</summary>
    private async Task<CompilationWithAnalyzers> WithAnalyzerAsync(Project project, DiagnosticAnalyzer analyzer)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, failing, _) => Exceptions.Enqueue($"{failing.GetType().Name} threw on {project.Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        return compilation.WithAnalyzers([analyzer], options);
    }

    private async Task<List<Diagnostic>> DocumentAnalysisAsync(Document document, DiagnosticAnalyzer analyzer, bool spans)
    {
        var tree = (await document.GetSyntaxTreeAsync())!;
        var model = (await document.GetSemanticModelAsync())!;
        var driver = await WithAnalyzerAsync(document.Project, analyzer);
        var result = new List<Diagnostic>();
        result.AddRange(await driver.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None));
        if (!spans)
        {
            result.AddRange(await driver.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None));
        }
        else
        {
            // The driver answers a span request partly from what it computed for the tree so far: the same
            // diagnostic comes back for several spans (LiveAnalysisTests compares distinct descriptions too).
            // The whole-document run above checks the count exactly.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var span in LiveAnalysisSpans.Of(await tree.GetRootAsync()))
            {
                result.AddRange((await driver.GetAnalyzerSemanticDiagnosticsAsync(model, span, CancellationToken.None)).Where(d => seen.Add(Describe([d])[0])));
            }
        }

        Assert.Empty(Exceptions);
        Assert.DoesNotContain(result, d => d.Id == "AD0001");
        return result;
    }
}
