using System.Collections.Generic;
using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
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

    /// <summary>The test attribute types found (for tests of the lookup).</summary>
    internal IEnumerable<INamedTypeSymbol> TestAttributeTypes
    {
        get
        {
            foreach (var (attribute, _) in _testAttributes)
            {
                yield return attribute;
            }
        }
    }

    /// <summary>
    /// Builds the knowledge for <paramref name="compilation"/>, or returns null when it references
    /// no test framework, so that production projects pay nothing for test rules.
    /// </summary>
    public static TestFrameworkKnowledge? TryCreate(Compilation compilation) =>
        PerCompilation.GetValue(compilation, static c => new Resolved(Create(c))).Knowledge;

    /// <summary>
    /// Four rules start on every compilation (in the IDE, on every edit) and ask the same questions:
    /// the answer is resolved once per compilation and dropped with it.
    /// </summary>
    private static readonly ConditionalWeakTable<Compilation, Resolved> PerCompilation = new();

    private sealed class Resolved
    {
        public Resolved(TestFrameworkKnowledge? knowledge)
        {
            Knowledge = knowledge;
        }

        public TestFrameworkKnowledge? Knowledge { get; }
    }

    private static TestFrameworkKnowledge? Create(Compilation compilation)
    {
        var builder = ImmutableArray.CreateBuilder<(INamedTypeSymbol, string)>();
        var xunitFramework = XunitFrameworkName(compilation);

        // Asked of the source and of the framework's own assemblies (xunit.core, xunit.v3.core, nunit.framework,
        // Microsoft.VisualStudio.TestPlatform.TestFramework, TUnit.Core …), not of all ~200 references: this runs
        // at the start of every compilation, i.e. on every IDE keystroke, in test and production projects alike.
        var types = new ReferencedTypes(compilation);
        Add(builder, types.GetAll(WellKnownTypeNames.XunitFactAttribute, "xunit"), xunitFramework);
        Add(builder, types.GetAll(WellKnownTypeNames.NUnitTestAttribute, "nunit"), TestFrameworkNames.NUnit);
        Add(builder, types.GetAll(WellKnownTypeNames.NUnitTestCaseAttribute, "nunit"), TestFrameworkNames.NUnit);
        Add(builder, types.GetAll(WellKnownTypeNames.NUnitTestCaseSourceAttribute, "nunit"), TestFrameworkNames.NUnit);
        Add(builder, types.GetAll(WellKnownTypeNames.NUnitTheoryAttribute, "nunit"), TestFrameworkNames.NUnit);
        Add(builder, types.GetAll(WellKnownTypeNames.MSTestTestMethodAttribute, "TestFramework", "MSTest"), TestFrameworkNames.MSTest);
        Add(builder, types.GetAll(WellKnownTypeNames.TUnitTestAttribute, "TUnit"), TestFrameworkNames.TUnit);
        if (builder.Count == 0)
        {
            return null;
        }

        return new TestFrameworkKnowledge(builder.ToImmutable(), DetectAssertionLibrary(compilation));
    }

    private static void Add(ImmutableArray<(INamedTypeSymbol, string)>.Builder builder, ImmutableArray<INamedTypeSymbol> types, string framework)
    {
        // The same name may come from two references (or be declared in source): keep them all.
        foreach (var type in types)
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

    /// <summary>
    /// True when <paramref name="type"/> or one of its base types declares a test method: a test
    /// class, or a class derived from one (an abstract base with the tests, a concrete class that runs them).
    /// </summary>
    public bool DeclaresTests(INamedTypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && IsTest(method, out _, out _))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="type"/> says by attribute that it holds tests or sets them up:
    /// NUnit <c>[TestFixture]</c> / <c>[SetUpFixture]</c>, MSTest <c>[TestClass]</c> (and attributes derived from them).
    /// </summary>
    public static bool HasTestClassAttribute(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            var attributeClass = attribute.AttributeClass;
            if (SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.NUnitTestFixtureAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.NUnitSetUpFixtureAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.MSTestTestClassAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for the hooks that run before or after tests: NUnit <c>[SetUp]</c>, <c>[TearDown]</c>,
    /// <c>[OneTimeSetUp]</c>, <c>[OneTimeTearDown]</c>; MSTest <c>[TestInitialize]</c>, <c>[TestCleanup]</c>,
    /// <c>[ClassInitialize]</c>, <c>[ClassCleanup]</c>, <c>[AssemblyInitialize]</c>, <c>[AssemblyCleanup]</c>;
    /// TUnit <c>[Before]</c>, <c>[After]</c>.
    /// </summary>
    public static bool IsSetUpOrTearDownHook(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            var attributeClass = attribute.AttributeClass;
            if (attributeClass is null)
            {
                continue;
            }

            if (SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.NUnitSetUpAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.NUnitTearDownAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.NUnitOneTimeSetUpAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.NUnitOneTimeTearDownAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.MSTestTestInitializeAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.MSTestTestCleanupAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.MSTestClassInitializeAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.MSTestClassCleanupAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.MSTestAssemblyInitializeAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.MSTestAssemblyCleanupAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.TUnitBeforeAttribute)
                || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.TUnitAfterAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <c>T</c> of an xUnit <c>IClassFixture&lt;T&gt;</c> or <c>ICollectionFixture&lt;T&gt;</c>; null for any other interface.</summary>
    public static ITypeSymbol? XunitFixtureTypeOf(INamedTypeSymbol @interface) =>
        @interface.TypeArguments.Length == 1
        && (SymbolNames.IsType(@interface, WellKnownTypeNames.XunitClassFixtureInterface)
            || SymbolNames.IsType(@interface, WellKnownTypeNames.XunitCollectionFixtureInterface))
            ? @interface.TypeArguments[0]
            : null;

    /// <summary>True when <paramref name="type"/> implements xUnit's <c>IAsyncLifetime</c> (test classes and fixtures do).</summary>
    public static bool ImplementsXunitLifetime(INamedTypeSymbol type)
    {
        foreach (var @interface in type.AllInterfaces)
        {
            if (SymbolNames.IsType(@interface, WellKnownTypeNames.XunitAsyncLifetimeInterface))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for attributes that file tests under a name: xUnit <c>[Trait]</c>, <c>[Collection]</c>, <c>[CollectionDefinition]</c>,
    /// NUnit <c>[Category]</c>, MSTest <c>[TestCategory]</c>, TUnit <c>[Category]</c> (and attributes derived from them).
    /// </summary>
    public static bool IsCategoryAttribute(INamedTypeSymbol attributeClass) =>
        SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.XunitTraitAttribute)
        || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.XunitCollectionAttribute)
        || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.XunitCollectionDefinitionAttribute)
        || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.NUnitCategoryAttribute)
        || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.MSTestTestCategoryBaseAttribute)
        || SymbolNames.InheritsFromOrIs(attributeClass, WellKnownTypeNames.TUnitCategoryAttribute);
}
