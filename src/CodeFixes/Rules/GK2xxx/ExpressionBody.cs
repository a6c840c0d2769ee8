using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.CodeFixes.Rules;

/// <summary>Turns <c>void Test() =&gt; sut.Run();</c> into a block body, so statements can follow the call.</summary>
internal static class ExpressionBody
{
    /// <summary>
    /// The method with a block body holding the expression as its only statement, or null when the
    /// expression is the method's return value (a non-async method returning something).
    /// </summary>
    public static MethodDeclarationSyntax? ToBlock(MethodDeclarationSyntax method, SemanticModel model, TextLayout layout, CancellationToken cancellationToken)
    {
        if (method.ExpressionBody is not { } arrow
            || model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol
            || !(symbol.ReturnsVoid || (symbol.IsAsync && IsNonGenericTask(symbol.ReturnType))))
        {
            return null;
        }

        var memberIndentation = layout.MemberIndentation(method);
        var eol = layout.EndOfLine;
        var blockText = "{" + eol + memberIndentation + layout.IndentUnit + "__gk_body__();" + eol + memberIndentation + "}";
        if (SyntaxFactory.ParseStatement(blockText) is not BlockSyntax { Statements.Count: 1 } block
            || block.Statements[0] is not ExpressionStatementSyntax placeholder)
        {
            return null;
        }

        var statement = placeholder
            .WithExpression(arrow.Expression.WithoutLeadingTrivia().WithoutTrailingTrivia())
            .WithLeadingTrivia(placeholder.GetLeadingTrivia());
        block = block.ReplaceNode(placeholder, statement)
            .WithLeadingTrivia(layout.EndOfLineTrivia.Add(SyntaxFactory.Whitespace(memberIndentation)))
            .WithTrailingTrivia(method.SemicolonToken.TrailingTrivia);

        // `Test() => …`: the space (or line break) before the arrow goes; comments stay.
        var beforeArrow = arrow.ArrowToken.GetPreviousToken();
        var kept = beforeArrow.TrailingTrivia.Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia));
        var withoutArrow = method.ReplaceToken(beforeArrow, beforeArrow.WithTrailingTrivia(kept));
        return withoutArrow
            .WithExpressionBody(null)
            .WithSemicolonToken(default)
            .WithBody(block);
    }

    private static bool IsNonGenericTask(ITypeSymbol type) =>
        type is INamedTypeSymbol { Arity: 0 }
        && (SymbolNames.IsType(type, "System.Threading.Tasks.Task") || SymbolNames.IsType(type, "System.Threading.Tasks.ValueTask"));
}
