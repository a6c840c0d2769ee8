using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>
/// The names a using alias (or an extern alias) gives in a tree, and the global using aliases of a compilation:
/// a name written for a type is the type's own unless it is one of these.
/// </summary>
internal sealed class UsingAliasNames
{
    /// <summary>
    /// The names of the aliases of one tree (global ones marked): syntax only, cached per tree for as
    /// long as the tree lives (the IDE's next compilation shares the unchanged trees). Built in one go
    /// from the compilation unit and namespace declarations (no method body is walked).
    /// </summary>
    private static readonly ConditionalWeakTable<SyntaxTree, TreeAliases> AliasesPerTree = new();

    private readonly Compilation _compilation;
    private HashSet<string>? _globalAliases;

    public UsingAliasNames(Compilation compilation)
    {
        _compilation = compilation;
    }

    /// <summary>True when a using alias named <paramref name="name"/> is declared in <paramref name="tree"/> or globally in any tree of the compilation.</summary>
    public bool IsAliasName(string name, SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (AliasesOf(tree, cancellationToken).All?.Contains(name) == true)
        {
            return true;
        }

        if (Volatile.Read(ref _globalAliases) is not { } globals)
        {
            globals = new HashSet<string>(StringComparer.Ordinal);
            foreach (var other in _compilation.SyntaxTrees)
            {
                if (AliasesOf(other, cancellationToken).Global is { } declared)
                {
                    globals.UnionWith(declared);
                }
            }

            globals = Interlocked.CompareExchange(ref _globalAliases, globals, null) ?? globals;
        }

        return globals.Contains(name);
    }

    private static TreeAliases AliasesOf(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (AliasesPerTree.TryGetValue(tree, out var cached))
        {
            return cached;
        }

        var built = TreeAliases.Build(tree, cancellationToken);
        return AliasesPerTree.GetValue(tree, _ => built);
    }

    /// <summary>The alias names of one tree: all of them, and the global ones (null when there are none).</summary>
    private sealed class TreeAliases
    {
        private TreeAliases(HashSet<string>? all, HashSet<string>? global)
        {
            All = all;
            Global = global;
        }

        public HashSet<string>? All { get; }

        public HashSet<string>? Global { get; }

        public static TreeAliases Build(SyntaxTree tree, CancellationToken cancellationToken)
        {
            HashSet<string>? all = null;
            HashSet<string>? global = null;
            var root = tree.GetRoot(cancellationToken);
            foreach (var node in root.DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
            {
                if (node is ExternAliasDirectiveSyntax externAlias)
                {
                    (all ??= new HashSet<string>(StringComparer.Ordinal)).Add(externAlias.Identifier.ValueText);
                }
                else if (node is UsingDirectiveSyntax { Alias: { } alias } directive)
                {
                    var name = alias.Name.Identifier.ValueText;
                    (all ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                    if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                    {
                        (global ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                    }
                }
            }

            return new TreeAliases(all, global);
        }
    }
}
