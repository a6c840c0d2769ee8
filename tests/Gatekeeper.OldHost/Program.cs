using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.OldHost;

/// <summary>
/// Runs the shipped Gatekeeper assemblies inside Roslyn 4.5. Usage: Gatekeeper.OldHost &lt;folder with
/// Gatekeeper.Analyzers.dll and Gatekeeper.CodeFixes.dll&gt;. Exit code 0 when every analyzer ran without
/// an exception and reported each of its rules on Sources/, and every code fix registered at least one
/// action and computed its edit without an exception; 1 otherwise; 2 on bad usage.
/// </summary>
internal static class Program
{
    /// <summary>An invalid option, so that GK0001 runs (and reports) too.</summary>
    private const string EditorConfig = "root = true\n\n[*.cs]\ngatekeeper.GK1002.default_max_length = abc\n";

    private static readonly List<string> Failures = new();

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 1 || !File.Exists(Path.Combine(args[0], "Gatekeeper.Analyzers.dll")) || !File.Exists(Path.Combine(args[0], "Gatekeeper.CodeFixes.dll")))
        {
            Console.Error.WriteLine("usage: Gatekeeper.OldHost <folder holding Gatekeeper.Analyzers.dll and Gatekeeper.CodeFixes.dll>");
            return 2;
        }

        var roslyn = typeof(Compilation).Assembly.GetName().Version!;
        Console.WriteLine($"host Roslyn: Microsoft.CodeAnalysis {roslyn}");
        if (roslyn != new Version(4, 5, 0, 0))
        {
            Console.WriteLine("FAIL: the host must run Microsoft.CodeAnalysis 4.5.0.0; a newer one hides the APIs this check is about.");
            return 1;
        }

        var folder = Path.GetFullPath(args[0]);
        var analyzerAssembly = Assembly.LoadFrom(Path.Combine(folder, "Gatekeeper.Analyzers.dll"));
        var fixerAssembly = Assembly.LoadFrom(Path.Combine(folder, "Gatekeeper.CodeFixes.dll"));
        var analyzers = Instantiate<DiagnosticAnalyzer>(analyzerAssembly, t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null);
        var fixers = Instantiate<CodeFixProvider>(fixerAssembly, t => t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null);
        Console.WriteLine($"loaded {analyzers.Count} analyzers from {analyzerAssembly.Location}");
        Console.WriteLine($"loaded {fixers.Count} code fix providers from {fixerAssembly.Location}");
        if (analyzers.Count == 0 || fixers.Count == 0)
        {
            Console.WriteLine("FAIL: no analyzers or no code fix providers found");
            return 1;
        }

        var solution = CreateSolution(out var apiId, out var testsId);
        var diagnostics = new List<(Project Project, Diagnostic Diagnostic)>();
        foreach (var projectId in new[] { apiId, testsId })
        {
            var project = solution.GetProject(projectId)!;
            diagnostics.AddRange((await AnalyzeAsync(project, analyzers)).Select(d => (project, d)));
        }

        foreach (var (project, diagnostic) in diagnostics)
        {
            Console.WriteLine($"  {project.Name}: {diagnostic}");
        }

        var reported = diagnostics.Select(d => d.Diagnostic.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var analyzer in analyzers)
        {
            foreach (var descriptor in analyzer.SupportedDiagnostics.Where(d => !reported.Contains(d.Id)))
            {
                Fail($"{descriptor.Id} ({analyzer.GetType().Name}) was not reported: extend tests/Gatekeeper.OldHost/Sources so that every rule runs to its report");
            }
        }

        foreach (var fixer in fixers)
        {
            await RunFixerAsync(fixer, diagnostics);
        }

        Console.WriteLine();
        if (Failures.Count == 0)
        {
            Console.WriteLine($"PASS: {analyzers.Count} analyzers ({reported.Count} rules reported) and {fixers.Count} code fix providers ran on Roslyn {roslyn} without a missing API");
            return 0;
        }

        foreach (var failure in Failures)
        {
            Console.WriteLine("FAIL: " + failure);
        }

        return 1;
    }

    private static void Fail(string message)
    {
        lock (Failures)
        {
            Failures.Add(message);
        }
    }

    private static List<T> Instantiate<T>(Assembly assembly, Func<Type, bool> exported)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            foreach (var loaderException in exception.LoaderExceptions)
            {
                Fail($"{assembly.GetName().Name}: {loaderException}");
            }

            types = exception.Types.Where(t => t is not null).ToArray()!;
        }

        return types
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(T).IsAssignableFrom(t) && exported(t))
            .Select(t => (T)Activator.CreateInstance(t)!)
            .OrderBy(t => t!.GetType().Name, StringComparer.Ordinal)
            .ToList();
    }

    private static Solution CreateSolution(out ProjectId apiId, out ProjectId testsId)
    {
        // Every assembly of this app (ASP.NET Core, xUnit, Moq, the BCL) is a reference of both projects.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();

        var workspace = new AdhocWorkspace();
        var solution = workspace.CurrentSolution;
        apiId = ProjectId.CreateNewId("OldHost.Api");
        testsId = ProjectId.CreateNewId("OldHost.Tests");
        solution = AddProject(solution, apiId, "OldHost.Api", "Api.cs", references);
        solution = AddProject(solution, testsId, "OldHost.Tests", "Tests.cs", references);
        return solution.AddProjectReference(testsId, new ProjectReference(apiId));
    }

    private static Solution AddProject(Solution solution, ProjectId id, string name, string file, IReadOnlyList<MetadataReference> references)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Sources");
        var path = Path.Combine(folder, file);
        var source = DocumentInfo.Create(
            DocumentId.CreateNewId(id, file),
            file,
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(File.ReadAllText(path), Encoding.UTF8), VersionStamp.Default)),
            filePath: path);
        var editorConfig = DocumentInfo.Create(
            DocumentId.CreateNewId(id, ".editorconfig"),
            ".editorconfig",
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(EditorConfig), VersionStamp.Default)),
            filePath: Path.Combine(folder, ".editorconfig"));
        var info = ProjectInfo.Create(
                id,
                VersionStamp.Default,
                name,
                name,
                LanguageNames.CSharp,
                filePath: Path.Combine(folder, name + ".csproj"),
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.CSharp11),
                documents: new[] { source },
                metadataReferences: references)
            .WithAnalyzerConfigDocuments(new[] { editorConfig });
        return solution.AddProject(info);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project, IReadOnlyList<DiagnosticAnalyzer> analyzers)
    {
        var compilation = (await project.GetCompilationAsync())!;
        foreach (var error in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            Fail($"{project.Name} does not compile, so the analyzers would not see what they should: {error}");
        }

        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, analyzer, _) => Fail($"{analyzer.GetType().Name} threw on {project.Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var result = await compilation.WithAnalyzers(analyzers.ToImmutableArray(), options).GetAnalyzerDiagnosticsAsync();
        foreach (var failure in result.Where(d => d.Id is "AD0001" or "AD0002"))
        {
            Fail($"{project.Name}: {failure}");
        }

        return result.Where(d => d.Id.StartsWith("GK", StringComparison.Ordinal)).ToImmutableArray();
    }

    private static async Task RunFixerAsync(CodeFixProvider fixer, List<(Project Project, Diagnostic Diagnostic)> diagnostics)
    {
        var name = fixer.GetType().Name;
        var fixable = diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Diagnostic.Id)).ToList();
        if (fixable.Count == 0)
        {
            Fail($"{name} fixes {string.Join(", ", fixer.FixableDiagnosticIds)}, none of which was reported: extend tests/Gatekeeper.OldHost/Sources");
            return;
        }

        var offered = 0;
        foreach (var (project, diagnostic) in fixable)
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree!)!;
            var actions = new List<CodeAction>();
            try
            {
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                await fixer.RegisterCodeFixesAsync(context);
                foreach (var action in actions)
                {
                    // Computing the operations runs the fix itself, not just its registration.
                    var operations = await action.GetOperationsAsync(CancellationToken.None);
                    var changed = operations.OfType<ApplyChangesOperation>().Any(o => o.ChangedSolution != project.Solution);
                    Console.WriteLine($"  {name}: '{action.Title}' for {diagnostic.Id} at {diagnostic.Location.GetLineSpan().StartLinePosition}{(changed ? "" : " (no change!)")}");
                    if (!changed)
                    {
                        Fail($"{name}'s action '{action.Title}' changes nothing for {diagnostic}");
                    }
                }
            }
            catch (Exception exception)
            {
                Fail($"{name} threw for {diagnostic}: {exception}");
            }

            offered += actions.Count;
        }

        if (offered == 0)
        {
            Fail($"{name} offered no fix for any of {fixable.Count} diagnostic(s) it fixes");
        }
    }
}
