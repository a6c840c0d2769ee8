using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>
/// GK2004's filter before the first query that binds the test (<c>GetSymbolInfo</c> of the call binds the whole
/// method body, with nullable analysis): false when <see cref="CannotFailAssertions.Find"/> surely finds nothing
/// in the call, read from the values written in it. A constant condition needs a value that can be a constant,
/// the same constant on both sides needs two, the same expression needs two equivalent ones; a never-null check
/// needs a type, and is always asked. Which values count follows the checks: the parameters 0 (and 1) of the
/// asserts of xUnit, NUnit and MSTest are their first arguments (the assert classes are not static, so their
/// methods are no extension methods), the subject of <c>Should()</c> and of Shouldly is the receiver or the first
/// argument; with named arguments, every argument counts.
/// </summary>
internal static class CannotFailAssertionSyntax
{
    /// <summary>
    /// False when the call <paramref name="invocation"/> named <paramref name="name"/> (which passed
    /// <see cref="CannotFailAssertions.IsCandidateName"/> and <see cref="CannotFailAssertions.IsCandidateCall"/>)
    /// surely is no cannot-fail assertion; which names can denote a type or namespace says <paramref name="typeNames"/>.
    /// </summary>
    public static bool MayBeCannotFail(InvocationExpressionSyntax invocation, string name, TypeOrNamespaceNames typeNames, CancellationToken cancellationToken)
    {
        var context = new Context(typeNames, cancellationToken);
        var arguments = invocation.ArgumentList.Arguments;
        switch (name)
        {
            case "Pass":
            case "NotNull":
            case "IsNotNull":
                return true;
            case "True":
            case "False":
            case "IsTrue":
            case "IsFalse":
                return context.AnyMayBeConstant(Leading(arguments, 1));
            case "Equal":
            case "StrictEqual":
            case "Equivalent":
            case "Same":
            case "AreEqual":
            case "AreSame":
                return context.SameOrConstantSides(Leading(arguments, 2));
            case "That":
                return MayBeCannotFailThat(arguments, context);
            case "ShouldBeTrue":
            case "ShouldBeFalse":
                return context.AnyMayBeConstant(WithReceiver(invocation, Leading(arguments, 1)));
            case "ShouldBe":
            case "ShouldBeSameAs":
            case "ShouldBeEquivalentTo":
                return context.SameOrConstantSides(WithReceiver(invocation, Leading(arguments, 2)));
            case "Should":
                // x.Should().Be(y) (IsCandidateCall checked the shape): the subject, and the assertion's first argument.
                var access = (MemberAccessExpressionSyntax)invocation.Parent!;
                var assertion = (InvocationExpressionSyntax)access.Parent!;
                var subject = WithReceiver(invocation, Leading(arguments, 1));
                var expected = Leading(assertion.ArgumentList.Arguments, 1);
                switch (access.Name.Identifier.ValueText)
                {
                    case "NotBeNull":
                        return true;
                    case "BeTrue":
                    case "BeFalse":
                        return context.AnyMayBeConstant(subject);
                    default:
                        return (context.AnyMayBeConstant(subject) && context.AnyMayBeConstant(expected)) || AnyEquivalent(subject, expected);
                }

            default:
                return true;
        }
    }

