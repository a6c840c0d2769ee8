using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.CodeFixes.Rules;

/// <summary>How the plan changes the statement it is anchored to.</summary>
internal enum AnchorEdit
{
    /// <summary>Assertions go after the anchor.</summary>
    InsertAfter,

    /// <summary>Assertions go before the anchor (a final <c>return</c> or other jump).</summary>
    InsertBefore,

    /// <summary>The anchor becomes <c>var result = …;</c> and the assertions follow it.</summary>
    Capture,

    /// <summary>The assertion statements replace the anchor (does-not-throw forms).</summary>
    Replace,
}

/// <summary>Where and what to assert in one test method.</summary>
internal sealed class AssertionPlan : IAssertionSubject
{
    private readonly Dictionary<string, string> _names = new();
    private readonly FreeNames _freeNames;

    public AssertionPlan(AssertionKind kind, StatementSyntax anchor, AnchorEdit edit, FreeNames freeNames, bool inAsyncMethod)
    {
        InAsyncMethod = inAsyncMethod;
        Kind = kind;
        Anchor = anchor;
        Edit = edit;
        _freeNames = freeNames;
    }

    public AssertionKind Kind { get; }

    /// <inheritdoc/>
    public bool InAsyncMethod { get; }

    public StatementSyntax Anchor { get; }

    public AnchorEdit Edit { get; }

    /// <inheritdoc/>
    public string ValueName { get; set; } = string.Empty;

    /// <summary>For <see cref="AnchorEdit.Capture"/>: the value stored in <see cref="ValueName"/>.</summary>
    public ExpressionSyntax? CapturedValue { get; set; }

    /// <summary>For the does-not-throw kinds: the call, or the awaitable without its <c>await</c>.</summary>
    public ExpressionSyntax? Operand { get; set; }

    /// <summary>True when <see cref="Operand"/> is a <c>Task</c> that a <c>Func&lt;Task&gt;</c> lambda can return as is.</summary>
    public bool OperandIsTask { get; set; }

    /// <inheritdoc/>
    public bool StatementPerformsCall { get; set; }

    /// <inheritdoc/>
    public string Lambda => Kind == AssertionKind.DoesNotThrowAsync && !OperandIsTask
        ? "async () => await " + AssertionTemplates.Operand
        : "() => " + AssertionTemplates.Operand;

    /// <inheritdoc/>
    public string FreeName(string baseName)
    {
        if (!_names.TryGetValue(baseName, out var name))
        {
            name = _freeNames.Next(baseName);
            _names.Add(baseName, name);
        }

        return name;
    }
}

/// <summary>
/// Decides what a test that asserts nothing should assert, from its last statement:
/// <list type="bullet">
/// <item>a call that produces a reference, a <c>Nullable&lt;T&gt;</c> or a <c>bool</c>: capture it
/// (<c>var result = …;</c>) and assert it is not null / true;</item>
/// <item>a local declaration of such a value: assert on that local;</item>
/// <item>a call that returns nothing (void, <c>Task</c>, <c>ValueTask</c>), or a value with no honest
/// expectation (an <c>int</c>, a struct, an unconstrained <c>T</c>: any constant we compared it with
/// would be made up): assert that the call does not throw;</item>
/// <item>any other statement: assert on the last top-level local that holds such a value.</item>
/// </list>
/// Returns null (no fix) when there is nothing to assert on — an empty body is the developer's to
/// write — or when the code cannot move where the assertion needs it (a <c>ref</c> argument into a
/// lambda, an <c>await</c> into a method that is not async).
/// </summary>
internal sealed class AssertionPlanner
{
    private readonly SemanticModel _model;
    private readonly AssertionDialect _dialect;
    private readonly bool _isAsync;
    private readonly FreeNames _freeNames;
    private readonly CancellationToken _cancellationToken;

    private AssertionPlanner(SemanticModel model, AssertionDialect dialect, bool isAsync, FreeNames freeNames, CancellationToken cancellationToken)
    {
        _model = model;
        _dialect = dialect;
        _isAsync = isAsync;
        _freeNames = freeNames;
        _cancellationToken = cancellationToken;
    }

