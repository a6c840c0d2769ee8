using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Gatekeeper.Benchmarks.Generation;
using Gatekeeper.Tests.Documentation;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gatekeeper.Tests.Reliability;

/// <summary>One project of a corpus solution: its files (path, text), references and the projects it references (by name).</summary>
internal sealed record CorpusProject(
    string Name,
    IReadOnlyList<(string Path, string Text)> Files,
    IReadOnlyList<MetadataReference> References,
    OutputKind OutputKind,
    IReadOnlyList<string> ProjectReferences);

/// <summary>
/// Real code the reliability tests run the analyzers and fixes on: the sample solution (samples/), a
/// solution the benchmark's generator writes, and the C# snippets of the unit tests.
/// </summary>
internal static class ReliabilityCorpus
{
    /// <summary>What Microsoft.NET.Sdk writes for ImplicitUsings=enable.</summary>
    private static readonly string[] SdkUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    /// <summary>Microsoft.NET.Sdk.Web adds these.</summary>
    private static readonly string[] WebSdkUsings =
    [
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    /// <summary>Every framework and library the rules know, for code whose project is unknown (xUnit v2 only: v3 declares the same types).</summary>
    public static IReadOnlyList<MetadataReference> EverythingReferences => Everything.Value;

    private static readonly Lazy<IReadOnlyList<MetadataReference>> Everything = new(() => ReferenceSet.Combine(
    [
        ReferenceSet.MvcTesting, ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore, ReferenceSet.XunitV2, ReferenceSet.NUnit,
        ReferenceSet.MSTest, ReferenceSet.Moq, ReferenceSet.NSubstitute, ReferenceSet.FakeItEasy, ReferenceSet.FluentAssertions,
        ReferenceSet.Shouldly, ReferenceSet.AwsS3, ReferenceSet.RabbitMQ, ReferenceSet.MockHttp, ReferenceSet.JetBrainsAnnotations,
    ]));

    /// <summary>samples/Samples.sln as the SDK builds it: Notes.Api (Web SDK) and Notes.Api.Tests (xUnit, Moq, S3, FluentAssertions, Mvc.Testing).</summary>
    public static IReadOnlyList<CorpusProject> Samples()
    {
        var api = SourcesUnder("samples/Notes.Api");
        api.Add(("/samples/Notes.Api/obj/GlobalUsings.g.cs", GlobalUsings(SdkUsings.Concat(WebSdkUsings))));
        api.Add(("/samples/Notes.Api/obj/AssemblyInfo.g.cs", "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Notes.Api.Tests\")]\n"));

        // Microsoft.EntityFrameworkCore.InMemory is not among the test's reference packages: its one
        // extension method, so that the sample compiles without errors.
        api.Add(("/samples/Notes.Api/obj/InMemoryStub.g.cs", """
            namespace Microsoft.EntityFrameworkCore
            {
                public static class InMemoryDbContextOptionsExtensionsStub
                {
                    public static DbContextOptionsBuilder UseInMemoryDatabase(this DbContextOptionsBuilder builder, string databaseName) => builder;

                    public static DbContextOptionsBuilder<TContext> UseInMemoryDatabase<TContext>(this DbContextOptionsBuilder<TContext> builder, string databaseName)
                        where TContext : DbContext => builder;
                }
            }
            """));

        var tests = SourcesUnder("samples/Notes.Api.Tests");
        tests.Add(("/samples/Notes.Api.Tests/obj/GlobalUsings.g.cs", GlobalUsings(SdkUsings.Append("Xunit"))));

        return
        [
            new("Notes.Api", api, ReferenceSet.Combine([ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore]), OutputKind.ConsoleApplication, []),
            new("Notes.Api.Tests", tests,
                ReferenceSet.Combine([ReferenceSet.MvcTesting, ReferenceSet.EntityFrameworkCore, ReferenceSet.XunitV2, ReferenceSet.Moq, ReferenceSet.AwsS3, ReferenceSet.FluentAssertions]),
                OutputKind.DynamicallyLinkedLibrary, ["Notes.Api"]),
        ];
    }

    /// <summary>
    /// The benchmark's generated API solution (deterministic for a size and seed); without its ~2,000-line
    /// workflow test file (an IDE-latency artifact of the benchmark) unless <paramref name="withLargeFile"/>.
    /// </summary>
    public static IReadOnlyList<CorpusProject> Generated(double size, int seed = 1, bool withLargeFile = false)
    {
        var full = SolutionGenerator.Generate(size, seed);
        var generated = withLargeFile ? full : full with { TestFiles = full.TestFiles.Where(f => f.Path != full.LargeTestFilePath).ToList() };
        return
        [
            new("Shop.Api", generated.ApiFiles.Select(f => ("/bench/Shop.Api/" + f.Path, f.Text)).ToList(),
                ReferenceSet.Combine([ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore]), OutputKind.ConsoleApplication, []),
            new("Shop.Api.Tests", generated.TestFiles.Select(f => ("/bench/Shop.Api.Tests/" + f.Path, f.Text)).ToList(),
                ReferenceSet.Combine(
                [
                    ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore, ReferenceSet.XunitV2, ReferenceSet.NUnit, ReferenceSet.MSTest,
                    ReferenceSet.Moq, ReferenceSet.NSubstitute, ReferenceSet.FakeItEasy, ReferenceSet.FluentAssertions,
                ]),
                OutputKind.DynamicallyLinkedLibrary, ["Shop.Api"]),
        ];
    }

    /// <summary>
    /// The C# sources of the unit tests: every raw string literal under tests/Gatekeeper.Tests/Rules and
    /// /Web that looks like a compilation unit, with its markup removed. Each is compiled on its own.
    /// </summary>
    public static IReadOnlyList<(string Name, string Text)> UnitTestSnippets()
    {
        var snippets = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in new[] { "tests/Gatekeeper.Tests/Rules", "tests/Gatekeeper.Tests/Web" })
        {
            foreach (var file in Directory.GetFiles(RepositoryFiles.PathOf(folder), "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                var index = 0;
                foreach (var token in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)))
                {
                    var text = WithoutMarkup(token.ValueText);
                    if (LooksLikeCompilationUnit(text) && seen.Add(text))
                    {
                        snippets.Add(($"{Path.GetFileNameWithoutExtension(file)}#{index++}", text));
                    }
                }
            }
        }

