using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>
/// Recognizes a call of a framework's assert type written <c>Assert.Equal(…)</c>, <c>ClassicAssert.AreEqual(…)</c>,
/// <c>CollectionAssert.Contains(…)</c>, <c>Should.Throw(…)</c>, <c>Check.That(…)</c> … <b>without binding the
/// method body it is in</b>. One instance lives for one compilation (in <see cref="AssertionFinder"/>).
/// <para>
/// Why: the first semantic query inside a body (<c>GetSymbolInfo</c> of the call) makes the semantic model bind
/// the whole body and run nullable analysis over it; for GK2001 that binding was most of its cost, although
/// nearly every test names its assert type as the receiver of a call.
/// </para>
/// <para>
/// How: what the receiver's name means at the call is what it means in the containing type, unless the member
/// declares something of that name; what a method name means on that type is what Roslyn's own lookup finds,
/// extension members included. So the call <c>R.M(…)</c> surely binds (or, in half-typed code, fails to bind
/// with candidates only) to a method of a known assert type, a library assertion, when all of these hold:
/// </para>
/// <list type="number">
/// <item>syntax: the receiver is a simple name <c>R</c> and the call a simple member access;</item>
/// <item>syntax: the member declaration that holds the body (its parameters, type parameters, locals, lambda and
/// local function parameters, pattern, <c>out</c> and range variables, local functions, labels, tuple element
/// names) declares nothing named <c>R</c>, and no enclosing type has a primary-constructor or record parameter named
/// <c>R</c>: every identifier <c>R</c> in the declaration is a reference;</item>
/// <item>lookup of <c>R</c> at the start of the containing type's body (outside every member: usings, aliases,
/// global ones included, enclosing namespaces and types, members inherited from base types, type parameters)
/// finds exactly one symbol, the type <c>T</c> (directly or through an alias), and <c>T</c> is one of the types
/// whose every method is an assertion (<see cref="AssertionMethods.IsAssertionType"/>);</item>
/// <item><c>M</c> is not a member name of <c>object</c> (<c>Assert.Equals</c>, <c>Assert.ReferenceEquals</c>);</item>
/// <item>lookup of <c>M</c> on <c>T</c> at the same position, extension methods and C# 14 extension members
/// included, finds only ordinary methods declared by known assert types (<c>T</c>, or NUnit's <c>Assert</c> for
/// <c>ClassicAssert.That</c>): not by <c>object</c> or another base type, not by an extension.</item>
/// </list>
/// <para>
/// Using directives cannot appear in a body, so the position outside the members sees the same imports as the
/// call. The answer per (type declaration, name) is cached for the compilation; nothing outlives it.
/// Whether such a call can fail (<c>Assert.True(true)</c>) is not decided here: that needs the body bound.
/// </para>
/// </summary>
internal sealed class AssertTypeCalls
{
    private readonly ConcurrentDictionary<(SyntaxNode Type, string Receiver), INamedTypeSymbol?> _receivers = new();
    private readonly ConcurrentDictionary<(SyntaxNode Type, string Receiver, string Method), bool> _methods = new();

    /// <summary>
    /// True when <paramref name="invocation"/>, in <paramref name="body"/> (the body of a method, constructor or
    /// operator, whose semantic model is <paramref name="model"/>), surely calls a method of a framework's
    /// assert type; <paramref name="methodName"/> is the method's name. False means "not decided here".
    /// <paramref name="shadowed"/> remembers, for the body, the receiver names its declaration declares.
    /// </summary>
    public bool IsAssertTypeCall(
        InvocationExpressionSyntax invocation,
        SyntaxNode body,
        SemanticModel model,
        ref Dictionary<string, bool>? shadowed,
        CancellationToken cancellationToken,
        out string methodName)
    {
        methodName = string.Empty;
        if (invocation.Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access
            || !access.IsKind(SyntaxKind.SimpleMemberAccessExpression)
            || body.Parent is not BaseMethodDeclarationSyntax member
            || member.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { OpenBraceToken.IsMissing: false } type)
        {
            return false;
        }

        var receiverName = receiver.Identifier.ValueText;
        var name = access.Name.Identifier.ValueText;
        if (!MayNameAssertType(receiverName) || IsObjectMemberName(name))
        {
            return false;
        }

        shadowed ??= new Dictionary<string, bool>();
        if (!shadowed.TryGetValue(receiverName, out var isShadowed))
        {
            isShadowed = Declares(member, receiverName, cancellationToken) || HasPrimaryConstructorParameter(type, receiverName);
            shadowed[receiverName] = isShadowed;
        }

        if (isShadowed)
        {
            return false;
        }

        var position = type.OpenBraceToken.Span.End;
        var assertType = _receivers.GetOrAdd((type, receiverName), key => ResolveReceiver(model, position, key.Receiver));
        if (assertType is null)
        {
            return false;
        }

        if (!_methods.GetOrAdd((type, receiverName, name), key => OnlyAssertTypeMethods(model, position, assertType, key.Method)))
        {
            return false;
        }

        methodName = name;
        return true;
    }

