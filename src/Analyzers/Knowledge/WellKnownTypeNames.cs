namespace Gatekeeper.Analyzers.Knowledge;

/// <summary>
/// Metadata names of the framework types Gatekeeper knows. Types are matched by full name, never
/// by assembly identity, so a type re-declared under its real name (or present in two
/// references) is still recognized.
/// </summary>
internal static class WellKnownTypeNames
{
    // Test attributes (roots: attributes derived from these count too, e.g. [Theory], [SkippableFact]).
    public const string XunitFactAttribute = "Xunit.FactAttribute";
    public const string NUnitTestAttribute = "NUnit.Framework.TestAttribute";
    public const string NUnitTestCaseAttribute = "NUnit.Framework.TestCaseAttribute";
    public const string NUnitTestCaseSourceAttribute = "NUnit.Framework.TestCaseSourceAttribute";
    public const string NUnitTheoryAttribute = "NUnit.Framework.TheoryAttribute";
    public const string MSTestTestMethodAttribute = "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute";
    public const string TUnitTestAttribute = "TUnit.Core.TestAttribute";

    // Skipping.
    public const string NUnitIgnoreAttribute = "NUnit.Framework.IgnoreAttribute";
    public const string MSTestIgnoreAttribute = "Microsoft.VisualStudio.TestTools.UnitTesting.IgnoreAttribute";
    public const string TUnitSkipAttribute = "TUnit.Core.SkipAttribute";

    // Clean-up hooks whose assertions apply to every test of the class.
    public const string NUnitTearDownAttribute = "NUnit.Framework.TearDownAttribute";
    public const string MSTestTestCleanupAttribute = "Microsoft.VisualStudio.TestTools.UnitTesting.TestCleanupAttribute";
    public const string TUnitAfterAttribute = "TUnit.Core.AfterAttribute";

    // MSTest's [ExpectedException] and custom ones derive from this.
    public const string MSTestExpectedExceptionBaseAttribute = "Microsoft.VisualStudio.TestTools.UnitTesting.ExpectedExceptionBaseAttribute";

    // Classes that hold tests, fixtures and the hooks that run around tests (GK2002: code that runs for tests).
    public const string NUnitTestFixtureAttribute = "NUnit.Framework.TestFixtureAttribute";
    public const string NUnitSetUpFixtureAttribute = "NUnit.Framework.SetUpFixtureAttribute";
    public const string NUnitSetUpAttribute = "NUnit.Framework.SetUpAttribute";
    public const string NUnitOneTimeSetUpAttribute = "NUnit.Framework.OneTimeSetUpAttribute";
    public const string NUnitOneTimeTearDownAttribute = "NUnit.Framework.OneTimeTearDownAttribute";
    public const string MSTestTestClassAttribute = "Microsoft.VisualStudio.TestTools.UnitTesting.TestClassAttribute";
    public const string MSTestTestInitializeAttribute = "Microsoft.VisualStudio.TestTools.UnitTesting.TestInitializeAttribute";
    public const string MSTestClassInitializeAttribute = "Microsoft.VisualStudio.TestTools.UnitTesting.ClassInitializeAttribute";
    public const string MSTestClassCleanupAttribute = "Microsoft.VisualStudio.TestTools.UnitTesting.ClassCleanupAttribute";
    public const string MSTestAssemblyInitializeAttribute = "Microsoft.VisualStudio.TestTools.UnitTesting.AssemblyInitializeAttribute";
    public const string MSTestAssemblyCleanupAttribute = "Microsoft.VisualStudio.TestTools.UnitTesting.AssemblyCleanupAttribute";
    public const string TUnitBeforeAttribute = "TUnit.Core.BeforeAttribute";

    // xUnit fixtures: IClassFixture<T> / ICollectionFixture<T> (names without arity: SymbolNames ignores it),
    // v3's [assembly: AssemblyFixture(typeof(T))], and the async set-up interface of test classes and fixtures.
    public const string XunitClassFixtureInterface = "Xunit.IClassFixture";
    public const string XunitCollectionFixtureInterface = "Xunit.ICollectionFixture";
    public const string XunitAssemblyFixtureAttribute = "Xunit.AssemblyFixtureAttribute";
    public const string XunitAsyncLifetimeInterface = "Xunit.IAsyncLifetime";

    // Attributes that put tests in a category (whose text may say "integration").
    public const string XunitTraitAttribute = "Xunit.TraitAttribute";
    public const string XunitCollectionAttribute = "Xunit.CollectionAttribute";
    public const string XunitCollectionDefinitionAttribute = "Xunit.CollectionDefinitionAttribute";
    public const string NUnitCategoryAttribute = "NUnit.Framework.CategoryAttribute";
    public const string MSTestTestCategoryBaseAttribute = "Microsoft.VisualStudio.TestTools.UnitTesting.TestCategoryBaseAttribute";
    public const string TUnitCategoryAttribute = "TUnit.Core.CategoryAttribute";
}

/// <summary>Values of the <c>TestFramework</c> diagnostic property.</summary>
public static class TestFrameworkNames
{
    public const string XunitV2 = "xunit.v2";
    public const string XunitV3 = "xunit.v3";
    public const string NUnit = "nunit";
    public const string MSTest = "mstest";
    public const string TUnit = "tunit";
}

/// <summary>Values of the <c>AssertionLibrary</c> diagnostic property.</summary>
public static class AssertionLibraryNames
{
    /// <summary>Only the test framework's own asserts.</summary>
    public const string None = "none";
    public const string FluentAssertions = "fluentassertions";
    public const string Shouldly = "shouldly";
}
