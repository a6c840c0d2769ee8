using System;
using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>Why an assertion can never fail.</summary>
internal enum CannotFailReason
{
    /// <summary><c>Assert.True(true)</c>, <c>Assert.False(false)</c>, <c>true.Should().BeTrue()</c>.</summary>
    ConstantCondition,

    /// <summary><c>Assert.Equal(x, x)</c>: the same side-effect-free expression on both sides.</summary>
    SameExpression,

    /// <summary><c>Assert.Equal(1, 1)</c>: the same compile-time constant on both sides.</summary>
    EqualConstants,

    /// <summary><c>Assert.NotNull(42)</c>: a non-nullable value type is never null.</summary>
    NeverNull,

    /// <summary>NUnit <c>Assert.Pass()</c>: ends the test as passed (a failure only when it is the test's only assertion).</summary>
    Pass,
}

/// <summary>An assertion that can never fail: why, the call to report, and a short description for the message.</summary>
internal readonly struct CannotFailAssertion
{
    public CannotFailAssertion(CannotFailReason reason, InvocationExpressionSyntax assertion, string description)
    {
        Reason = reason;
        Assertion = assertion;
        Description = description;
    }

    public CannotFailReason Reason { get; }

    /// <summary>The whole assertion call: <c>Assert.Equal(x, x)</c>, <c>x.Should().Be(x)</c>.</summary>
    public InvocationExpressionSyntax Assertion { get; }

    /// <summary>Why it cannot fail, as the end of a sentence ("its condition is always true").</summary>
    public string Description { get; }
}

/// <summary>
/// Recognizes assertions that can never fail, in xUnit, NUnit (constraint and classic models), MSTest,
/// FluentAssertions and Shouldly: a constant condition, the same side-effect-free expression (or the
/// same constant) on both sides of an equality, a non-nullable value checked for null, NUnit's
/// <c>Assert.Pass()</c>. Shared by GK2004 (which reports them) and GK2001 (for which they are no
/// assertion). Works on the syntax of the call plus its semantic model.
/// </summary>
internal static class CannotFailAssertions
{
    private const int MaxDescribedLength = 60;

    /// <summary>Names of the methods this class knows: a cheap filter before the semantic model is asked.</summary>
    public static bool IsCandidateName(string name) =>
        name is "True" or "False" or "Equal" or "StrictEqual" or "Same" or "Equivalent" or "NotNull"
            or "That" or "IsTrue" or "IsFalse" or "AreEqual" or "AreSame" or "IsNotNull" or "Pass"
            or "Should" or "ShouldBe" or "ShouldBeTrue" or "ShouldBeFalse" or "ShouldBeSameAs" or "ShouldBeEquivalentTo";

    /// <summary>
    /// The cannot-fail assertion that <paramref name="invocation"/> (a call of <paramref name="method"/>)
    /// is, or starts (FluentAssertions: <paramref name="invocation"/> is the <c>Should()</c> call and the
    /// assertion is the call chained onto it); null when it can fail or is not an assertion we know.
    /// </summary>
    public static CannotFailAssertion? Find(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        method = method.ReducedFrom ?? method;
        var type = method.ContainingType;
        if (type is null || !IsCandidateName(method.Name))
        {
            return null;
        }

        if (method.Name != "Pass" && !MayBeCannotFail(invocation, method.Name, model, cancellationToken))
        {
            // Decided without the IOperation tree (GetOperation builds it for the whole method body).
            return null;
        }

        if (SymbolNames.IsType(type, "Xunit.Assert"))
        {
            return Xunit(invocation, method.Name, model, cancellationToken);
        }

        if (SymbolNames.IsType(type, "NUnit.Framework.Assert") || SymbolNames.IsType(type, "NUnit.Framework.Legacy.ClassicAssert"))
        {
            return NUnit(invocation, method.Name, model, cancellationToken);
        }

        if (SymbolNames.IsType(type, "Microsoft.VisualStudio.TestTools.UnitTesting.Assert"))
        {
            return MSTest(invocation, method.Name, model, cancellationToken);
        }

        if (method.Name == "Should" && (SymbolNames.IsInNamespace(type.ContainingNamespace, "FluentAssertions") || SymbolNames.IsInNamespace(type.ContainingNamespace, "AwesomeAssertions")))
        {
            return FluentAssertions(invocation, model, cancellationToken);
        }

        if (SymbolNames.IsInNamespace(type.ContainingNamespace, "Shouldly"))
        {
            return Shouldly(invocation, method.Name, model, cancellationToken);
        }

        return null;
    }

