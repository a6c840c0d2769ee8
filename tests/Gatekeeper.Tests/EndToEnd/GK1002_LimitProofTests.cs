using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gatekeeper.Analyzers.Rules;
using Gatekeeper.CodeFixes.Rules;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Gatekeeper.Tests.EndToEnd;

/// <summary>
/// Proof that the limit limits: a small API (a controller without [ApiController] and a Minimal API
/// endpoint, each posting a DTO) is compiled with Roslyn, started on Kestrel (127.0.0.1, port 0) in a
/// load context of its own, and sent an over-long string. Before the fixes the API accepts it; after
/// applying the GK1002 fix ([StringLength]) and the GK1004 fixes (the ModelState check, AddValidation())
/// it answers 400, and a short string still passes.
/// </summary>
public class GK1002_LimitProofTests(ITestOutputHelper output)
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private void Log(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1}s {what}");

    private const string ApiSource = /* lang=c#-test */ """
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;

        namespace Proof;

        public class CommentForm
        {
            public string Text { get; set; } = "";
        }

        public record CommentRequest(string Text);

        [Route("api/comments")]
        public class CommentsController : Controller
        {
            [HttpPost]
            public IActionResult Create([FromBody] CommentForm comment)
            {
                return Ok(comment.Text.Length);
            }
        }

        public static class ProofApp
        {
            private static WebApplication? _app;

            public static async Task<string> StartAsync()
            {
                var builder = WebApplication.CreateBuilder();
                builder.Logging.ClearProviders();
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Services.AddControllers().AddApplicationPart(typeof(ProofApp).Assembly);
                var app = builder.Build();
                app.MapControllers();
                app.MapPost("/minimal/comments", (CommentRequest comment) => Results.Ok(comment.Text.Length));
                await app.StartAsync();
                _app = app;
                return app.Urls.First();
            }

            public static async Task StopAsync()
            {
                if (_app is not null)
                {
                    await _app.StopAsync();
                    await _app.DisposeAsync();
                }
            }
        }
        """;

    [Fact]
    public async Task An_over_long_string_is_accepted_before_the_fixes_and_rejected_with_400_after()
    {
        using var workspace = new AdhocWorkspace();
        var project = TestWorkspace.CreateProject(
            workspace,
            [TestSource.Parse("Api.cs", ApiSource)],
            editorConfigLines: string.Empty,
            ReferenceSet.AspNetCore.References,
            LanguageVersion.Latest,
            OutputKind.DynamicallyLinkedLibrary);

        // Before: GK1002 reports both DTO members, nothing is limited, everything is accepted.
        var gk1002 = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project, new StringInputHasNoLengthLimitAnalyzer());
        Assert.Equal(2, gk1002.Length);
        var before = await RunAsync(project, "before");
        Assert.Equal(HttpStatusCode.OK, before.ControllerLong);
        Assert.Equal(HttpStatusCode.OK, before.MinimalLong);

        // The GK1002 fix limits the strings; GK1004 then reports that nothing enforces the limits.
        project = await FixAllAsync(project, new StringInputHasNoLengthLimitAnalyzer(), new StringInputHasNoLengthLimitFixer(), StringInputHasNoLengthLimitFixer.AddLimitKey);
        Assert.Empty(await TestWorkspace.GetAnalyzerDiagnosticsAsync(project, new StringInputHasNoLengthLimitAnalyzer()));
        var gk1004 = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project, new LimitNeverEnforcedAnalyzer());
        Assert.Equal(2, gk1004.Length);

        var middle = await RunAsync(project, "limited");
        Assert.Equal(HttpStatusCode.OK, middle.ControllerLong); // the attribute alone is decoration
        Assert.Equal(HttpStatusCode.OK, middle.MinimalLong);

        project = await FixAllAsync(project, new LimitNeverEnforcedAnalyzer(), new LimitNeverEnforcedFixer(), LimitNeverEnforcedFixer.CheckModelStateKey);
        project = await FixAllAsync(project, new LimitNeverEnforcedAnalyzer(), new LimitNeverEnforcedFixer(), LimitNeverEnforcedFixer.AddValidationKey);
        Assert.Empty(await TestWorkspace.GetAnalyzerDiagnosticsAsync(project, new LimitNeverEnforcedAnalyzer()));

        var text = (await project.Documents.Single().GetTextAsync()).ToString();
        Assert.Contains("[StringLength(4000)]", text, StringComparison.Ordinal);
        Assert.Contains("if (!ModelState.IsValid) return ValidationProblem(ModelState);", text, StringComparison.Ordinal);
        Assert.Contains("builder.Services.AddValidation();", text, StringComparison.Ordinal);

        var after = await RunAsync(project, "after");
        Assert.Equal(HttpStatusCode.BadRequest, after.ControllerLong);
        Assert.Equal(HttpStatusCode.BadRequest, after.MinimalLong);
        Assert.Equal(HttpStatusCode.OK, after.ControllerShort);
        Assert.Equal(HttpStatusCode.OK, after.MinimalShort);
    }

    private sealed record Outcome(HttpStatusCode ControllerLong, HttpStatusCode MinimalLong, HttpStatusCode ControllerShort, HttpStatusCode MinimalShort);

    /// <summary>Applies the fix with <paramref name="key"/> to every diagnostic, one at a time, re-analyzing in between.</summary>
    private async Task<Project> FixAllAsync(Project project, DiagnosticAnalyzer analyzer, CodeFixProvider fixer, string key)
    {
        for (var round = 0; round < 20; round++)
        {
            var diagnostics = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project, analyzer);
            CodeAction? chosen = null;
            foreach (var diagnostic in diagnostics)
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree!)!;
                var actions = new List<CodeAction>();
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                await fixer.RegisterCodeFixesAsync(context);
                chosen = actions.FirstOrDefault(action => action.EquivalenceKey == key);
                if (chosen is not null)
                {
                    break;
                }
            }

            if (chosen is null)
            {
                return project;
            }

            Log($"fix {key}");
            var operations = await chosen.GetOperationsAsync(CancellationToken.None);
            var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            project = solution.GetProject(project.Id)!;
        }

        throw new InvalidOperationException("The fix does not converge.");
    }

    /// <summary>Compiles the project (with .NET 10's validation source generator, as the Web SDK runs it), starts it and posts.</summary>
    private async Task<Outcome> RunAsync(Project project, string stage)
    {
        var compilation = (CSharpCompilation)(await project.GetCompilationAsync())!;
        var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithFeatures([new("InterceptorsNamespaces", "Microsoft.Extensions.Validation.Generated;Microsoft.AspNetCore.Http.Generated")]);
        compilation = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(tree => tree.WithRootAndOptions(tree.GetRoot(), parseOptions)));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([.. ValidationGenerators()], parseOptions: parseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation.WithAssemblyName("Proof." + stage), out var generated, out _);

        Log($"{stage}: generated");
        using var stream = new MemoryStream();
        var emit = generated.Emit(stream);
        Assert.True(emit.Success, $"The {stage} API does not compile:\n" + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;

        // One load context for every stage (each stage has its own assembly name): ASP.NET Core is loaded and JIT-compiled once.
        var assembly = AspNetCoreLoadContext.Shared.LoadFromStream(stream);
        var app = assembly.GetType("Proof.ProofApp")!;
        Log($"{stage}: emitted");
        var address = await (Task<string>)app.GetMethod("StartAsync")!.Invoke(null, null)!;
        Log($"{stage}: started");
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
            var longText = new string('x', 5000);
            return new Outcome(
                await PostAsync(client, "/api/comments", longText),
                await PostAsync(client, "/minimal/comments", longText),
                await PostAsync(client, "/api/comments", "short"),
                await PostAsync(client, "/minimal/comments", "short"));
        }
        finally
        {
            Log($"{stage}: posted");
            await (Task)app.GetMethod("StopAsync")!.Invoke(null, null)!;
            Log($"{stage}: stopped");
        }
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string path, string text)
    {
        using var content = new StringContent("{\"text\":\"" + text + "\"}", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        return response.StatusCode;
    }

    /// <summary>The generator behind AddValidation() in the ASP.NET Core targeting pack (what the Web SDK runs).</summary>
    private static IEnumerable<ISourceGenerator> ValidationGenerators()
    {
        var analyzers = Path.Combine(TargetingPackFolder(), "analyzers", "dotnet", "cs", "Microsoft.Extensions.Validation.ValidationsGenerator.dll");
        var reference = new AnalyzerFileReference(analyzers, new GeneratorAssemblyLoader());
        return reference.GetGeneratorsForAllLanguages();
    }

    private static string TargetingPackFolder()
    {
        var referencePath = ReferenceSet.AspNetCore.References.Select(r => r.Display!).First(p => p.EndsWith("Microsoft.AspNetCore.dll", StringComparison.Ordinal));
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(referencePath)!, "..", ".."));
    }

    private sealed class GeneratorAssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }

    /// <summary>Runs the compiled API against the shared ASP.NET Core runtime next to the running .NET runtime.</summary>
    private sealed class AspNetCoreLoadContext() : AssemblyLoadContext("GK1002 proof", isCollectible: false)
    {
        public static readonly AspNetCoreLoadContext Shared = new();

        private static readonly Lazy<string> SharedFramework = new(FindSharedFramework);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var candidate = Path.Combine(SharedFramework.Value, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }

        private static string FindSharedFramework()
        {
            // .../shared/Microsoft.NETCore.App/10.0.x/System.Private.CoreLib.dll → .../shared/Microsoft.AspNetCore.App/<highest 10.x>
            var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var shared = Path.GetFullPath(Path.Combine(runtime, "..", ".."));
            var aspNetCore = Path.Combine(shared, "Microsoft.AspNetCore.App");
            var version = Directory.GetDirectories(aspNetCore)
                .Select(Path.GetFileName)
                .Where(name => name!.StartsWith("10.", StringComparison.Ordinal))
                .OrderBy(name => Version.TryParse(name!.Split('-')[0], out var parsed) ? parsed : new Version(0, 0))
                .Last();
            return Path.Combine(aspNetCore, version!);
        }
    }
}
