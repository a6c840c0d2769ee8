using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Infrastructure;

/// <summary>Syntax around a value that leaves the value itself alone.</summary>
internal static class ValueSyntax
{
    /// <summary>
    /// The expression under parentheses, casts and <c>!</c>: <c>((Order)order!)</c> is <c>order</c>. A cast is kept out of
    /// the way because the IOperation tree's conversion around a local (or a matcher) is looked through the same way.
    /// </summary>
    public static ExpressionSyntax Unwrapped(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    break;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                    expression = suppressed.Operand;
                    break;
                default:
                    return expression;
            }
        }
    }
}
