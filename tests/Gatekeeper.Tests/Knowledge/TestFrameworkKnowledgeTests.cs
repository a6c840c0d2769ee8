using System.Linq;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Gatekeeper.Tests.Knowledge;

/// <summary>
/// The test attributes are looked up in the source and in the frameworks' own assemblies only (not in
/// every reference): they must be exactly what the compilation-wide lookup finds.
/// </summary>
public sealed class TestFrameworkKnowledgeTests
{
    private static readonly string[] AttributeNames =
    [
        WellKnownTypeNames.XunitFactAttribute, WellKnownTypeNames.NUnitTestAttribute, WellKnownTypeNames.NUnitTestCaseAttribute,
        WellKnownTypeNames.NUnitTestCaseSourceAttribute, WellKnownTypeNames.NUnitTheoryAttribute, WellKnownTypeNames.MSTestTestMethodAttribute,
        WellKnownTypeNames.TUnitTestAttribute,
    ];

    [Theory]
    [InlineData("XunitV2")]
    [InlineData("XunitV3")]
    [InlineData("NUnit")]
    [InlineData("MSTest")]
    [InlineData("All")]
    public void The_test_attributes_are_the_ones_the_compilation_wide_lookup_finds(string frameworks)
    {
        var sets = frameworks switch
        {
            "XunitV2" => new[] { ReferenceSet.XunitV2 },
            "XunitV3" => [ReferenceSet.XunitV3],
            "NUnit" => [ReferenceSet.NUnit],
            "MSTest" => [ReferenceSet.MSTest],
            _ => [ReferenceSet.XunitV2, ReferenceSet.NUnit, ReferenceSet.MSTest, ReferenceSet.AspNetCore],
        };

        // TUnit is not served by the package mirror: its attribute is declared in source under its real name.
        var compilation = CSharpCompilation.Create(
            "Tests",
            [CSharpSyntaxTree.ParseText("namespace TUnit.Core { public sealed class TestAttribute : System.Attribute { } }")],
            ReferenceSet.Combine(sets),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var expected = AttributeNames.SelectMany(name => compilation.GetTypesByMetadataName(name)).ToList();
        var found = TestFrameworkKnowledge.TryCreate(compilation)!.TestAttributeTypes.ToList();

        Assert.True(expected.Count >= 2, "The compilation should reference the framework");
        Assert.Equal(expected.Count, found.Count);
        Assert.All(expected, type => Assert.Contains(found, f => SymbolEqualityComparer.Default.Equals(f, type)));
    }
}
