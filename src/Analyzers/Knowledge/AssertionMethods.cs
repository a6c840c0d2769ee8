using System;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Knowledge;

/// <summary>
/// Which calls are assertions: the test frameworks' assert classes, the assertion and mocking
/// libraries' verification APIs, and the naming conventions teams use for their own helpers.
/// Everything here is matched by name (full names for library types), so it costs no symbol
/// lookups and works for types declared in source under their real names.
/// </summary>
internal static class AssertionMethods
{
    /// <summary>Types whose every method is an assertion (or ends the test the way one does).</summary>
    private static readonly string[] AssertionTypes =
    {
        "Xunit.Assert",
        "NUnit.Framework.Assert",
        "NUnit.Framework.CollectionAssert",
        "NUnit.Framework.StringAssert",
        "NUnit.Framework.FileAssert",
        "NUnit.Framework.DirectoryAssert",
        "NUnit.Framework.Legacy.ClassicAssert",
        "NUnit.Framework.Legacy.CollectionAssert",
        "NUnit.Framework.Legacy.StringAssert",
        "NUnit.Framework.Legacy.FileAssert",
        "NUnit.Framework.Legacy.DirectoryAssert",
        "Microsoft.VisualStudio.TestTools.UnitTesting.Assert",
        "Microsoft.VisualStudio.TestTools.UnitTesting.CollectionAssert",
        "Microsoft.VisualStudio.TestTools.UnitTesting.StringAssert",
        "Microsoft.VisualStudio.TestTools.UnitTesting.AssertExtensions",
        "TUnit.Assertions.Assert",
        "Shouldly.Should",
        "NSubstitute.Received",
        "NFluent.Check",
        "FsCheck.Check",
    };

    /// <summary>Prefixes that name an assertion helper by convention (RULES.md, GK2001).</summary>
    private static readonly string[] AssertionNamePrefixes = { "Assert", "Verify", "Ensure", "Expect", "Should", "Check" };

    /// <summary>Well-known methods whose names look like assertions but are not.</summary>
    private static readonly string[] NotAssertions =
    {
        "EnsureCreated", "EnsureCreatedAsync", "EnsureDeleted", "EnsureDeletedAsync", // EF Core DatabaseFacade
        "CheckHealthAsync", // IHealthCheck
    };

    /// <summary>
    /// True when <paramref name="method"/> is an assertion of a known framework or library:
    /// the assert classes of xUnit, NUnit, MSTest and TUnit, FluentAssertions <c>Should()</c>,
    /// Shouldly <c>Should*</c>, Moq <c>Verify*</c>, NSubstitute <c>Received*</c>/<c>DidNotReceive*</c>,
    /// FakeItEasy <c>MustHaveHappened*</c>/<c>MustNotHaveHappened*</c>, NFluent <c>Check.That</c>,
    /// and Verify's snapshot <c>Verify*</c>.
    /// </summary>
    public static bool IsLibraryAssertion(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        foreach (var assertionType in AssertionTypes)
        {
            if (SymbolNames.IsType(type, assertionType))
            {
                return true;
            }
        }

        var name = method.Name;
        var ns = type.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace)
        {
            return false;
        }

        // The root namespace decides the library; compare it before anything else.
        var root = RootNamespaceName(ns);
        switch (root)
        {
            case "FluentAssertions":
            case "AwesomeAssertions":
                // x.Should() starts every assertion; Execute.Assertion...FailWith is the custom-assertion API.
                return name is "Should" or "FailWith";
            case "Shouldly":
                return StartsWithWord(name, "Should");
            case "Moq":
                return StartsWithWord(name, "Verify");
            case "NSubstitute":
                return StartsWithWord(name, "Received") || StartsWithWord(name, "DidNotReceive");
            case "FakeItEasy":
                return StartsWithWord(name, "MustHaveHappened") || StartsWithWord(name, "MustNotHaveHappened");
            case "VerifyXunit":
            case "VerifyNUnit":
            case "VerifyMSTest":
            case "VerifyTUnit":
            case "VerifyTests":
                return StartsWithWord(name, "Verify") || StartsWithWord(name, "Throws");
            default:
                return false;
        }
    }

    /// <summary>
    /// True for a member of FluentAssertions (or AwesomeAssertions) other than its assertions themselves:
    /// <c>Be</c>, <c>ContainSingle</c> … of <c>NumericAssertions</c> and the like are reached through
    /// <c>x.Should()</c>, which is the assertion, and which may be one that cannot fail (GK2004). Judged by the
    /// naming convention instead (their classes end in "Assertions"), <c>x.Should().Be(x)</c> counted as a
    /// real assertion through its <c>Be</c>.
    /// </summary>
    public static bool IsAssertionChainMember(IMethodSymbol method) =>
        method.ContainingType?.ContainingNamespace is { IsGlobalNamespace: false } ns
        && RootNamespaceName(ns) is "FluentAssertions" or "AwesomeAssertions"
        && !IsLibraryAssertion(method);

    /// <summary>
    /// True when a method's name says it asserts (<c>Assert*</c>, <c>Verify*</c>, <c>Ensure*</c>,
    /// <c>Expect*</c>, <c>Should*</c>, <c>Check*</c>, as a whole word: <c>Checkout</c> does not count),
    /// or when it belongs to a class named like an assertion class (<c>JsonAssert</c>, <c>ApiAssertions</c>).
    /// Used for helpers whose bodies we cannot see.
    /// </summary>
    public static bool HasAssertionName(string methodName, string? containingTypeName)
    {
        if (Array.IndexOf(NotAssertions, methodName) >= 0)
        {
            return false;
        }

        foreach (var prefix in AssertionNamePrefixes)
        {
            if (StartsWithWord(methodName, prefix))
            {
                return true;
            }
        }

        return containingTypeName is not null && IsAssertionClassName(containingTypeName);
    }

    /// <summary>True for class names like <c>Assert</c>, <c>JsonAssert</c>, <c>ApiAssertions</c>.</summary>
    public static bool IsAssertionClassName(string typeName) =>
        typeName.EndsWith("Assert", StringComparison.Ordinal)
        || typeName.EndsWith("Assertions", StringComparison.Ordinal);

    /// <summary>True when the method carries an attribute named <c>AssertionMethod</c> (the JetBrains convention).</summary>
    public static bool HasAssertionMethodAttribute(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.Name is "AssertionMethodAttribute" or "AssertionMethod")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>name</c> is <c>prefix</c>, or continues it with a new word (upper case, digit, underscore).</summary>
    public static bool StartsWithWord(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (name.Length == prefix.Length)
        {
            return true;
        }

        var next = name[prefix.Length];
        return char.IsUpper(next) || char.IsDigit(next) || next == '_';
    }

    private static string RootNamespaceName(INamespaceSymbol ns)
    {
        var current = ns;
        while (current.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            current = parent;
        }

        return current.Name;
    }
}
