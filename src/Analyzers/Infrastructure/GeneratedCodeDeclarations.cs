using System.Threading;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Infrastructure;

/// <summary>
/// Declarations marked <c>[GeneratedCode]</c> (<c>System.CodeDom.Compiler.GeneratedCodeAttribute</c>), on themselves or on
/// an enclosing member or type declaration. The driver skips them for node actions when a rule does not analyze
/// generated code, but not inside a per-document (semantic model) action: a rule that reads a whole document checks
/// them itself, the way the driver does. The attribute counts only where it is written around the declaration: on one
/// part of a partial class it does not make the hand-written part generated.
/// </summary>
internal static class GeneratedCodeDeclarations
{
    /// <summary><paramref name="node"/> (inside a body, say) is in a declaration marked <c>[GeneratedCode]</c>.</summary>
    public static bool IsInMarkedDeclaration(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetEnclosingSymbol(node.SpanStart, cancellationToken) is { } symbol && IsMarked(symbol, node);

    public static bool IsMarked(ISymbol symbol, SyntaxNode declaration)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (IsGeneratedCodeAttribute(attribute.AttributeClass)
                    && attribute.ApplicationSyntaxReference is { } application
                    && application.SyntaxTree == declaration.SyntaxTree
                    && application.GetSyntax() is { Parent.Parent: { } marked }
                    && IsSelfOrAncestor(marked, declaration))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsGeneratedCodeAttribute(INamedTypeSymbol? type) =>
        type is { Name: "GeneratedCodeAttribute", ContainingNamespace: { Name: "Compiler", ContainingNamespace: { Name: "CodeDom", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    /// <summary>The declaration the attribute is written on (attribute → attribute list → declaration) encloses <paramref name="declaration"/>.</summary>
    private static bool IsSelfOrAncestor(SyntaxNode marked, SyntaxNode declaration)
    {
        for (var node = declaration; node is not null; node = node.Parent)
        {
            if (node == marked)
            {
                return true;
            }
        }

        return false;
    }
}