    /// <summary>
    /// A necessary condition for every reason above, read from the values written in the call with
    /// cheap semantic queries (constant values, types; no IOperation): a constant condition needs a
    /// constant, the same constant on both sides needs two, the same expression on both sides needs two
    /// equivalent expressions, a never-null check needs a value type. False means the call surely can fail.
    /// </summary>
    private static bool MayBeCannotFail(InvocationExpressionSyntax invocation, string methodName, SemanticModel model, CancellationToken cancellationToken)
    {
        if (methodName == "That")
        {
            return MayBeCannotFailThat(invocation, model, cancellationToken);
        }

        var name = methodName;
        var values = new System.Collections.Generic.List<ExpressionSyntax>();
        if (methodName == "Should")
        {
            // x.Should().Be(y): the subject and the chained assertion's arguments; the assertion's name decides.
            if (invocation.Parent is not MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax assertion } access)
            {
                return false;
            }

            name = access.Name.Identifier.ValueText;
            AddValues(invocation, values, nested: false);
            AddValues(assertion, values, nested: false);
        }
        else
        {
            // Assert.That(x, Is.EqualTo(y)): the constraint's argument is one of the compared values.
            AddValues(invocation, values, nested: name == "That");
        }

        var isCondition = name is "True" or "False" or "IsTrue" or "IsFalse" or "BeTrue" or "BeFalse" or "ShouldBeTrue" or "ShouldBeFalse" or "That";
        var isNullCheck = name is "NotNull" or "IsNotNull" or "NotBeNull" or "That";
        var isComparison = name is "Equal" or "StrictEqual" or "Equivalent" or "Same" or "AreEqual" or "AreSame"
            or "ShouldBe" or "ShouldBeSameAs" or "ShouldBeEquivalentTo" or "Be" or "BeEquivalentTo" or "BeSameAs" or "That";

        var constants = 0;
        foreach (var value in values)
        {
            if (isNullCheck && model.GetTypeInfo(value, cancellationToken).Type is not { IsReferenceType: true })
            {
                return true;
            }

            if ((isCondition || isComparison) && model.GetConstantValue(value, cancellationToken).HasValue)
            {
                constants++;
                if (isCondition || constants >= 2)
                {
                    return true;
                }
            }
        }