    /// <summary>
    /// NUnit <c>Assert.That(actual[, constraint])</c>: a constant actual (a condition, <c>Is.True</c>, <c>Is.EqualTo(constant)</c>),
    /// <c>Is.Not.Null</c> (the type decides), or the actual equivalent to the value of a one-argument constraint (<c>Is.EqualTo(x)</c>).
    /// </summary>
    private static bool MayBeCannotFailThat(SeparatedSyntaxList<ArgumentSyntax> arguments, Context context)
    {
        var actual = Leading(arguments, 1);
        if (context.AnyMayBeConstant(actual))
        {
            return true;
        }

        foreach (var argument in arguments)
        {
            switch (Strip(argument.Expression))
            {
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Null", Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Not" } }:
                    return true;
                case InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } constraint
                    when AnyEquivalent(actual, new List<ExpressionSyntax> { constraint.ArgumentList.Arguments[0].Expression }):
                    return true;
            }
        }

        return false;
    }

    /// <summary>The expressions of the first <paramref name="count"/> arguments, or of all of them when one is named.</summary>
    private static List<ExpressionSyntax> Leading(SeparatedSyntaxList<ArgumentSyntax> arguments, int count)
    {
        var named = false;
        foreach (var argument in arguments)
        {
            named |= argument.NameColon is not null;
        }

        var values = new List<ExpressionSyntax>();
        for (var i = 0; i < arguments.Count && (named || i < count); i++)
        {
            values.Add(arguments[i].Expression);
        }

        return values;
    }

    /// <summary>The receiver of an extension method call (<c>x.ShouldBe(y)</c>: parameter 0) and the arguments.</summary>
    private static List<ExpressionSyntax> WithReceiver(InvocationExpressionSyntax invocation, List<ExpressionSyntax> values)
    {
        if (invocation.Expression is MemberAccessExpressionSyntax access)
        {
            values.Add(access.Expression);
        }

        return values;
    }

    private static bool AnyEquivalent(List<ExpressionSyntax> left, List<ExpressionSyntax> right)
    {
        foreach (var l in left)
        {
            foreach (var r in right)
            {
                if (!ReferenceEquals(l, r) && SyntaxFactory.AreEquivalent(CannotFailAssertions.Normalize(l), CannotFailAssertions.Normalize(r), topLevel: false))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The expression without what does not change its constant value: parentheses, <c>!</c>, <c>checked(…)</c>.</summary>
    private static ExpressionSyntax Strip(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    expression = suppressed.Operand;
                    break;
                case CheckedExpressionSyntax @checked:
                    expression = @checked.Expression;
                    break;
                default:
                    return expression;
            }
        }
    }

    /// <summary>Where the call is: its enclosing blocks and parameters decide what a simple name can be.</summary>
    private readonly struct Context
    {
        private readonly TypeOrNamespaceNames _typeNames;
        private readonly CancellationToken _cancellationToken;

        public Context(TypeOrNamespaceNames typeNames, CancellationToken cancellationToken)
        {
            _typeNames = typeNames;
            _cancellationToken = cancellationToken;
        }

        public bool AnyMayBeConstant(List<ExpressionSyntax> values)
        {
            foreach (var value in values)
            {
                if (MayBeConstant(value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Two of the values may be constants, or two are the same expression.</summary>
        public bool SameOrConstantSides(List<ExpressionSyntax> values)
        {
            var constants = 0;
            foreach (var value in values)
            {
                if (MayBeConstant(value) && ++constants >= 2)
                {
                    return true;
                }
            }

            return AnyEquivalent(values, values);
        }

        /// <summary>
        /// False when <paramref name="expression"/> surely has no constant value: calls (but <c>nameof</c>), creations,
        /// element accesses, <c>this</c>, lambdas, <c>typeof</c>, a local or parameter, and a member of a value (a
        /// constant is a member of a type: the receiver must be a name that can denote a type or namespace).
        /// </summary>
        public bool MayBeConstant(ExpressionSyntax expression)
        {
            expression = Strip(expression);
            switch (expression)
            {
                case LiteralExpressionSyntax or DefaultExpressionSyntax or SizeOfExpressionSyntax or InterpolatedStringExpressionSyntax:
                    return true;
                case CastExpressionSyntax cast:
                    return MayBeConstant(cast.Expression);
                case PrefixUnaryExpressionSyntax unary:
                    return MayBeConstant(unary.Operand);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AsExpression) || binary.IsKind(SyntaxKind.IsExpression):
                    return MayBeConstant(binary.Left);
                case BinaryExpressionSyntax binary:
                    return MayBeConstant(binary.Left) && MayBeConstant(binary.Right);
                case ConditionalExpressionSyntax conditional:
                    return MayBeConstant(conditional.Condition) && MayBeConstant(conditional.WhenTrue) && MayBeConstant(conditional.WhenFalse);
                case InvocationExpressionSyntax call:
                    return call.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" };
                case IdentifierNameSyntax identifier:
                    return !IsLocalOrParameter(identifier);
                case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                    return _typeNames.MayDenoteTypeOrNamespace(access.Expression, _cancellationToken);
                case ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or AnonymousObjectCreationExpressionSyntax
                    or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or ElementAccessExpressionSyntax
                    or ConditionalAccessExpressionSyntax or ThisExpressionSyntax or BaseExpressionSyntax or AnonymousFunctionExpressionSyntax
                    or TypeOfExpressionSyntax or AwaitExpressionSyntax or AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax
                    or IsPatternExpressionSyntax or SwitchExpressionSyntax or QueryExpressionSyntax or ThrowExpressionSyntax
                    or TupleExpressionSyntax or InitializerExpressionSyntax or StackAllocArrayCreationExpressionSyntax
                    or ImplicitStackAllocArrayCreationExpressionSyntax or RefExpressionSyntax or DeclarationExpressionSyntax:
                    return false;
                default:
                    return true;
            }
        }

        /// <summary>
        /// True when <paramref name="identifier"/> surely names a local that is not a constant, or a parameter, declared
        /// around it: a declaration in an enclosing block (a local's scope is its whole block, and it hides every
        /// member and type of that name), a <c>foreach</c>, <c>for</c>, <c>using</c> or <c>catch</c> variable, a
        /// parameter of an enclosing lambda, local function or method. Pattern and <c>out</c> variables are not looked for.
        /// </summary>
        private bool IsLocalOrParameter(IdentifierNameSyntax identifier)
        {
            var name = identifier.Identifier.ValueText;
            foreach (var ancestor in identifier.Ancestors())
            {
                switch (ancestor)
                {
                    case BlockSyntax block when DeclaresLocal(block.Statements, name):
                    case SwitchSectionSyntax section when DeclaresLocal(section.Statements, name):
                    case ForEachStatementSyntax forEach when forEach.Identifier.ValueText == name:
                    case ForStatementSyntax { Declaration: { } forDeclaration } when Declares(forDeclaration, name):
                    case UsingStatementSyntax { Declaration: { } usingDeclaration } when Declares(usingDeclaration, name):
                    case CatchClauseSyntax { Declaration: { } catchDeclaration } when catchDeclaration.Identifier.ValueText == name:
                    case SimpleLambdaExpressionSyntax simple when simple.Parameter.Identifier.ValueText == name:
                    case ParenthesizedLambdaExpressionSyntax lambda when HasParameter(lambda.ParameterList, name):
                    case AnonymousMethodExpressionSyntax { ParameterList: { } anonymousParameters } when HasParameter(anonymousParameters, name):
                    case LocalFunctionStatementSyntax localFunction when HasParameter(localFunction.ParameterList, name):
                    case BaseMethodDeclarationSyntax method when HasParameter(method.ParameterList, name):
                        return true;
                    case MemberDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }

        private static bool DeclaresLocal(SyntaxList<StatementSyntax> statements, string name)
        {
            foreach (var statement in statements)
            {
                if (statement is LocalDeclarationStatementSyntax local && !local.IsConst && Declares(local.Declaration, name))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Declares(VariableDeclarationSyntax declaration, string name)
        {
            foreach (var variable in declaration.Variables)
            {
                if (variable.Identifier.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasParameter(BaseParameterListSyntax parameters, string name)
        {
            foreach (var parameter in parameters.Parameters)
            {
                if (parameter.Identifier.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
