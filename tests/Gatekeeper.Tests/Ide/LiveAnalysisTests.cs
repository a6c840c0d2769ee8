using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gatekeeper.Tests.Documentation;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Gatekeeper.Tests.Ide;

/// <summary>
/// The IDE does not analyze a whole compilation: it asks, per open document, for the syntax
/// diagnostics of its tree and the semantic diagnostics of a span (the visible lines, the line under
/// the caret). These tests run every shipped analyzer (found by reflection, so later rules are covered)
/// over the sample's API and test projects both ways and require the same diagnostics per document;
/// they require that no analyzer registers compilation-end actions (whose diagnostics the live analysis
/// never shows), and that each fixable diagnostic the IDE shows gets a code fix offered.
/// </summary>
public class LiveAnalysisTests
{
    /// <summary>An invalid option, so that GK0001's per-tree reporting is compared too.</summary>
    private const string EditorConfig = "root = true\n\n[*.cs]\ngatekeeper.GK1002.default_max_length = abc\n";

    private static readonly Lazy<Task<SampleSolution>> Sample = new(SampleSolution.LoadAsync);

    /// <summary>
    /// Known differences between full and live analysis, "ID File.cs(line,col)" (1-based) → why. Each is a bug
    /// to fix in its rule; the test fails when an entry no longer differs, so the list cannot go stale.
    /// </summary>
    private static readonly Dictionary<string, string> KnownDivergences = new(StringComparer.Ordinal)
    {
    };

    public static TheoryData<string> Projects => new() { "Notes.Api", "Notes.Api.Tests" };

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task Per_document_analysis_reports_what_full_analysis_reports(string projectName)
    {
        var sample = await Sample.Value;
        var project = sample.Project(projectName);
        var full = await sample.FullAnalysisAsync(project);
        Assert.NotEmpty(full);

        var problems = new List<string>();
        var divergences = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in project.Documents)
        {
            var tree = (await document.GetSyntaxTreeAsync())!;
            var expected = Describe(full.Where(d => d.Location.SourceTree == tree));
            foreach (var (mode, actual) in new[] { ("whole document", await sample.DocumentAnalysisAsync(document, spans: false)), ("span by span", await sample.DocumentAnalysisAsync(document, spans: true)) })
            {
                var live = Describe(actual);
                var differences = expected.Except(live).Concat(live.Except(expected)).ToList();
                divergences.UnionWith(differences.Select(Key));
                var unexplained = differences.Where(d => !KnownDivergences.ContainsKey(Key(d))).ToList();
                if (unexplained.Count > 0)
                {
                    problems.Add($"{document.Name}, {mode}:\n  full analysis:\n{TestWorkspace.Lines(expected, "    ")}\n  live analysis:\n{TestWorkspace.Lines(live, "    ")}");
                }
            }
        }

        var fixedDivergences = KnownDivergences.Keys.Where(key => key.Split(' ')[1].StartsWith(ProjectFileOf(key, sample, projectName), StringComparison.Ordinal) && !divergences.Contains(key)).ToList();
        problems.AddRange(fixedDivergences.Select(key => $"'{key}' is listed in KnownDivergences but no longer differs: remove it."));