        return snippets;
    }

    /// <summary>
    /// The reference sets a snippet's unit test would have used, read off the namespaces and types it
    /// names (fewer references than <see cref="EverythingReferences"/> keep the fuzz run fast).
    /// </summary>
    public static IReadOnlyList<ReferenceSet> ReferenceSetsFor(string snippet)
    {
        var sets = new List<ReferenceSet>();
        void When(bool condition, ReferenceSet set)
        {
            if (condition)
            {
                sets.Add(set);
            }
        }

        bool Names(string text) => snippet.Contains(text, StringComparison.Ordinal);
        When(Names("WebApplicationFactory") || Names("Mvc.Testing") || Names("TestServer"), ReferenceSet.MvcTesting);
        When(Names("AspNetCore") || Names("WebApplication") || Names(".Map") || Names("Controller") || Names("HttpContext"), ReferenceSet.AspNetCore);
        When(Names("EntityFrameworkCore") || Names("DbContext"), ReferenceSet.EntityFrameworkCore);
        When(Names("Xunit") || Names("[Fact") || Names("[Theory"), ReferenceSet.XunitV2);
        When(Names("NUnit"), ReferenceSet.NUnit);
        When(Names("VisualStudio.TestTools"), ReferenceSet.MSTest);
        When(Names("Moq"), ReferenceSet.Moq);
        When(Names("NSubstitute"), ReferenceSet.NSubstitute);
        When(Names("FakeItEasy"), ReferenceSet.FakeItEasy);
        When(Names("FluentAssertions"), ReferenceSet.FluentAssertions);
        When(Names("Shouldly"), ReferenceSet.Shouldly);
        When(Names("Amazon"), ReferenceSet.AwsS3);
        When(Names("RabbitMQ"), ReferenceSet.RabbitMQ);
        When(Names("MockHttp"), ReferenceSet.MockHttp);
        When(Names("JetBrains"), ReferenceSet.JetBrainsAnnotations);
        return sets;
    }

    private static string WithoutMarkup(string text)
    {
        try
        {
            return Markup.Parse(text).Text;
        }
        catch (VerifierException)
        {
            return text;
        }
    }

    private static bool LooksLikeCompilationUnit(string text) =>
        (text.Contains("class ", StringComparison.Ordinal) || text.Contains("record ", StringComparison.Ordinal) || text.Contains("app.Map", StringComparison.Ordinal))
        && text.Contains(';', StringComparison.Ordinal);

    private static List<(string Path, string Text)> SourcesUnder(string folder) =>
        Directory.GetFiles(RepositoryFiles.PathOf(folder), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => ("/" + Path.GetRelativePath(RepositoryFiles.Root, path).Replace('\\', '/'), File.ReadAllText(path)))
            .ToList();

    private static string GlobalUsings(IEnumerable<string> namespaces) =>
        "// <auto-generated/>\n" + string.Concat(namespaces.Select(ns => $"global using global::{ns};\n"));
}
