using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor GK2001_TestHasNoAssertion = Create(
        RuleIds.TestHasNoAssertion,
        title: "Test has no assertion",
        messageFormat: "Test '{0}' performs no assertion; add one so the test can fail",
        Categories.Testing,
        DiagnosticSeverity.Warning,
        description: "A test method that asserts nothing (directly, through its helpers, or through the framework) passes whatever the code under test does. Assert on the result, or assert that the call does not throw.");
}
