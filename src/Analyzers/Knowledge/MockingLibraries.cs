using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Knowledge;

/// <summary>Values naming a mocking library (diagnostic properties, fix choices).</summary>
public static class MockingLibraryNames
{
    public const string Moq = "moq";
    public const string NSubstitute = "nsubstitute";
    public const string FakeItEasy = "fakeiteasy";
}

/// <summary>
/// What Gatekeeper knows about Moq, NSubstitute and FakeItEasy: which of them a project references,
/// how each verifies a call, which argument matchers accept anything, which verifications are
/// negative checks, and which APIs let a test look at the arguments of a call. Matched by full
/// name and root namespace, never by assembly identity.
/// </summary>
internal static class MockingLibraries
{
    /// <summary>The libraries <paramref name="compilation"/> references, in the order a fix prefers them.</summary>
    public static ImmutableArray<string> Referenced(Compilation compilation)
    {
        var builder = ImmutableArray.CreateBuilder<string>(3);

        // In each library's own assembly: asked at the start of every compilation (every IDE keystroke).
        var types = new ReferencedTypes(compilation);
        if (types.Get("Moq.Mock`1", "Moq") is not null)
        {
            builder.Add(MockingLibraryNames.Moq);
        }

        if (types.Get("NSubstitute.Substitute", "NSubstitute") is not null)
        {
            builder.Add(MockingLibraryNames.NSubstitute);
        }

        if (types.Get("FakeItEasy.A", "FakeItEasy") is not null)
        {
            builder.Add(MockingLibraryNames.FakeItEasy);
        }

        return builder.ToImmutable();
    }

    /// <summary>The root namespace of each library: the namespace a file imports to use it.</summary>
    public static string NamespaceOf(string library) => library switch
    {
        MockingLibraryNames.Moq => "Moq",
        MockingLibraryNames.NSubstitute => "NSubstitute",
        MockingLibraryNames.FakeItEasy => "FakeItEasy",
        _ => string.Empty,
    };

    /// <summary>The library <paramref name="symbol"/> belongs to (by its root namespace), or null.</summary>
    public static string? LibraryOf(ISymbol? symbol)
    {
        var ns = symbol is INamespaceSymbol n ? n : symbol?.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace)
        {
            return null;
        }

        while (ns.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            ns = parent;
        }

