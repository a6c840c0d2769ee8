using System;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Knowledge;

/// <summary>
/// Allocation-free comparisons of symbols with dotted names. Compares the simple name first,
/// then walks the namespaces outwards, so most mismatches cost one string comparison.
/// </summary>
internal static class SymbolNames
{
    /// <summary>True when <paramref name="type"/> is <paramref name="fullName"/> (e.g. "Xunit.Assert").</summary>
    public static bool IsType(ITypeSymbol? type, string fullName)
    {
        if (type is null)
        {
            return false;
        }

        var lastDot = fullName.LastIndexOf('.');
        var nameLength = fullName.Length - lastDot - 1;
        if (type.Name.Length != nameLength || string.CompareOrdinal(type.Name, 0, fullName, lastDot + 1, nameLength) != 0)
        {
            return false;
        }

        return lastDot < 0
            ? type.ContainingNamespace is null || type.ContainingNamespace.IsGlobalNamespace
            : NamespaceIs(type.ContainingNamespace, fullName, lastDot);
    }

    /// <summary>True when <paramref name="ns"/> is <paramref name="dotted"/> or nested in it.</summary>
    public static bool IsInNamespace(INamespaceSymbol? ns, string dotted)
    {
        for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            if (NamespaceIs(current, dotted, dotted.Length))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="ns"/> is exactly <paramref name="dotted"/> (<c>"System.Linq"</c>).</summary>
    public static bool IsNamespace(INamespaceSymbol? ns, string dotted) =>
        ns is { IsGlobalNamespace: false } && NamespaceIs(ns, dotted, dotted.Length);

    /// <summary>
    /// True when the dotted name of <paramref name="ns"/> starts with <paramref name="prefix"/>, as
    /// <c>ns.ToDisplayString().StartsWith(prefix)</c> would say, without building the string: the ownership flow
    /// asks it of every call it reads.
    /// </summary>
    public static bool NamespaceStartsWith(INamespaceSymbol? ns, string prefix) =>
        ns is { IsGlobalNamespace: false } && MatchedPrefixLength(ns, prefix) == prefix.Length;

    /// <summary>How much of <paramref name="prefix"/> the dotted name of <paramref name="ns"/> matches from its start, or -1 on a mismatch.</summary>
    private static int MatchedPrefixLength(INamespaceSymbol ns, string prefix)
    {
        var at = 0;
        if (ns.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            at = MatchedPrefixLength(parent, prefix);
            if (at < 0 || at == prefix.Length)
            {
                return at;
            }

            if (prefix[at] != '.')
            {
                return -1;
            }

            at++;
        }

        var name = ns.Name;
        var length = Math.Min(name.Length, prefix.Length - at);
        return string.CompareOrdinal(name, 0, prefix, at, length) == 0 ? at + length : -1;
    }

    /// <summary>True when the namespace chain of <paramref name="ns"/> spells <c>dotted[0..length)</c> exactly.</summary>
    private static bool NamespaceIs(INamespaceSymbol? ns, string dotted, int length)
    {
        var end = length;
        while (end > 0)
        {
            if (ns is null || ns.IsGlobalNamespace)
            {
                return false;
            }

            var start = dotted.LastIndexOf('.', end - 1) + 1;
            var partLength = end - start;
            if (ns.Name.Length != partLength || string.CompareOrdinal(ns.Name, 0, dotted, start, partLength) != 0)
            {
                return false;
            }

            ns = ns.ContainingNamespace;
            end = start - 1;
        }

        return ns is null || ns.IsGlobalNamespace;
    }

    /// <summary>True when <paramref name="type"/> or one of its base types is <paramref name="fullName"/>.</summary>
    public static bool InheritsFromOrIs(ITypeSymbol? type, string fullName)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (IsType(current, fullName))
            {
                return true;
            }
        }

        return false;
    }
}
