using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.CodeFixes.Infrastructure;

/// <summary>
/// Adds <c>using</c> directives where the file keeps its own: next to the existing ones (at the top
/// or inside the namespace), in sorted position with System first, with the file's indentation
/// and line endings. A file header comment stays at the top of the file.
/// </summary>
internal static class UsingDirectives
{
    public static CompilationUnitSyntax Add(CompilationUnitSyntax root, IEnumerable<string> namespaces, TextLayout layout)
    {
        foreach (var ns in namespaces)
        {
            root = AddOne(root, ns, layout);
        }

        return root;
    }

    private static CompilationUnitSyntax AddOne(CompilationUnitSyntax root, string ns, TextLayout layout)
    {
        if (root.Usings.Count > 0)
        {
            return root.WithUsings(Insert(root.Usings, ns, layout));
        }

        if (NamespaceWithUsings(root) is { } namespaceDeclaration)
        {
            return root.ReplaceNode(namespaceDeclaration, namespaceDeclaration.WithUsings(Insert(namespaceDeclaration.Usings, ns, layout)));
        }

        return AddToEmptyCompilationUnit(root, ns, layout);
    }

    private static BaseNamespaceDeclarationSyntax? NamespaceWithUsings(CompilationUnitSyntax root) =>
        root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<BaseNamespaceDeclarationSyntax>()
            .FirstOrDefault(declaration => declaration.Usings.Count > 0);

    private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, string ns, TextLayout layout)
    {
        var index = InsertionIndex(usings, ns);
        var neighbour = usings[Math.Min(index, usings.Count - 1)];
        var indentation = IndentationOf(neighbour.GetLeadingTrivia());
        var directive = Create(ns, layout)
            .WithLeadingTrivia(TextLayout.Whitespace(indentation));

        if (index == 0)
        {
            // The first directive carries the file header (comments, #nullable): keep it first.
            var first = usings[0];
            directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
            usings = usings.Replace(first, first.WithLeadingTrivia(TextLayout.Whitespace(indentation)));
        }

        return usings.Insert(index, directive);
    }

    private static int InsertionIndex(SyntaxList<UsingDirectiveSyntax> usings, string ns)
    {
        var lastPlain = -1;
        for (var i = 0; i < usings.Count; i++)
        {
            var existing = usings[i];
            if (!IsPlain(existing))
            {
                continue;
            }

            if (Compare(ns, existing.Name!.ToString()) < 0)
            {
                return i;
            }

            lastPlain = i;
        }

        return lastPlain + 1;
    }

    /// <summary>A plain namespace import: not global, not static, not an alias.</summary>
    private static bool IsPlain(UsingDirectiveSyntax directive) =>
        directive.GlobalKeyword.IsKind(SyntaxKind.None)
        && directive.StaticKeyword.IsKind(SyntaxKind.None)
        && directive.Alias is null
        && directive.Name is not null;

    /// <summary>System namespaces first, then ordinal, ignoring case (dotnet_sort_system_directives_first).</summary>
    private static int Compare(string left, string right)
    {
        var leftIsSystem = IsSystem(left);
        var rightIsSystem = IsSystem(right);
        if (leftIsSystem != rightIsSystem)
        {
            return leftIsSystem ? -1 : 1;
        }

        var result = string.Compare(left, right, StringComparison.OrdinalIgnoreCase);
        return result != 0 ? result : string.CompareOrdinal(left, right);
    }

    private static bool IsSystem(string ns) => ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal);

    private static CompilationUnitSyntax AddToEmptyCompilationUnit(CompilationUnitSyntax root, string ns, TextLayout layout)
    {
        // No using anywhere: put it at the top, after the header, followed by a blank line.
        var firstToken = root.GetFirstToken(includeZeroWidth: true);
        var header = firstToken.LeadingTrivia;
        var directive = Create(ns, layout).WithLeadingTrivia(header);
        var newRoot = root.ReplaceToken(firstToken, firstToken.WithLeadingTrivia(layout.EndOfLineTrivia));
        return newRoot.WithUsings(newRoot.Usings.Add(directive));
    }

    private static UsingDirectiveSyntax Create(string ns, TextLayout layout) =>
        // Parsed rather than built, so that it carries no elastic trivia a later formatting pass could rewrite.
        SyntaxFactory.ParseCompilationUnit("using " + ns + ";" + layout.EndOfLine).Usings[0];

    private static string IndentationOf(SyntaxTriviaList leading)
    {
        // The whitespace after the last line break: the directive's indentation.
        var indentation = string.Empty;
        foreach (var trivia in leading)
        {
            if (trivia.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                indentation = trivia.ToString();
            }
            else
            {
                indentation = string.Empty;
            }
        }

        return indentation;
    }
}
