using System;
using System.Collections.Generic;
using System.Threading;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>
/// The names a using alias (or an extern alias) gives in a tree, and the global using aliases of a compilation:
/// a name written for a type is the type's own unless it is one of these. Read from each tree's
/// <see cref="SyntaxTreeOutline"/>, which is kept with the tree (only an edited document is read again).
/// </summary>
internal sealed class UsingAliasNames
{
    private readonly Compilation _compilation;
    private HashSet<string>? _globalAliases;

    public UsingAliasNames(Compilation compilation)
    {
        _compilation = compilation;
    }

    /// <summary>True when a using alias named <paramref name="name"/> is declared in <paramref name="tree"/> or globally in any tree of the compilation.</summary>
    public bool IsAliasName(string name, SyntaxTree tree, CancellationToken cancellationToken)
    {
        foreach (var directive in CompilationSyntaxIndex.OutlineOf(tree, cancellationToken).Aliases)
        {
            if (directive.Alias == name)
            {
                return true;
            }
        }

        return GlobalAliases(cancellationToken).Contains(name);
    }

    /// <summary>The names of the using aliases in scope in <paramref name="tree"/>: declared there, or globally in the compilation.</summary>
    public List<string> NamesIn(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var names = new List<string>(GlobalAliases(cancellationToken));
        foreach (var directive in CompilationSyntaxIndex.OutlineOf(tree, cancellationToken).Aliases)
        {
            names.Add(directive.Alias);
        }

        return names;
    }

    private HashSet<string> GlobalAliases(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _globalAliases) is { } known)
        {
            return known;
        }

        var globals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in _compilation.SyntaxTrees)
        {
            foreach (var directive in CompilationSyntaxIndex.OutlineOf(other, cancellationToken).Aliases)
            {
                if (directive.IsGlobal)
                {
                    globals.Add(directive.Alias);
                }
            }
        }

        return Interlocked.CompareExchange(ref _globalAliases, globals, null) ?? globals;
    }
}
