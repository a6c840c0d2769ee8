using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Gatekeeper.Benchmarks.Generation;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Gatekeeper.Benchmarks.Measurement;

/// <summary>
/// The generated solution parsed once, with everything needed to create fresh compilations of its
/// two projects: each measurement starts from a new compilation, so nothing bound by an earlier
/// measurement is reused (syntax trees are shared, as a build shares them between the compiler and
/// the analyzers).
/// </summary>
internal sealed class BenchmarkSolution
{
    public const string ApiAssemblyName = "Shop.Api";
    public const string TestAssemblyName = "Shop.Api.Tests";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    private BenchmarkSolution(
        GeneratedSolution generated,
        ImmutableArray<SyntaxTree> apiTrees,
        ImmutableArray<SyntaxTree> testTrees,
        SyntaxTree largeTestTree,
        IReadOnlyList<MetadataReference> apiReferences,
        IReadOnlyList<MetadataReference> testReferences,
        CSharpCompilationOptions apiOptions,
        CSharpCompilationOptions testOptions)
    {
        Generated = generated;
        ApiTrees = apiTrees;
        TestTrees = testTrees;
        LargeTestTree = largeTestTree;
        ApiReferences = apiReferences;
        TestReferences = testReferences;
        ApiOptions = apiOptions;
        TestOptions = testOptions;
    }

    public GeneratedSolution Generated { get; }

    public ImmutableArray<SyntaxTree> ApiTrees { get; }

    public ImmutableArray<SyntaxTree> TestTrees { get; }

    public SyntaxTree LargeTestTree { get; }

    public IReadOnlyList<MetadataReference> ApiReferences { get; }

    public IReadOnlyList<MetadataReference> TestReferences { get; }

    public CSharpCompilationOptions ApiOptions { get; }

    public CSharpCompilationOptions TestOptions { get; }

    /// <summary>
    /// Parses <paramref name="generated"/> and emits the API project's reference assembly, which the
    /// test project references as a build would. <paramref name="enabledIds"/> are diagnostic IDs to
    /// switch on even where the analyzer ships them disabled, so every rule runs.
    /// </summary>
    public static BenchmarkSolution Create(GeneratedSolution generated, bool concurrent, IEnumerable<string> enabledIds)
    {
        var apiTrees = Parse(generated.ApiFiles, "Shop.Api");
        var testTrees = Parse(generated.TestFiles, "Shop.Api.Tests");
        var largePath = PathOf("Shop.Api.Tests", generated.LargeTestFilePath);
        var largeTree = testTrees.Single(t => t.FilePath == largePath);

        // CS1701/CS1702 (reference version unification) are off in every SDK build (NoWarn 1701;1702).
        var specific = enabledIds.Distinct(StringComparer.Ordinal).Select(id => KeyValuePair.Create(id, ReportDiagnostic.Warn))
            .Append(KeyValuePair.Create("CS1701", ReportDiagnostic.Suppress))
            .Append(KeyValuePair.Create("CS1702", ReportDiagnostic.Suppress));
        var baseOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithOptimizationLevel(OptimizationLevel.Debug)
            .WithConcurrentBuild(concurrent)
            .WithDeterministic(true)
            .WithSpecificDiagnosticOptions(specific);
        var apiOptions = baseOptions.WithOutputKind(OutputKind.ConsoleApplication);
        var testOptions = baseOptions;

        var apiReferences = ReferenceSet.Combine([ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore]);
        var api = CSharpCompilation.Create(ApiAssemblyName, apiTrees, apiReferences, apiOptions);
        var apiImage = EmitReferenceAssembly(api);

        var testReferences = ReferenceSet.Combine(
        [
            ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore, ReferenceSet.XunitV2, ReferenceSet.NUnit,
            ReferenceSet.MSTest, ReferenceSet.Moq, ReferenceSet.NSubstitute, ReferenceSet.FakeItEasy, ReferenceSet.FluentAssertions,
        ]).Append(apiImage).ToList();

        return new BenchmarkSolution(generated, apiTrees, testTrees, largeTree, apiReferences, testReferences, apiOptions, testOptions);
    }

    public CSharpCompilation NewApiCompilation() =>
        CSharpCompilation.Create(ApiAssemblyName, ApiTrees, ApiReferences, ApiOptions);

    public CSharpCompilation NewTestCompilation() =>
        CSharpCompilation.Create(TestAssemblyName, TestTrees, TestReferences, TestOptions);

    /// <summary>Both projects, fresh, API first.</summary>
    public IReadOnlyList<CSharpCompilation> NewCompilations() => [NewApiCompilation(), NewTestCompilation()];

    public static string PathOf(string project, string relativePath) =>
        "/bench/" + project + "/" + relativePath;

    private static ImmutableArray<SyntaxTree> Parse(IEnumerable<GeneratedFile> files, string project) =>
        files.Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, PathOf(project, f.Path), System.Text.Encoding.UTF8))
            .ToImmutableArray();

    private static MetadataReference EmitReferenceAssembly(CSharpCompilation api)
    {
        using var stream = new MemoryStream();
        var result = api.Emit(stream, options: new EmitOptions(metadataOnly: true));
        if (!result.Success)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20);
            throw new InvalidOperationException("The generated API project does not compile:\n" + string.Join("\n", errors));
        }

        return MetadataReference.CreateFromImage(stream.ToArray(), filePath: "Shop.Api.dll");
    }
}
