using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
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
    /// The names of the methods of one tree whose declaration <see cref="MayInspectDirectly"/>:
    /// syntax only, cached per tree for as long as the tree lives (the IDE's next compilation shares
    /// the unchanged trees). Stored only when fully built (a cancelled walk stores nothing).
    /// </summary>
    private static readonly ConditionalWeakTable<SyntaxTree, HashSet<string>> DirectlyInspectingMethods = new();

    /// <summary>
    /// False when nothing in <paramref name="root"/> can be an argument inspection by itself: no name
    /// of an inspection API (<see cref="MockingLibraries.IsArgumentInspectionName"/>) and no callback
    /// configuration that hands arguments to a method group or to a lambda reading its parameters.
    /// The calls of helpers are not considered.
    /// </summary>
    public static bool MayInspectDirectly(SyntaxNode root, CancellationToken cancellationToken)
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
    /// The names of the methods declared in <paramref name="compilation"/> whose declaration
    /// <see cref="MayInspectDirectly"/>: a call of any other name cannot reach an inspecting helper
    /// one call deep. Per tree from the weak cache; the union is the caller's to keep for the compilation.
    /// </summary>
    public static HashSet<string> DirectlyInspectingMethodNames(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            names.UnionWith(DirectlyInspectingMethodsOf(tree, cancellationToken));
        }

        return names;
    }

    private static HashSet<string> DirectlyInspectingMethodsOf(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (DirectlyInspectingMethods.TryGetValue(tree, out var names))
        {
            return names;
        }

        var built = new HashSet<string>(System.StringComparer.Ordinal);
        var root = tree.GetRoot(cancellationToken);

        // Methods are members of types (of namespaces): no need to look inside member bodies for them.
        foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is MethodDeclarationSyntax method
                && !built.Contains(method.Identifier.ValueText)
                && MayInspectDirectly(method, cancellationToken))
            {
                built.Add(method.Identifier.ValueText);
            }
        }

        return DirectlyInspectingMethods.GetValue(tree, _ => built);
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