    public static AssertionPlan? Plan(MethodDeclarationSyntax method, SemanticModel model, AssertionDialect dialect, CancellationToken cancellationToken)
    {
        if (method.Body is not { } body)
        {
            return null;
        }

        // Local functions at the end are declarations, not the test's last action.
        var lastIndex = body.Statements.Count - 1;
        while (lastIndex >= 0 && body.Statements[lastIndex] is LocalFunctionStatementSyntax)
        {
            lastIndex--;
        }

        if (lastIndex < 0)
        {
            return null;
        }

        var last = body.Statements[lastIndex];
        var freeNames = new FreeNames(model, last.SpanStart, method);
        var planner = new AssertionPlanner(model, dialect, method.Modifiers.Any(SyntaxKind.AsyncKeyword), freeNames, cancellationToken);

        AssertionPlan? plan;
        var decided = last switch
        {
            ExpressionStatementSyntax expressionStatement => planner.TryPlanExpressionStatement(expressionStatement, out plan),
            LocalDeclarationStatementSyntax declaration => planner.TryPlanDeclaration(declaration, out plan),
            _ => Undecided(out plan),
        };

        if (!decided)
        {
            plan = planner.PlanFromLocals(body, lastIndex);
        }

        if (plan is null || (dialect.NeedsAsyncMethod(plan.Kind) && !planner._isAsync))
        {
            return null;
        }

        return plan;
    }

    private static bool Undecided(out AssertionPlan? plan)
    {
        plan = null;
        return false;
    }

