namespace Gatekeeper.Analyzers.Infrastructure;

/// <summary>
/// Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/>: what an analyzer hands its
/// code fix so that the fix does not work it out again.
/// </summary>
public static class DiagnosticPropertyKeys
{
    /// <summary>The test framework of the reported test: one of <see cref="Knowledge.TestFrameworkNames"/>.</summary>
    public const string TestFramework = "TestFramework";

    /// <summary>The assertion library the project already uses: one of <see cref="Knowledge.AssertionLibraryNames"/>.</summary>
    public const string AssertionLibrary = "AssertionLibrary";
}
