using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Knowledge;

/// <summary>
/// What Gatekeeper knows about test frameworks and assertion libraries, resolved once per
/// compilation: which attributes make a method a test (xUnit v2/v3, NUnit, MSTest, TUnit and
/// attributes derived from theirs), when a test is skipped, and which calls are assertions
/// (the frameworks' asserts, FluentAssertions, Shouldly, Moq, NSubstitute, FakeItEasy, NFluent,
/// Verify). Rules ask these questions here, never answer them themselves.
/// </summary>
internal sealed class TestFrameworkKnowledge
{
    private readonly ImmutableArray<(INamedTypeSymbol Attribute, string Framework)> _testAttributes;

    private TestFrameworkKnowledge(
        ImmutableArray<(INamedTypeSymbol Attribute, string Framework)> testAttributes,
        string assertionLibrary)
    {
        _testAttributes = testAttributes;
        AssertionLibrary = assertionLibrary;
    }

    /// <summary>The assertion library the project references (one of <see cref="AssertionLibraryNames"/>).</summary>
    public string AssertionLibrary { get; }

    /// <summary>
    /// Builds the knowledge for <paramref name="compilation"/>, or returns null when it references
    /// no test framework, so that production projects pay nothing for test rules.
    /// </summary>
    public static TestFrameworkKnowledge? TryCreate(Compilation compilation)
    {
        var builder = ImmutableArray.CreateBuilder<(INamedTypeSymbol, string)>();
        var xunitFramework = XunitFrameworkName(compilation);
        Add(builder, compilation, WellKnownTypeNames.XunitFactAttribute, xunitFramework);
        Add(builder, compilation, WellKnownTypeNames.NUnitTestAttribute, TestFrameworkNames.NUnit);
        Add(builder, compilation, WellKnownTypeNames.NUnitTestCaseAttribute, TestFrameworkNames.NUnit);
        Add(builder, compilation, WellKnownTypeNames.NUnitTestCaseSourceAttribute, TestFrameworkNames.NUnit);
        Add(builder, compilation, WellKnownTypeNames.NUnitTheoryAttribute, TestFrameworkNames.NUnit);
        Add(builder, compilation, WellKnownTypeNames.MSTestTestMethodAttribute, TestFrameworkNames.MSTest);
        Add(builder, compilation, WellKnownTypeNames.TUnitTestAttribute, TestFrameworkNames.TUnit);
        if (builder.Count == 0)
        {
            return null;
        }

        return new TestFrameworkKnowledge(builder.ToImmutable(), DetectAssertionLibrary(compilation));
    }

    private static void Add(
        ImmutableArray<(INamedTypeSymbol, string)>.Builder builder,
        Compilation compilation,
        string metadataName,
        string framework)
    {
        // The same name may come from two references (or be declared in source): keep them all.
        foreach (var type in compilation.GetTypesByMetadataName(metadataName))
        {
            builder.Add((type, framework));
        }
    }

    private static string XunitFrameworkName(Compilation compilation)
    {
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            if (string.Equals(assembly.Name, "xunit.v3.core", StringComparison.OrdinalIgnoreCase))
            {
                return TestFrameworkNames.XunitV3;
            }
        }