    /// <summary>The names the known assert types have (<c>Assert</c>, <c>ClassicAssert</c>, <c>Should</c>, <c>Received</c>, <c>Check</c> …): a filter before any lookup.</summary>
    private static bool MayNameAssertType(string name) =>
        AssertionMethods.IsAssertionClassName(name) || name is "AssertExtensions" or "Should" or "Received" or "Check";

    /// <summary><c>object</c>'s members, which every type has: <c>Assert.Equals(a, b)</c> and the like go the slow way.</summary>
    private static bool IsObjectMemberName(string name) =>
        name is "Equals" or "ReferenceEquals" or "GetHashCode" or "GetType" or "ToString" or "MemberwiseClone" or "Finalize";

    /// <summary>
    /// True when <paramref name="member"/> declares anything named <paramref name="name"/>: any identifier token
    /// of that text that is not a reference (a simple name) is a declaration (parameter, type parameter, local,
    /// designation, local function, range variable, label, tuple element name …).
    /// </summary>
    private static bool Declares(SyntaxNode member, string name, CancellationToken cancellationToken)
    {
        foreach (var token in member.DescendantTokens())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (token.IsKind(SyntaxKind.IdentifierToken)
                && token.ValueText == name
                && token.Parent is not SimpleNameSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A primary-constructor or record parameter of an enclosing type is in scope in its members (read from syntax,
    /// as the syntax API of Roslyn 4.5 has no <c>ParameterList</c> on classes); lookup would find it too.
    /// </summary>
    private static bool HasPrimaryConstructorParameter(TypeDeclarationSyntax type, string name)
    {
        for (SyntaxNode? current = type; current is not null; current = current.Parent)
        {
            if (current is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            foreach (var child in declaration.ChildNodes())
            {
                if (child is ParameterListSyntax parameters)
                {
                    foreach (var parameter in parameters.Parameters)
                    {
                        if (parameter.Identifier.ValueText == name)
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    /// <summary>What <paramref name="name"/> means in the type's body: a known assert type, or null for anything else (several symbols, a member, a type parameter, a type of the project …).</summary>
    private static INamedTypeSymbol? ResolveReceiver(SemanticModel model, int position, string name)
    {
        var symbols = model.LookupSymbols(position, name: name);
        if (symbols.Length != 1)
        {
            return null;
        }

        var symbol = symbols[0] is IAliasSymbol alias ? alias.Target : symbols[0];
        return symbol is INamedTypeSymbol type && AssertionMethods.IsAssertionType(type) ? type : null;
    }

    /// <summary>True when every member named <paramref name="name"/> that a call on <paramref name="type"/> can reach there is an ordinary method declared by a known assert type.</summary>
    private static bool OnlyAssertTypeMethods(SemanticModel model, int position, INamedTypeSymbol type, string name)
    {
        var members = model.LookupSymbols(position, type, name, includeReducedExtensionMethods: true);
        if (members.Length == 0)
        {
            return false;
        }

        foreach (var member in members)
        {
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method
                || method.ContainingType is not { } containingType
                || !AssertionMethods.IsAssertionType(containingType))
            {
                return false;
            }
        }

        return true;
    }
}