    /// <returns>False when the statement is not a call (assignment, increment…): plan from the locals instead.</returns>
    private bool TryPlanExpressionStatement(ExpressionStatementSyntax statement, out AssertionPlan? plan)
    {
        plan = null;
        var expression = statement.Expression;
        if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } discard } assignment
            && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
            && _model.GetSymbolInfo(discard, _cancellationToken).Symbol is IDiscardSymbol)
        {
            // `_ = sut.Find(1);` discards the value the test should look at: capture it instead.
            expression = assignment.Right;
        }

        if (expression is AwaitExpressionSyntax awaitExpression)
        {
            if (!_isAsync)
            {
                // Half-typed: an await in a method that is not async yet.
                return true;
            }

            var awaitedType = _model.GetTypeInfo(awaitExpression, _cancellationToken).Type;
            if (awaitedType is null || awaitedType.TypeKind == TypeKind.Error)
            {
                return true;
            }

            plan = awaitedType.SpecialType == SpecialType.System_Void
                ? DoesNotThrowAsync(statement, AnchorEdit.Replace, awaitExpression.Expression, statementPerformsCall: true)
                : PlanValue(statement, awaitExpression, awaitedType, () => DoesNotThrowAsync(statement, AnchorEdit.Replace, awaitExpression.Expression, statementPerformsCall: true));
            return true;
        }

        if (!IsCall(expression))
        {
            return false;
        }

        var type = _model.GetTypeInfo(expression, _cancellationToken).Type;
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return true;
        }

        if (type.SpecialType == SpecialType.System_Void)
        {
            plan = DoesNotThrow(statement, expression, statementPerformsCall: true);
        }
        else if (IsAwaitable(type))
        {
            // Not awaited: the fixed test awaits it, so that a fault fails the test.
            plan = DoesNotThrowAsync(statement, AnchorEdit.Replace, expression, statementPerformsCall: false);
        }
        else if (expression is BaseObjectCreationExpressionSyntax)
        {
            // `new T(…)` is never null: all there is to check is that the constructor does not throw.
            plan = DoesNotThrow(statement, expression, statementPerformsCall: true);
        }
        else
        {
            plan = PlanValue(statement, expression, type, () => DoesNotThrow(statement, expression, statementPerformsCall: true));
        }

        return true;
    }

    /// <returns>False when the declaration gives nothing to assert on by itself: plan from the locals instead.</returns>
    private bool TryPlanDeclaration(LocalDeclarationStatementSyntax declaration, out AssertionPlan? plan)
    {
        plan = null;
        if (declaration.IsConst
            || declaration.Declaration.Variables.Count != 1
            || declaration.Declaration.Variables[0] is not { Initializer: { } initializer } variable)
        {
            return false;
        }

        if (_model.GetDeclaredSymbol(variable, _cancellationToken) is not ILocalSymbol local)
        {
            return true;
        }

        var check = Classify(local.Type);
        if (check == ValueCheck.Unusable)
        {
            return true;
        }

        var value = initializer.Value;
        if ((check is ValueCheck.NotNull or ValueCheck.IsTrue) && !IsKnownWithoutRunning(value))
        {
            plan = new AssertionPlan(ToKind(check), declaration, AnchorEdit.InsertAfter, _freeNames, _isAsync) { ValueName = variable.Identifier.Text };
            return true;
        }

        // No honest value: check that producing it does not throw. A using declaration would lose
        // its Dispose in a lambda, and a ref local cannot move into one.
        if (!declaration.UsingKeyword.IsKind(SyntaxKind.None) || declaration.Declaration.Type is RefTypeSyntax)
        {
            return true;
        }

        if (value is AwaitExpressionSyntax awaitExpression)
        {
            plan = _isAsync ? DoesNotThrowAsync(declaration, AnchorEdit.Replace, awaitExpression.Expression, statementPerformsCall: true) : null;
            return true;
        }

        if (!IsCall(value))
        {
            // A literal or a computation: nothing ran that could fail.
            return false;
        }

        var valueType = _model.GetTypeInfo(value, _cancellationToken).Type;
        plan = valueType is not null && IsAwaitable(valueType)
            ? DoesNotThrowAsync(declaration, AnchorEdit.Replace, value, statementPerformsCall: false)
            : DoesNotThrow(declaration, value, statementPerformsCall: true);
        return true;
    }

    /// <summary>Any other last statement: assert on the last top-level local that holds a checkable value.</summary>
    private AssertionPlan? PlanFromLocals(BlockSyntax body, int lastIndex)
    {
        VariableDeclaratorSyntax? chosen = null;
        var chosenCheck = ValueCheck.Unusable;
        for (var i = 0; i <= lastIndex; i++)
        {
            if (body.Statements[i] is not LocalDeclarationStatementSyntax { IsConst: false } declaration)
            {
                continue;
            }

            foreach (var variable in declaration.Declaration.Variables)
            {
                if (variable.Initializer is { } initializer && IsKnownWithoutRunning(initializer.Value))
                {
                    continue;
                }

                if (_model.GetDeclaredSymbol(variable, _cancellationToken) is ILocalSymbol local
                    && Classify(local.Type) is ValueCheck.NotNull or ValueCheck.IsTrue)
                {
                    chosen = variable;
                    chosenCheck = Classify(local.Type);
                }
            }
        }

        if (chosen is null)
        {
            return null;
        }

        var last = body.Statements[lastIndex];
        var edit = last is ReturnStatementSyntax or ThrowStatementSyntax or GotoStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax or YieldStatementSyntax
            ? AnchorEdit.InsertBefore
            : AnchorEdit.InsertAfter;
        return new AssertionPlan(ToKind(chosenCheck), last, edit, _freeNames, _isAsync) { ValueName = chosen.Identifier.Text };
    }

    /// <summary>A produced value: capture it and assert on it, or fall back when it has no honest check.</summary>
    private AssertionPlan? PlanValue(StatementSyntax statement, ExpressionSyntax value, ITypeSymbol type, Func<AssertionPlan?> noHonestValue)
    {
        var check = Classify(type);
        switch (check)
        {
            case ValueCheck.NotNull:
            case ValueCheck.IsTrue:
                return new AssertionPlan(ToKind(check), statement, AnchorEdit.Capture, _freeNames, _isAsync)
                {
                    ValueName = _freeNames.Next("result"),
                    CapturedValue = value,
                };
            case ValueCheck.NoHonestValue:
                return noHonestValue();
            default:
                return null;
        }
    }

    private AssertionPlan? DoesNotThrow(StatementSyntax statement, ExpressionSyntax call, bool statementPerformsCall)
    {
        if (_dialect.MovesCallIntoLambda && !CanMoveIntoLambda(call))
        {
            return null;
        }

        return new AssertionPlan(AssertionKind.DoesNotThrow, statement, AnchorEdit.Replace, _freeNames, _isAsync)
        {
            Operand = call,
            StatementPerformsCall = statementPerformsCall,
        };
    }

    private AssertionPlan? DoesNotThrowAsync(StatementSyntax statement, AnchorEdit edit, ExpressionSyntax awaitable, bool statementPerformsCall)
    {
        if (_dialect.MovesCallIntoLambda && !CanMoveIntoLambda(awaitable))
        {
            return null;
        }

        var type = _model.GetTypeInfo(awaitable, _cancellationToken).Type;
        return new AssertionPlan(AssertionKind.DoesNotThrowAsync, statement, edit, _freeNames, _isAsync)
        {
            Operand = awaitable,
            OperandIsTask = type is not null && SymbolNames.IsType(type.OriginalDefinition, "System.Threading.Tasks.Task"),
            StatementPerformsCall = statementPerformsCall,
        };
    }

    /// <summary>
    /// A lambda cannot capture ref parameters, ref locals or ref-like values, and a ref/out
    /// argument or stackalloc inside one would change what the test does: offer no fix then.
    /// </summary>
    private bool CanMoveIntoLambda(ExpressionSyntax call)
    {
        foreach (var node in call.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                case StackAllocArrayCreationExpressionSyntax:
                case ImplicitStackAllocArrayCreationExpressionSyntax:
                case RefExpressionSyntax:
                    return false;
                case IdentifierNameSyntax identifier:
                    var symbol = _model.GetSymbolInfo(identifier, _cancellationToken).Symbol;
                    if (symbol is ILocalSymbol local && (local.RefKind != RefKind.None || local.Type.IsRefLikeType))
                    {
                        return false;
                    }

                    if (symbol is IParameterSymbol parameter && (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType))
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    private static AssertionKind ToKind(ValueCheck check) => check == ValueCheck.IsTrue ? AssertionKind.IsTrue : AssertionKind.NotNull;

    /// <summary>A call in the broad sense: something that runs code under test and can be a statement.</summary>
    private static bool IsCall(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case InvocationExpressionSyntax:
            case BaseObjectCreationExpressionSyntax:
                return true;
            case ConditionalAccessExpressionSyntax conditional:
                // `a?.B()`, `a?.B.C()`: the innermost WhenNotNull is the call.
                ExpressionSyntax whenNotNull = conditional.WhenNotNull;
                while (whenNotNull is ConditionalAccessExpressionSyntax nested)
                {
                    whenNotNull = nested.WhenNotNull;
                }

                return whenNotNull is InvocationExpressionSyntax;
            default:
                return false;
        }
    }

    private static bool IsAwaitable(ITypeSymbol type) =>
        SymbolNames.IsType(type.OriginalDefinition, "System.Threading.Tasks.Task")
        || SymbolNames.IsType(type.OriginalDefinition, "System.Threading.Tasks.ValueTask");

    /// <summary>
    /// A value known without running anything (a literal, a constant, <c>new</c>, a lambda…):
    /// asserting that it is not null or true could never fail, so it is no assertion at all.
    /// </summary>
    private bool IsKnownWithoutRunning(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                case PostfixUnaryExpressionSyntax suppression when suppression.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    expression = suppression.Operand;
                    continue;
            }

            break;
        }

        switch (expression)
        {
            case LiteralExpressionSyntax:
            case BaseObjectCreationExpressionSyntax:
            case ArrayCreationExpressionSyntax:
            case ImplicitArrayCreationExpressionSyntax:
            case AnonymousObjectCreationExpressionSyntax:
            case InterpolatedStringExpressionSyntax:
            case TypeOfExpressionSyntax:
            case DefaultExpressionSyntax:
            case ThisExpressionSyntax:
            case AnonymousFunctionExpressionSyntax:
                return true;
        }

        // Collection expressions (C# 12) postdate the Roslyn version this assembly compiles against.
        if (expression.Kind().ToString() == "CollectionExpression")
        {
            return true;
        }

        return _model.GetConstantValue(expression, _cancellationToken).HasValue;
    }

    private static ValueCheck Classify(ITypeSymbol? type)
    {
        if (type is null || type.TypeKind is TypeKind.Error or TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            return ValueCheck.Unusable;
        }

        if (type.SpecialType == SpecialType.System_Boolean)
        {
            return ValueCheck.IsTrue;
        }

        if (type.TypeKind == TypeKind.Dynamic || IsAwaitable(type))
        {
            // A task "not null" says nothing about its outcome; a dynamic value cannot take extension methods.
            return ValueCheck.NoHonestValue;
        }

        if (type.IsReferenceType || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return ValueCheck.NotNull;
        }

        // Non-nullable value types, and type parameters that may be either.
        return ValueCheck.NoHonestValue;
    }

    private enum ValueCheck
    {
        NotNull,
        IsTrue,
        NoHonestValue,
        Unusable,
    }
}