        if (isComparison)
        {
            // Each value normalized once, not once per pair (a chain's subject, its Should() and the expected value).
            var normalized = new SyntaxNode[values.Count];
            for (var i = 0; i < values.Count; i++)
            {
                normalized[i] = Normalize(values[i]);
            }

            for (var i = 0; i < values.Count; i++)
            {
                for (var j = i + 1; j < values.Count; j++)
                {
                    if (SyntaxFactory.AreEquivalent(normalized[i], normalized[j], topLevel: false))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// NUnit's <c>Assert.That(actual[, constraint])</c> can only fail never (<see cref="NUnitThat"/>) with a constant
    /// actual (a condition, <c>Is.True</c>, <c>Is.EqualTo(constant)</c>), a value type under <c>….Not.Null</c>, or
    /// the actual written again in <c>Is.EqualTo(…)</c> / <c>Is.SameAs(…)</c>. Read per argument: the constraint's
    /// own constants (<c>Is.EqualTo(5)</c>) let nearly every call through before, and each one then built the
    /// IOperation tree of its test (a fifth of GK2001's time on NUnit tests).
    /// </summary>
    private static bool MayBeCannotFailThat(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        var arguments = invocation.ArgumentList.Arguments;
        if (arguments.Count == 0)
        {
            return false;
        }

        foreach (var argument in arguments)
        {
            if (argument.NameColon is not null)
            {
                // Named arguments: the text's order is not the parameters'.
                return true;
            }
        }

        var actual = arguments[0].Expression;
        if (model.GetConstantValue(actual, cancellationToken).HasValue)
        {
            return true;
        }

        if (arguments.Count < 2)
        {
            return false;
        }

        var constraint = arguments[1].Expression;
        while (constraint is ParenthesizedExpressionSyntax parenthesized)
        {
            constraint = parenthesized.Expression;
        }

        return constraint switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Null", Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Not" } } =>
                model.GetTypeInfo(actual, cancellationToken).Type is not { IsReferenceType: true },
            InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } constraintArguments } =>
                SyntaxFactory.AreEquivalent(Normalize(actual), Normalize(constraintArguments[0].Expression), topLevel: false),
            _ => false,
        };
    }

    /// <summary>The receiver and the argument expressions of a call (and, when <paramref name="nested"/>, the arguments of calls among them).</summary>
    private static void AddValues(InvocationExpressionSyntax invocation, System.Collections.Generic.List<ExpressionSyntax> values, bool nested)
    {
        if (invocation.Expression is MemberAccessExpressionSyntax access)
        {
            values.Add(access.Expression);
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            values.Add(argument.Expression);
            if (nested && argument.Expression is InvocationExpressionSyntax inner)
            {
                AddValues(inner, values, nested: false);
            }
        }
    }

    private static CannotFailAssertion? Xunit(InvocationExpressionSyntax invocation, string name, SemanticModel model, CancellationToken cancellationToken)
    {
        if (Operation(invocation, model, cancellationToken) is not { } operation)
        {
            return null;
        }

        return name switch
        {
            "True" => ConstantCondition(invocation, Argument(operation, 0), expected: true, model),
            "False" => ConstantCondition(invocation, Argument(operation, 0), expected: false, model),
            "Equal" or "StrictEqual" or "Equivalent" => BothSidesSame(invocation, operation, model, referenceIdentity: false),
            "Same" => BothSidesSame(invocation, operation, model, referenceIdentity: true),
            "NotNull" => NeverNull(invocation, Argument(operation, 0)),
            _ => null,
        };
    }

    private static CannotFailAssertion? NUnit(InvocationExpressionSyntax invocation, string name, SemanticModel model, CancellationToken cancellationToken)
    {
        if (name == "Pass")
        {
            return new CannotFailAssertion(CannotFailReason.Pass, invocation, "'Assert.Pass()' ends the test as passed, and the test asserts nothing else");
        }

        if (Operation(invocation, model, cancellationToken) is not { } operation)
        {
            return null;
        }

        switch (name)
        {
            case "That":
                return NUnitThat(invocation, operation, model, cancellationToken);
            case "IsTrue":
            case "True":
                return ConstantCondition(invocation, Argument(operation, 0), expected: true, model);
            case "IsFalse":
            case "False":
                return ConstantCondition(invocation, Argument(operation, 0), expected: false, model);
            case "AreEqual":
                return BothSidesSame(invocation, operation, model, referenceIdentity: false);
            case "AreSame":
                return BothSidesSame(invocation, operation, model, referenceIdentity: true);
            case "IsNotNull":
            case "NotNull":
                return NeverNull(invocation, Argument(operation, 0));
            default:
                return null;
        }
    }

    /// <summary><c>Assert.That(true)</c>, <c>Assert.That(true, Is.True)</c>, <c>Assert.That(x, Is.EqualTo(x))</c>, <c>Assert.That(42, Is.Not.Null)</c>.</summary>
    private static CannotFailAssertion? NUnitThat(InvocationExpressionSyntax invocation, IInvocationOperation operation, SemanticModel model, CancellationToken cancellationToken)
    {
        var actual = Argument(operation, 0);
        var second = Argument(operation, 1);
        if (actual is null)
        {
            return null;
        }

        // Assert.That(bool condition[, message]).
        if (second is null || !IsConstraint(second.Parameter?.Type))
        {
            return actual.Parameter?.Type.SpecialType == SpecialType.System_Boolean
                ? ConstantCondition(invocation, actual, expected: true, model)
                : null;
        }

        var constraint = Unwrap(second.Value).Syntax as ExpressionSyntax;
        switch (constraint)
        {
            // Is.True, Is.False, Is.Not.Null
            case MemberAccessExpressionSyntax access when model.GetSymbolInfo(access, cancellationToken).Symbol is IPropertySymbol property:
                if (IsNUnitIs(property.ContainingType) && property.Name is "True" or "False")
                {
                    return ConstantCondition(invocation, actual, expected: property.Name == "True", model);
                }

                if (property.Name == "Null" && access.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Not" } not
                    && model.GetSymbolInfo(not, cancellationToken).Symbol is IPropertySymbol { Name: "Not" } notProperty
                    && IsNUnitIs(notProperty.ContainingType))
                {
                    return NeverNull(invocation, actual);
                }

                return null;

            // Is.EqualTo(x), Is.SameAs(x)
            case InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } call
                when model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { Name: "EqualTo" or "SameAs" } constraintMethod
                && IsNUnitIs(constraintMethod.ContainingType):
                return SameSides(invocation, actual.Value, Operation(call, model, cancellationToken) is { } constraintCall ? Argument(constraintCall, 0)?.Value : null, model, referenceIdentity: constraintMethod.Name == "SameAs");

            default:
                return null;
        }
    }

    private static bool IsNUnitIs(INamedTypeSymbol? type) => SymbolNames.IsType(type, "NUnit.Framework.Is");

    private static bool IsConstraint(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type.Name == "IResolveConstraint" || type.Name.EndsWith("Constraint", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (@interface.Name == "IResolveConstraint")
            {
                return true;
            }
        }

        return false;
    }

    private static CannotFailAssertion? MSTest(InvocationExpressionSyntax invocation, string name, SemanticModel model, CancellationToken cancellationToken)
    {
        if (Operation(invocation, model, cancellationToken) is not { } operation)
        {
            return null;
        }

        return name switch
        {
            "IsTrue" => ConstantCondition(invocation, Argument(operation, 0), expected: true, model),
            "IsFalse" => ConstantCondition(invocation, Argument(operation, 0), expected: false, model),
            "AreEqual" => BothSidesSame(invocation, operation, model, referenceIdentity: false),
            "AreSame" => BothSidesSame(invocation, operation, model, referenceIdentity: true),
            "IsNotNull" => NeverNull(invocation, Argument(operation, 0)),
            _ => null,
        };
    }

    /// <summary><c>true.Should().BeTrue()</c>, <c>x.Should().Be(x)</c>, <c>x.Should().BeSameAs(x)</c>, <c>42.Should().NotBeNull()</c>.</summary>
    private static CannotFailAssertion? FluentAssertions(InvocationExpressionSyntax should, SemanticModel model, CancellationToken cancellationToken)
    {
        // x.Should().Be(y): the assertion is the call on the Should() result, and nothing is chained after it
        // (`.And.…` continues the assertion with checks that may fail).
        if (should.Parent is not MemberAccessExpressionSyntax access
            || access.Parent is not InvocationExpressionSyntax assertion
            || assertion.Expression != access
            || assertion.Parent is MemberAccessExpressionSyntax
            || !IsFluentCandidateName(access.Name.Identifier.ValueText)
            || Operation(should, model, cancellationToken) is not { } shouldOperation
            || Argument(shouldOperation, 0) is not { } subject
            || Operation(assertion, model, cancellationToken) is not { } assertionOperation
            || !IsFluentNamespace(assertionOperation.TargetMethod.ContainingNamespace))
        {
            return null;
        }

        return access.Name.Identifier.ValueText switch
        {
            "BeTrue" => ConstantCondition(assertion, subject, expected: true, model),
            "BeFalse" => ConstantCondition(assertion, subject, expected: false, model),
            "Be" or "BeEquivalentTo" => SameSides(assertion, subject.Value, Argument(assertionOperation, 0)?.Value, model, referenceIdentity: false),
            "BeSameAs" => SameSides(assertion, subject.Value, Argument(assertionOperation, 0)?.Value, model, referenceIdentity: true),
            "NotBeNull" => NeverNull(assertion, subject),
            _ => null,
        };
    }

    /// <summary>The FluentAssertions assertions known here (the names of the switch above).</summary>
    private static bool IsFluentCandidateName(string name) =>
        name is "BeTrue" or "BeFalse" or "Be" or "BeEquivalentTo" or "BeSameAs" or "NotBeNull";

    /// <summary>
    /// Syntax only, after <see cref="IsCandidateName"/>: false when the call surely is no assertion this
    /// class knows. A <c>Should()</c> counts only with one of the known assertions chained onto it and
    /// nothing after (<c>x.Should().Be(y)</c>, not <c>x.Should().HaveCount(2)</c> or <c>….Be(y).And…</c>).
    /// </summary>
    public static bool IsCandidateCall(InvocationExpressionSyntax invocation, string name) =>
        name != "Should"
        || (invocation.Parent is MemberAccessExpressionSyntax access
            && access.Expression == invocation
            && access.Parent is InvocationExpressionSyntax assertion
            && assertion.Expression == access
            && assertion.Parent is not MemberAccessExpressionSyntax
            && IsFluentCandidateName(access.Name.Identifier.ValueText));

    private static bool IsFluentNamespace(INamespaceSymbol? ns) =>
        SymbolNames.IsInNamespace(ns, "FluentAssertions") || SymbolNames.IsInNamespace(ns, "AwesomeAssertions");

    /// <summary><c>true.ShouldBeTrue()</c>, <c>x.ShouldBe(x)</c>, <c>x.ShouldBeSameAs(x)</c>.</summary>
    private static CannotFailAssertion? Shouldly(InvocationExpressionSyntax invocation, string name, SemanticModel model, CancellationToken cancellationToken)
    {
        if (Operation(invocation, model, cancellationToken) is not { } operation)
        {
            return null;
        }

        return name switch
        {
            "ShouldBeTrue" => ConstantCondition(invocation, Argument(operation, 0), expected: true, model),
            "ShouldBeFalse" => ConstantCondition(invocation, Argument(operation, 0), expected: false, model),
            "ShouldBe" or "ShouldBeEquivalentTo" => BothSidesSame(invocation, operation, model, referenceIdentity: false),
            "ShouldBeSameAs" => BothSidesSame(invocation, operation, model, referenceIdentity: true),
            _ => null,
        };
    }

    private static CannotFailAssertion? ConstantCondition(InvocationExpressionSyntax assertion, IArgumentOperation? condition, bool expected, SemanticModel model)
    {
        if (condition is null)
        {
            return null;
        }

        var value = Unwrap(condition.Value);
        return value.ConstantValue is { HasValue: true, Value: bool constant } && constant == expected
            ? new CannotFailAssertion(CannotFailReason.ConstantCondition, assertion, expected ? "its condition is always true" : "its condition is always false")
            : null;
    }

    /// <summary>The first two parameters are the compared values (expected/actual in either order); any further ones must not bring their own comparison.</summary>
    private static CannotFailAssertion? BothSidesSame(InvocationExpressionSyntax assertion, IInvocationOperation operation, SemanticModel model, bool referenceIdentity)
    {
        foreach (var argument in operation.Arguments)
        {
            if (argument.Parameter is { Ordinal: >= 2 } parameter && BringsOwnComparison(parameter.Type))
            {
                return null;
            }
        }

        return SameSides(assertion, Argument(operation, 0)?.Value, Argument(operation, 1)?.Value, model, referenceIdentity);
    }

    /// <summary>A comparer or a delegate decides equality itself: the same value on both sides may then differ.</summary>
    private static bool BringsOwnComparison(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Delegate || type.Name.IndexOf("Comparer", StringComparison.Ordinal) >= 0 || type.Name.IndexOf("Comparison", StringComparison.Ordinal) >= 0;

    private static CannotFailAssertion? SameSides(InvocationExpressionSyntax assertion, IOperation? left, IOperation? right, SemanticModel model, bool referenceIdentity)
    {
        if (left is null || right is null)
        {
            return null;
        }

        var leftValue = Unwrap(left);
        var rightValue = Unwrap(right);

        // Reference identity of a value type compares two boxes: it always fails, it never passes.
        if (referenceIdentity && leftValue.Type is not { IsReferenceType: true })
        {
            return null;
        }

        if (leftValue.ConstantValue.HasValue && rightValue.ConstantValue.HasValue)
        {
            return Equals(leftValue.ConstantValue.Value, rightValue.ConstantValue.Value)
                ? new CannotFailAssertion(CannotFailReason.EqualConstants, assertion, $"both sides are the constant '{Describe(leftValue.Syntax)}'")
                : null;
        }

        if (leftValue.Syntax is not ExpressionSyntax leftSyntax || rightValue.Syntax is not ExpressionSyntax rightSyntax
            || !SyntaxFactory.AreEquivalent(Normalize(leftSyntax), Normalize(rightSyntax), topLevel: false)
            || !IsStable(leftValue, model))
        {
            return null;
        }

        return new CannotFailAssertion(CannotFailReason.SameExpression, assertion, $"both sides are the same expression '{Describe(leftSyntax)}'");
    }

    private static CannotFailAssertion? NeverNull(InvocationExpressionSyntax assertion, IArgumentOperation? argument)
    {
        if (argument is null)
        {
            return null;
        }

        var type = Unwrap(argument.Value).Type;
        if (type is null || !type.IsValueType || type.TypeKind == TypeKind.TypeParameter || type.TypeKind == TypeKind.Pointer
            || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return null;
        }

        return new CannotFailAssertion(CannotFailReason.NeverNull, assertion, $"a value of type '{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' is never null");
    }

    /// <summary>
    /// True when evaluating <paramref name="operation"/> twice in a row gives the same value: constants,
    /// locals, parameters, fields, auto-properties and ordinary properties of library types, array
    /// elements and built-in operators over such values. Calls, object creations, awaits, assignments,
    /// user-defined operators, computed properties of this compilation and static properties of
    /// library types (<c>DateTime.Now</c>) are not.
    /// </summary>
    private static bool IsStable(IOperation operation, SemanticModel model)
    {
        switch (operation)
        {
            case ILiteralOperation or IDefaultValueOperation or ITypeOfOperation or INameOfOperation or ISizeOfOperation
                or ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation:
                return true;
            case IFieldReferenceOperation field:
                return field.Instance is null || IsStable(field.Instance, model);
            case IPropertyReferenceOperation property:
                if (!IsStableProperty(property.Property) || (property.Instance is not null && !IsStable(property.Instance, model)))
                {
                    return false;
                }

                foreach (var argument in property.Arguments)
                {
                    if (!IsStable(argument.Value, model))
                    {
                        return false;
                    }
                }

                return true;
            case IArrayElementReferenceOperation element:
                if (!IsStable(element.ArrayReference, model))
                {
                    return false;
                }

                foreach (var index in element.Indices)
                {
                    if (!IsStable(index, model))
                    {
                        return false;
                    }
                }

                return true;
            case IConversionOperation conversion:
                return conversion.OperatorMethod is null && IsStable(conversion.Operand, model);
            case IUnaryOperation unary:
                return unary.OperatorMethod is null && IsStable(unary.Operand, model);
            case IBinaryOperation binary:
                return binary.OperatorMethod is null && IsStable(binary.LeftOperand, model) && IsStable(binary.RightOperand, model);
            case IParenthesizedOperation parenthesized:
                return IsStable(parenthesized.Operand, model);
            default:
                return false;
        }
    }

    private static bool IsStableProperty(IPropertySymbol property)
    {
        if (property.DeclaringSyntaxReferences.Length > 0)
        {
            // A property of this compilation: only auto-properties (and records' positional ones) surely return what they hold.
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                switch (reference.GetSyntax())
                {
                    case PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors } when AllAccessorsAreAuto(accessors):
                    case ParameterSyntax:
                        continue;
                    default:
                        return false;
                }
            }

            return true;
        }

        // Library properties: instance state is stable between two reads; static ones are often clocks (DateTime.Now).
        return !property.IsStatic && !SymbolNames.IsInNamespace(property.ContainingType?.ContainingNamespace, "System.Diagnostics");
    }

    private static bool AllAccessorsAreAuto(AccessorListSyntax accessors)
    {
        foreach (var accessor in accessors.Accessors)
        {
            if (accessor.Body is not null || accessor.ExpressionBody is not null)
            {
                return false;
            }
        }

        return true;
    }

    private static IInvocationOperation? Operation(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetOperation(invocation, cancellationToken) as IInvocationOperation;

    /// <summary>The argument bound to the parameter at <paramref name="ordinal"/> (the receiver of an extension method is ordinal 0).</summary>
    private static IArgumentOperation? Argument(IInvocationOperation operation, int ordinal)
    {
        foreach (var argument in operation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>The value before the implicit conversions the call added (boxing to object, to T?, to the generic parameter).</summary>
    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>The expression without what does not change its value: parentheses and the null-forgiving <c>!</c>.</summary>
    internal static SyntaxNode Normalize(ExpressionSyntax expression) =>
        expression.DescendantNodesAndSelf().Any(static n => n is ParenthesizedExpressionSyntax || n.IsKind(SyntaxKind.SuppressNullableWarningExpression))
            ? ValueSyntaxOnly.Instance.Visit(expression)
            : expression;

    private sealed class ValueSyntaxOnly : CSharpSyntaxRewriter
    {
        public static readonly ValueSyntaxOnly Instance = new();

        public override SyntaxNode? VisitParenthesizedExpression(ParenthesizedExpressionSyntax node) => Visit(node.Expression);

        public override SyntaxNode? VisitPostfixUnaryExpression(PostfixUnaryExpressionSyntax node) =>
            node.IsKind(SyntaxKind.SuppressNullableWarningExpression) ? Visit(node.Operand) : base.VisitPostfixUnaryExpression(node);
    }

    private static string Describe(SyntaxNode node)
    {
        var text = node.ToString();
        var newLine = text.IndexOfAny(new[] { '\r', '\n' });
        if (newLine >= 0)
        {
            text = text.Substring(0, newLine) + "…";
        }

        return text.Length <= MaxDescribedLength ? text : text.Substring(0, MaxDescribedLength) + "…";
    }
}