        return TestFrameworkNames.XunitV2;
    }

    private static string DetectAssertionLibrary(Compilation compilation)
    {
        var shouldly = false;
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            if (assembly.Name is "FluentAssertions" or "AwesomeAssertions")
            {
                return AssertionLibraryNames.FluentAssertions;
            }

            shouldly |= assembly.Name == "Shouldly";
        }

        return shouldly ? AssertionLibraryNames.Shouldly : AssertionLibraryNames.None;
    }

    /// <summary>
    /// True when <paramref name="method"/> is a test: it carries a test attribute of a known
    /// framework or one derived from it. <paramref name="isSkipped"/> tells whether the test is
    /// statically skipped (xUnit <c>Skip = "…"</c>, NUnit/MSTest <c>[Ignore]</c>, TUnit <c>[Skip]</c>).
    /// </summary>
    public bool IsTest(IMethodSymbol method, out string framework, out bool isSkipped)
    {
        framework = string.Empty;
        isSkipped = false;
        var isTest = false;
        foreach (var attribute in method.GetAttributes())
        {
            var attributeClass = attribute.AttributeClass;
            if (attributeClass is null)
            {
                continue;
            }

            if (TestFrameworkOf(attributeClass) is { } found)
            {
                isTest = true;
                framework = found;
                isSkipped |= HasNonEmptyStringArgument(attribute, "Skip");
            }
            else if (IsSkipAttribute(attributeClass))
            {
                isSkipped = true;
            }
        }

        if (isTest && !isSkipped)
        {
            isSkipped = IsClassSkipped(method.ContainingType);
        }

        return isTest;
    }

    private string? TestFrameworkOf(INamedTypeSymbol attributeClass)
    {
        for (var current = attributeClass; current is not null; current = current.BaseType)
        {
            foreach (var (attribute, framework) in _testAttributes)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, attribute))
                {
                    return framework;
                }
            }
        }

        return null;
    }

    private static bool IsSkipAttribute(INamedTypeSymbol attributeClass) =>
        SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.NUnitIgnoreAttribute)
        || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.MSTestIgnoreAttribute)
        || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.TUnitSkipAttribute);

    private static bool IsClassSkipped(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (attribute.AttributeClass is { } attributeClass && IsSkipAttribute(attributeClass))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasNonEmptyStringArgument(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is string { Length: > 0 })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the test method itself declares its expected outcome so the framework checks it:
    /// MSTest <c>[ExpectedException]</c> (and attributes derived from its base), an NUnit test that
    /// returns a value (NUnit compares it with <c>ExpectedResult</c>), or an FsCheck property that
    /// returns <c>bool</c> / <c>Property</c>.
    /// </summary>
    public static bool HasFrameworkCheckedOutcome(IMethodSymbol method, string framework)
    {
        foreach (var attribute in method.GetAttributes())
        {
            var attributeClass = attribute.AttributeClass;
            if (attributeClass is null)
            {
                continue;
            }

            if (SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.MSTestExpectedExceptionBaseAttribute)
                || attributeClass.Name.StartsWith("ExpectedException", StringComparison.Ordinal))
            {
                return true;
            }

            if (attributeClass.Name == "PropertyAttribute"
                && SymbolNames.IsInNamespace(attributeClass.ContainingNamespace, "FsCheck")
                && ReturnsPropertyResult(method.ReturnType))
            {
                return true;
            }
        }

        return framework == TestFrameworkNames.NUnit && ReturnsValue(method.ReturnType);
    }

    private static bool ReturnsPropertyResult(ITypeSymbol returnType)
    {
        var type = UnwrapTask(returnType);
        return type.SpecialType == SpecialType.System_Boolean
            || (type.Name == "Property" && SymbolNames.IsInNamespace(type.ContainingNamespace, "FsCheck"));
    }

    private static bool ReturnsValue(ITypeSymbol returnType)
    {
        if (returnType.SpecialType == SpecialType.System_Void)
        {
            return false;
        }

        return !IsTaskLike(returnType) || returnType is INamedTypeSymbol { IsGenericType: true };
    }

    private static ITypeSymbol UnwrapTask(ITypeSymbol type) =>
        IsTaskLike(type) && type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task
            ? task.TypeArguments[0]
            : type;

    private static bool IsTaskLike(ITypeSymbol type) =>
        type.Name is "Task" or "ValueTask"
        && SymbolNames.IsInNamespace(type.ContainingNamespace, "System.Threading.Tasks");

    /// <summary>
    /// True when <paramref name="method"/> is a clean-up hook whose assertions apply to every test
    /// of its class: <c>Dispose</c>/<c>DisposeAsync</c> (xUnit), NUnit <c>[TearDown]</c>,
    /// MSTest <c>[TestCleanup]</c>, TUnit <c>[After(Test)]</c>.
    /// </summary>
    public static bool IsPerTestCleanup(IMethodSymbol method)
    {
        if (method.Parameters.Length == 0 && method.Name is "Dispose" or "DisposeAsync")
        {
            return true;
        }

        foreach (var attribute in method.GetAttributes())
        {
            var attributeClass = attribute.AttributeClass;
            if (SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.NUnitTearDownAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.MSTestTestCleanupAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.TUnitAfterAttribute))
            {
                return true;
            }
        }

        return false;
    }
}