        return ns.Name switch
        {
            "Moq" => MockingLibraryNames.Moq,
            "NSubstitute" => MockingLibraryNames.NSubstitute,
            "FakeItEasy" => MockingLibraryNames.FakeItEasy,
            _ => null,
        };
    }

    /// <summary>
    /// True when <paramref name="symbol"/> (what an argument expression binds to) is a matcher that
    /// accepts any value: Moq <c>It.IsAny&lt;T&gt;()</c>, <c>It.Ref&lt;T&gt;.IsAny</c>,
    /// <c>ItExpr.IsAny&lt;T&gt;()</c>; NSubstitute <c>Arg.Any&lt;T&gt;()</c>, <c>Arg.Compat.Any&lt;T&gt;()</c>;
    /// FakeItEasy <c>A&lt;T&gt;._</c>, <c>A&lt;T&gt;.Ignored</c>.
    /// </summary>
    public static bool IsWildcard(ISymbol? symbol)
    {
        switch (symbol)
        {
            case IMethodSymbol { Name: "IsAny" } method:
                return SymbolNames.IsType(method.ContainingType, "Moq.It") || SymbolNames.IsType(method.ContainingType, "Moq.Protected.ItExpr");
            case IMethodSymbol { Name: "Any" } method:
                return SymbolNames.IsType(method.ContainingType, "NSubstitute.Arg")
                    || (method.ContainingType?.Name == "Compat" && SymbolNames.IsType(method.ContainingType.ContainingType, "NSubstitute.Arg"));
            case IFieldSymbol { Name: "IsAny" } field:
                return field.ContainingType?.Name == "Ref" && SymbolNames.IsType(field.ContainingType.ContainingType, "Moq.It");
            case IPropertySymbol { Name: "_" or "Ignored" } property:
                return SymbolNames.IsType(property.ContainingType, "FakeItEasy.A") && property.ContainingType.IsGenericType;
            default:
                return false;
        }
    }

    /// <summary>
    /// True when <paramref name="symbol"/> (what a Moq <c>Times</c> argument binds to) expects no call:
    /// <c>Times.Never()</c> or the method group <c>Times.Never</c>. <c>Times.Exactly(0)</c> and
    /// <c>Times.AtMost(0)</c> are recognized by the caller from their constant argument.
    /// </summary>
    public static bool IsMoqNever(ISymbol? symbol) =>
        symbol is IMethodSymbol { Name: "Never" } method && SymbolNames.IsType(method.ContainingType, "Moq.Times");

    /// <summary>Moq <c>Times</c> factories that take a count: zero with them means "never".</summary>
    public static bool IsMoqCountedTimes(ISymbol? symbol) =>
        symbol is IMethodSymbol { Name: "Exactly" or "AtMost" } method && SymbolNames.IsType(method.ContainingType, "Moq.Times");

    /// <summary>NSubstitute <c>Quantity.None()</c>: "received no call".</summary>
    public static bool IsNSubstituteNoneQuantity(ISymbol? symbol) =>
        symbol is IMethodSymbol { Name: "None" } method && SymbolNames.IsType(method.ContainingType, "NSubstitute.ReceivedExtensions.Quantity");

    /// <summary>
    /// Names of the APIs whose mere use shows the test looks at call arguments (checked against the
    /// library with <see cref="IsArgumentInspection"/>).
    /// </summary>
    public static bool IsArgumentInspectionName(string name) =>
        name is "Capture" or "Invocations" // Moq
            or "ReceivedCalls" or "Arg" or "ArgAt" or "Args" or "ArgTypes" // NSubstitute (CallInfo)
            or "GetCalls" or "WhenArgumentsMatch" or "GetArgument" or "Arguments" or "Captured" or "Where"; // FakeItEasy

    /// <summary>
    /// True when <paramref name="symbol"/> lets a test look at the arguments of calls: Moq
    /// <c>Capture.In</c>/<c>Capture.With</c>, <c>Mock.Invocations</c>; NSubstitute <c>ReceivedCalls()</c>,
    /// <c>CallInfo.Arg*</c>; FakeItEasy <c>Fake.GetCalls</c>, <c>WhenArgumentsMatch</c>, <c>Where</c>,
    /// <c>GetArgument</c>, <c>Arguments</c>, <c>Captured&lt;T&gt;</c>.
    /// </summary>
    public static bool IsArgumentInspection(ISymbol? symbol)
    {
        if (symbol is null || LibraryOf(symbol) is not { } library)
        {
            return false;
        }

        var name = symbol.Name;
        var typeName = symbol is ITypeSymbol ? symbol.Name : symbol.ContainingType?.Name;
        switch (library)
        {
            case MockingLibraryNames.Moq:
                return name is "Invocations" or "Arguments" || typeName == "Capture";
            case MockingLibraryNames.NSubstitute:
                return name is "ReceivedCalls" or "ArgAt" or "Args" or "ArgTypes" or "GetArguments" or "GetOriginalArguments"
                    || (name == "Arg" && typeName == "CallInfo");
            case MockingLibraryNames.FakeItEasy:
                return name is "GetCalls" or "WhenArgumentsMatch" or "GetArgument" or "Arguments" or "Where"
                    || name == "Captured" || typeName == "Captured";
            default:
                return false;
        }
    }

    /// <summary>
    /// Methods that run code of the test when a mock is called: they inspect the arguments when they
    /// hand them to a method group (<c>Callback&lt;Email&gt;(sent.Add)</c>, <c>Arg.Do&lt;Email&gt;(sent.Add)</c>) or to a
    /// lambda that reads its parameters (Moq <c>Callback((Email e) => …)</c>, <c>Returns((Email e) => …)</c>;
    /// NSubstitute <c>Arg.Do</c>, <c>When(…).Do(call => …)</c>, <c>AndDoes</c>, <c>Returns(call => …)</c>;
    /// FakeItEasy <c>Invokes((Email e) => …)</c>, <c>ReturnsLazily((Email e) => …)</c>).
    /// </summary>
    public static bool IsCallbackConfigurationName(string name) =>
        name is "Callback" or "Do" or "AndDoes" or "Invokes" or "Returns" or "ReturnsAsync" or "Throws" or "ThrowsAsync"
            or "ReturnsForAnyArgs" or "ReturnsLazily" or "ThrowsForAnyArgs";

    /// <summary>Moq's verification of one member: <c>mock.Verify(x => …)</c>, also on <c>Protected()</c> mocks.</summary>
    public static bool IsMoqVerify(IMethodSymbol method) =>
        method.Name == "Verify" && LibraryOf(method) == MockingLibraryNames.Moq;

    /// <summary>True for Moq's <c>IProtectedMock&lt;T&gt;.Verify("Name", times, args…)</c>, which names the member by string.</summary>
    public static bool IsMoqProtectedVerify(IMethodSymbol method) =>
        IsMoqVerify(method) && method.ContainingType?.Name == "IProtectedMock";

    /// <summary>NSubstitute <c>Received(…)</c> / <c>ReceivedWithAnyArgs(…)</c> (not the negative <c>DidNotReceive*</c>).</summary>
    public static bool IsNSubstituteReceived(IMethodSymbol method) =>
        method.Name is "Received" or "ReceivedWithAnyArgs" && LibraryOf(method) == MockingLibraryNames.NSubstitute;

    /// <summary>FakeItEasy <c>MustHaveHappened*</c> (not the negative <c>MustNotHaveHappened</c>).</summary>
    public static bool IsFakeItEasyMustHaveHappened(IMethodSymbol method) =>
        method.Name.StartsWith("MustHaveHappened", StringComparison.Ordinal) && LibraryOf(method) == MockingLibraryNames.FakeItEasy;

    /// <summary>FakeItEasy <c>A.CallTo(() => …)</c>: the start of a call specification.</summary>
    public static bool IsFakeItEasyCallTo(IMethodSymbol method) =>
        method.Name == "CallTo" && SymbolNames.IsType(method.ContainingType, "FakeItEasy.A");

    /// <summary>FakeItEasy <c>WithAnyArguments()</c>: the specification matches whatever arguments were passed.</summary>
    public static bool IsFakeItEasyWithAnyArguments(IMethodSymbol method) =>
        method.Name == "WithAnyArguments" && LibraryOf(method) == MockingLibraryNames.FakeItEasy;

    /// <summary>True for <c>System.Threading.CancellationToken</c>: an argument no verification needs to pin down.</summary>
    public static bool IsCancellationToken(ITypeSymbol? type) => SymbolNames.IsType(type, "System.Threading.CancellationToken");
}
