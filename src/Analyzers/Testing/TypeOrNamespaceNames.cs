using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>
/// Whether an expression written as the receiver of a member access can denote a type or namespace (where a
/// constant or a static method is reached), asked without binding the method body around it.
/// </summary>
internal static class TypeOrNamespaceNames
{
    /// <summary>
    /// False when <paramref name="receiver"/> surely denotes a value, so that a static member or a constant cannot
    /// be reached through it in code that compiles. A chain of names can denote a type only if its first name can:
    /// a local, a parameter or a field (a value) does only when a type of that very name is in scope ("Color
    /// Color"), which <see cref="SemanticModel.LookupNamespacesAndTypes"/> at the name tells: that lookup builds the
    /// binders of the position from syntax and binds no statement, except inside a lambda (whose binder needs the
    /// enclosing statement bound), where the answer is "maybe". Calls, <c>this</c>, elements, a name in parentheses
    /// or with <c>!</c> are values.
    /// </summary>
    public static bool MayDenoteTypeOrNamespace(ExpressionSyntax receiver, SemanticModel model) => receiver switch
    {
        MemberAccessExpressionSyntax inner when inner.IsKind(SyntaxKind.SimpleMemberAccessExpression) => MayDenoteTypeOrNamespace(inner.Expression, model),
        IdentifierNameSyntax identifier => MayNameTypeOrNamespace(identifier, model),
        GenericNameSyntax or PredefinedTypeSyntax or AliasQualifiedNameSyntax or QualifiedNameSyntax => true,
        _ => false,
    };

    private static bool MayNameTypeOrNamespace(IdentifierNameSyntax identifier, SemanticModel model)
    {
        foreach (var ancestor in identifier.Ancestors())
        {
            if (ancestor is AnonymousFunctionExpressionSyntax or QueryExpressionSyntax)
            {
                return true;
            }

            if (ancestor is MemberDeclarationSyntax)
            {
                break;
            }
        }

        return !model.LookupNamespacesAndTypes(identifier.SpanStart, container: null, name: identifier.Identifier.ValueText).IsEmpty;
    }
}
