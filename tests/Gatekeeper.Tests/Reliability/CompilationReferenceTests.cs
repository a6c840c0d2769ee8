using System.Collections.Concurrent;
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
}
