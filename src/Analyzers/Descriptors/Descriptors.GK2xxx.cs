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

    public static readonly DiagnosticDescriptor GK2002_RealExternalClientInTest = Create(
        RuleIds.RealExternalClientInTest,
        title: "Test talks to a real external service",
        messageFormat: "Test code creates a real {1} client ('{0}'), which reaches an external service; use a test double, or mark the test as an integration test",
        Categories.Testing,
        DiagnosticSeverity.Warning,
        description: "A unit test that creates a real HTTP, cloud, mail, cache, queue or database client reaches a real service: it is slow, fails when the network does, and can change real data. Give the code under test a mock, fake or stub; tests that are meant to use real services say so by a trait, category, class, namespace or project name.");

    public static readonly DiagnosticDescriptor GK2003_VerificationIgnoresArguments = Create(
        RuleIds.VerificationIgnoresArguments,
        title: "Mock verification ignores every argument",
        messageFormat: "The verification of '{0}' accepts any arguments, so it passes whatever the code sends; match the expected arguments or inspect the call",
        Categories.Testing,
        DiagnosticSeverity.Info,
        description: "A verification whose every argument is a wildcard (It.IsAny, Arg.Any, A<T>._, WithAnyArguments) only checks that the method was called: it passes when the wrong email, order or amount goes out. Match the arguments that matter (It.Is, Arg.Is, A<T>.That), or capture the call and assert on it.");

    public static readonly DiagnosticDescriptor GK2004_AssertionCannotFail = Create(
        RuleIds.AssertionCannotFail,
        title: "Assertion can never fail",
        messageFormat: "This assertion can never fail: {0}; assert on a value the code under test produced",
        Categories.Testing,
        DiagnosticSeverity.Warning,
        description: "An assertion with a constant condition, the same value on both sides, a null check of a value type, or an Assert.Pass() that is the test's only assertion passes whatever the code under test does. It adds to the assertion count while it checks nothing.");
}
