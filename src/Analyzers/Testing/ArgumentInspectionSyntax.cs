using System.Runtime.CompilerServices;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>
/// GK2003's syntax filter: what code must contain before the semantic model is asked whether it
/// inspects call arguments (<see cref="MockingLibraries.IsArgumentInspection"/>, a callback that
/// receives them). A "no" here is final — the semantic check could only have said "no" too — so
/// the bodies of helpers and class members that cannot inspect are never bound.
/// </summary>
internal static class ArgumentInspectionSyntax
{
    /// <summary>
    /// Whether a method declaration <see cref="MayInspectDirectly"/>: syntax only, cached per declaration for as long
    /// as its tree lives (the IDE's next compilation shares the unchanged trees' nodes). Stored only when the walk
    /// completed (a cancelled walk stores nothing).
    /// </summary>
    private static readonly ConditionalWeakTable<MethodDeclarationSyntax, StrongBox<bool>> DirectlyInspectingMethods = new();

    /// <summary>
    /// False when nothing in <paramref name="root"/> can be an argument inspection by itself: no name
    /// of an inspection API (<see cref="MockingLibraries.IsArgumentInspectionName"/>) and no callback
    /// configuration that hands arguments to a method group or to a lambda reading its parameters.
    /// The calls of helpers are not considered. A method declaration's answer is cached with its tree.
    /// </summary>
    public static bool MayInspectDirectly(SyntaxNode root, CancellationToken cancellationToken) =>
        root is MethodDeclarationSyntax method ? MethodMayInspectDirectly(method, cancellationToken) : WalkMayInspectDirectly(root, cancellationToken);

    private static bool WalkMayInspectDirectly(SyntaxNode root, CancellationToken cancellationToken)
    {
        var visited = 0;
        foreach (var node in root.DescendantNodesAndSelf())
        {
            if ((++visited & 0xFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            switch (node)
            {
                case SimpleNameSyntax name when MockingLibraries.IsArgumentInspectionName(name.Identifier.ValueText):
                    return true;
                case InvocationExpressionSyntax invocation when IsCallbackConfiguration(invocation) && MayHandArgumentsToTestCode(invocation):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>mock.Setup(…).Callback(…)</c>, <c>.Returns(…)</c>, <c>.Do(…)</c> …: a call named like a
    /// callback configuration (<see cref="MockingLibraries.IsCallbackConfigurationName"/>) on a receiver.
    /// </summary>
    public static bool IsCallbackConfiguration(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax access
        && MockingLibraries.IsCallbackConfigurationName(access.Name.Identifier.ValueText);

    /// <summary>
    /// The syntax half of "the mock hands the arguments to test code": an argument that may be a
    /// method group (a name or a member access), or a lambda whose body uses one of its parameters.
    /// </summary>
    public static bool MayHandArgumentsToTestCode(InvocationExpressionSyntax invocation)
    {
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            var expression = argument.Expression;
            if (expression is IdentifierNameSyntax or MemberAccessExpressionSyntax)
            {
                return true;
            }

            if (LambdaReadsItsParameters(expression))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>(Email e) => sent.Add(e)</c>, <c>call => call.Arg&lt;Email&gt;()</c>: a lambda whose body names one of its parameters.</summary>
    public static bool LambdaReadsItsParameters(ExpressionSyntax expression)
    {
        var (parameters, body) = expression switch
        {
            SimpleLambdaExpressionSyntax simple => (new[] { simple.Parameter.Identifier.ValueText }, (SyntaxNode)simple.Body),
            ParenthesizedLambdaExpressionSyntax parenthesized => (ParameterNames(parenthesized.ParameterList), parenthesized.Body),
            _ => (System.Array.Empty<string>(), (SyntaxNode?)null),
        };

        if (body is null || parameters.Length == 0)
        {
            return false;
        }

        foreach (var identifier in body.DescendantNodesAndSelf())
        {
            if (identifier is IdentifierNameSyntax { Identifier.ValueText: var used } && System.Array.IndexOf(parameters, used) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The simple name of the invoked member (<c>M</c> in <c>M()</c>, <c>x.M()</c>, <c>x?.M()</c>, <c>M&lt;T&gt;()</c>), or null.</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation) =>
        invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

    /// <summary>
    /// True when a method of the compilation named <paramref name="name"/> <see cref="MayInspectDirectly"/>: a call of
    /// any other name cannot reach an inspecting helper one call deep. Only the declarations of that name are read
    /// (found by name in the trees' outlines); walking every method of every test tree up front was most of GK2003's time.
    /// </summary>
    public static bool SomeMethodNamedMayInspectDirectly(CompilationSyntaxIndex index, string name, CancellationToken cancellationToken)
    {
        foreach (var method in index.MethodsNamed(name, cancellationToken))
        {
            if (MethodMayInspectDirectly(method, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MethodMayInspectDirectly(MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        if (DirectlyInspectingMethods.TryGetValue(method, out var known))
        {
            return known.Value;
        }

        var answer = WalkMayInspectDirectly(method, cancellationToken);
        return DirectlyInspectingMethods.GetValue(method, _ => new StrongBox<bool>(answer)).Value;
    }

    private static string[] ParameterNames(ParameterListSyntax list)
    {
        var names = new string[list.Parameters.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = list.Parameters[i].Identifier.ValueText;
        }

        return names;
    }
}
