using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>
/// The methods a team declares as assertions with <c>gatekeeper.GK2001.assertion_methods</c>.
/// Each entry is a method name (<c>AssertValid</c>), a type-qualified name
/// (<c>ApiProbe.Check</c>, <c>MyCompany.Testing.ApiProbe.Check</c>) or a prefix ending in
/// <c>*</c> (<c>Probe*</c>, <c>ApiProbe.*</c>).
/// </summary>
internal sealed class ConfiguredAssertionMethods
{
    public static readonly ConfiguredAssertionMethods Empty = new(ImmutableArray<string>.Empty);

    private readonly ImmutableArray<string> _entries;

    public ConfiguredAssertionMethods(ImmutableArray<string> entries)
    {
        _entries = entries;
    }

    public bool IsEmpty => _entries.IsDefaultOrEmpty;

    public bool Matches(IMethodSymbol method)
    {
        if (IsEmpty)
        {
            return false;
        }

        foreach (var entry in _entries)
        {
            if (Matches(entry, method))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>For calls that did not bind (half-typed code): compare the written name only.</summary>
    public bool MatchesName(string methodName)
    {
        foreach (var entry in _entries)
        {
            if (entry.IndexOf('.') < 0 && NameMatches(entry, methodName))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(string entry, IMethodSymbol method)
    {
        var lastDot = entry.LastIndexOf('.');
        if (lastDot < 0)
        {
            return NameMatches(entry, method.Name);
        }

        if (!NameMatches(entry.Substring(lastDot + 1), method.Name) || method.ContainingType is null)
        {
            return false;
        }

        // "Type.Method" matches the simple type name; "Namespace.Type.Method" the full name.
        var typeName = entry.Substring(0, lastDot);
        return typeName.IndexOf('.') < 0
            ? method.ContainingType.Name == typeName
            : method.ContainingType.ToDisplayString() == typeName;
    }

    private static bool NameMatches(string pattern, string name) =>
        pattern.EndsWith("*", StringComparison.Ordinal)
            ? name.StartsWith(pattern.Substring(0, pattern.Length - 1), StringComparison.Ordinal)
            : name == pattern;
}