        // Diagnostics outside every document (Location.None) never reach the live analysis.
        var nowhere = Describe(full.Where(d => !d.Location.IsInSource));
        Assert.True(nowhere.Count == 0, "Diagnostics without a source location (never shown by the IDE's live analysis):\n" + TestWorkspace.Lines(nowhere));
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.Empty(sample.Exceptions);
    }

    [Fact]
    public async Task The_sample_makes_every_rule_with_a_sample_marker_fire()
    {
        // Guards the parity test against comparing two empty lists: every rule the sample promises
        // (its // GKxxxx: markers) and GK0001 (the .editorconfig above) must show up.
        var sample = await Sample.Value;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in sample.Solution.Projects)
        {
            reported.UnionWith((await sample.FullAnalysisAsync(project)).Select(d => d.Id));
        }

        var promised = sample.PromisedRuleIds.Append("GK0001").ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(sample.PromisedRuleIds);
        Assert.Empty(promised.Except(reported).OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task No_analyzer_registers_compilation_end_actions()
    {
        var sample = await Sample.Value;
        foreach (var project in sample.Solution.Projects)
        {
            var analyzers = RuleCatalog.Analyzers.ToImmutableArray();
            var withAnalyzers = await sample.WithAnalyzersAsync(project, logTelemetry: true);
            await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            foreach (var analyzer in analyzers)
            {
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
                Assert.True(
                    telemetry.CompilationEndActionsCount == 0,
                    $"{analyzer.GetType().Name} registers {telemetry.CompilationEndActionsCount} compilation-end action(s) in {project.Name}: their diagnostics never show in the IDE's live analysis.");
                Assert.True(
                    telemetry.CompilationStartActionsCount + telemetry.SyntaxTreeActionsCount + telemetry.SymbolActionsCount > 0,
                    $"{analyzer.GetType().Name} registered nothing at all in {project.Name}: the telemetry check would be vacuous.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task Every_fixable_diagnostic_the_ide_shows_gets_a_fix_offered(string projectName)
    {
        var sample = await Sample.Value;
        var project = sample.Project(projectName);
        var fixers = RuleCatalog.Fixers;
        var missing = new List<string>();
        var offered = 0;
        foreach (var document in project.Documents)
        {
            foreach (var diagnostic in await sample.DocumentAnalysisAsync(document, spans: true))
            {
                foreach (var fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var actions = new List<CodeAction>();
                    var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                    await fixer.RegisterCodeFixesAsync(context);
                    if (actions.Count == 0)
                    {
                        missing.Add($"{fixer.GetType().Name} offers nothing for {TestWorkspace.Describe(diagnostic)}");
                    }

                    offered += actions.Count;
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
        if (fixers.Any(f => f.FixableDiagnosticIds.Any(id => sample.PromisedRuleIds.Contains(id) && sample.PromisedIn(projectName, id))))
        {
            Assert.True(offered > 0, $"No fix was offered in {projectName}, although the sample promises fixable diagnostics there.");
        }
    }

    /// <summary>"GK1003 TagEndpoints.cs(41,27)" of a described diagnostic.</summary>
    private static string Key(string described)
    {
        var match = System.Text.RegularExpressions.Regex.Match(described, @"^(GK\d{4}) ([^(]+)\((\d+),(\d+)\)");
        return match.Success
            ? $"{match.Groups[1].Value} {match.Groups[2].Value}({int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) + 1},{int.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture) + 1})"
            : described;
    }

    /// <summary>The file name of a KnownDivergences key when the file belongs to the project, else a name no file starts with.</summary>
    private static string ProjectFileOf(string key, SampleSolution sample, string projectName)
    {
        var file = key.Split(' ')[1].Split('(')[0];
        return sample.Project(projectName).Documents.Any(d => d.Name == file) ? file : "\0";
    }

    private static List<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Select(d => $"{d.Id} {Path.GetFileName(d.Location.SourceTree?.FilePath)}{d.Location.GetLineSpan().Span} [{d.Severity}] {d.GetMessage(CultureInfo.InvariantCulture)}")
            .Distinct(StringComparer.Ordinal)
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

    /// <summary>samples/Notes.Api and samples/Notes.Api.Tests as an IDE would load them.</summary>
    private sealed class SampleSolution
    {
        private static readonly string[] WebUsings =
        [
            "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json",
            "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
            "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
            "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
        ];

        private static readonly string[] TestUsings =
        [
            "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading",
            "System.Threading.Tasks", "Xunit",
        ];

        private readonly Dictionary<string, HashSet<string>> _promised;
        private readonly ConcurrentDictionary<(DocumentId, bool), Task<List<Diagnostic>>> _documentResults = new();
        private readonly ConcurrentDictionary<ProjectId, Task<ImmutableArray<Diagnostic>>> _fullResults = new();

        private SampleSolution(Solution solution, Dictionary<string, HashSet<string>> promised)
        {
            Solution = solution;
            _promised = promised;
        }

        public Solution Solution { get; }

        /// <summary>Every analyzer exception of any analysis run so far (AD0001 in a real host).</summary>
        public ConcurrentQueue<string> Exceptions { get; } = new();

        public IEnumerable<string> PromisedRuleIds => _promised.Values.SelectMany(ids => ids).Distinct(StringComparer.Ordinal);

        public bool PromisedIn(string projectName, string id) => _promised.TryGetValue(projectName, out var ids) && ids.Contains(id);

        public Project Project(string name) => Solution.Projects.Single(p => p.Name == name);

        public static Task<SampleSolution> LoadAsync()
        {
            var workspace = new AdhocWorkspace();
            var solution = workspace.CurrentSolution;
            var promised = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var api = AddProject(ref solution, "Notes.Api", WebUsings, ReferenceSet.Combine([ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore]), promised);
            var tests = AddProject(
                ref solution,
                "Notes.Api.Tests",
                TestUsings,
                ReferenceSet.Combine([ReferenceSet.MvcTesting, ReferenceSet.EntityFrameworkCore, ReferenceSet.XunitV2, ReferenceSet.Moq, ReferenceSet.FluentAssertions, ReferenceSet.AwsS3]),
                promised);
            solution = solution.AddProjectReference(tests, new ProjectReference(api));
            return Task.FromResult(new SampleSolution(solution, promised));
        }

        public async Task<CompilationWithAnalyzers> WithAnalyzersAsync(Project project, bool logTelemetry = false)
        {
            var compilation = (await project.GetCompilationAsync())!;
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                onAnalyzerException: (exception, analyzer, _) => Exceptions.Enqueue($"{analyzer.GetType().Name} threw on {project.Name}: {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: logTelemetry);
            return compilation.WithAnalyzers(RuleCatalog.Analyzers.ToImmutableArray(), options);
        }

        /// <summary>What `dotnet build` reports: the whole compilation at once.</summary>
        public Task<ImmutableArray<Diagnostic>> FullAnalysisAsync(Project project) =>
            _fullResults.GetOrAdd(project.Id, async _ => await (await WithAnalyzersAsync(project)).GetAnalyzerDiagnosticsAsync());

        /// <summary>
        /// What the IDE reports for one open document, with a fresh analyzer driver (no state from the full
        /// analysis or other documents): the tree's syntax diagnostics, and its semantic diagnostics for the
        /// whole document or member span by member span (the spans together cover the document).
        /// </summary>
        public Task<List<Diagnostic>> DocumentAnalysisAsync(Document document, bool spans) =>
            _documentResults.GetOrAdd((document.Id, spans), _ => AnalyzeDocumentAsync(document, spans));

        private async Task<List<Diagnostic>> AnalyzeDocumentAsync(Document document, bool spans)
        {
            var tree = (await document.GetSyntaxTreeAsync())!;
            var model = (await document.GetSemanticModelAsync())!;
            var driver = await WithAnalyzersAsync(document.Project);
            var result = new List<Diagnostic>();
            result.AddRange(await driver.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None));
            if (!spans)
            {
                result.AddRange(await driver.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None));
                return result;
            }

            foreach (var span in LiveAnalysisSpans.Of(await tree.GetRootAsync()))
            {
                result.AddRange(await driver.GetAnalyzerSemanticDiagnosticsAsync(model, span, CancellationToken.None));
            }

            return result;
        }

        private static ProjectId AddProject(ref Solution solution, string name, string[] globalUsings, IReadOnlyList<MetadataReference> references, Dictionary<string, HashSet<string>> promised)
        {
            var folder = RepositoryFiles.PathOf($"samples/{name}");
            var id = ProjectId.CreateNewId(name);
            var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderBy(path => path, StringComparer.Ordinal)
                .ToList();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var documents = new List<DocumentInfo>();
            foreach (var path in files)
            {
                var text = File.ReadAllText(path);
                foreach (var line in text.Split('\n'))
                {
                    var match = System.Text.RegularExpressions.Regex.Match(line, @"^\s*[^/\s].*?//\s*(GK\d{4}):");
                    if (match.Success)
                    {
                        ids.Add(match.Groups[1].Value);
                    }
                }

                documents.Add(DocumentInfo.Create(DocumentId.CreateNewId(id), Path.GetFileName(path), loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text, Encoding.UTF8), VersionStamp.Default)), filePath: path));
            }

            var usings = string.Concat(globalUsings.Select(u => $"global using global::{u};\n"));
            var globalUsingsPath = Path.Combine(folder, "obj", $"{name}.GlobalUsings.g.cs");
            documents.Add(DocumentInfo.Create(DocumentId.CreateNewId(id), Path.GetFileName(globalUsingsPath), loader: TextLoader.From(TextAndVersion.Create(SourceText.From(usings, Encoding.UTF8), VersionStamp.Default)), filePath: globalUsingsPath));
            promised[name] = ids;

            var editorConfig = DocumentInfo.Create(
                DocumentId.CreateNewId(id),
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
                    parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                    documents: documents,
                    metadataReferences: references)
                .WithAnalyzerConfigDocuments([editorConfig]);
            solution = solution.AddProject(info);
            return id;
        }
    }
}
