using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>
/// The names of the classes and records a tree declares with a base list (<c>class OrderTests : TestBase</c>,
/// <c>class DbTests : IClassFixture&lt;Db&gt;</c>): syntax only, cached per tree for as long as the tree lives (the
/// IDE's next compilation shares the unchanged trees, so only the edited document is read again). A class none
/// of whose declarations has a base list derives from <c>object</c> and implements nothing (a record: only
/// <c>IEquatable</c>), so it can neither use a fixture nor be a test class with a base: <see cref="TestCodeIndex"/>
/// asks for the symbols of the other classes only.
/// </summary>
internal static class TypesWithBaseListSyntax
{
    private static readonly ConditionalWeakTable<SyntaxTree, string[]> NamesPerTree = new();

    /// <summary>The names of the classes and records with a base list in every tree of <paramref name="compilation"/>.</summary>
    public static HashSet<string> InCompilation(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var name in NamesOf(tree, cancellationToken))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static string[] NamesOf(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (NamesPerTree.TryGetValue(tree, out var cached))
        {
            return cached;
        }

        List<string>? names = null;
        var root = tree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is ClassDeclarationSyntax or RecordDeclarationSyntax && node is TypeDeclarationSyntax { BaseList.Types.Count: > 0 } declaration)
            {
                (names ??= new List<string>()).Add(declaration.Identifier.ValueText);
            }
        }

        var built = names is null ? Array.Empty<string>() : names.ToArray();
        return NamesPerTree.GetValue(tree, _ => built);
    }
}
