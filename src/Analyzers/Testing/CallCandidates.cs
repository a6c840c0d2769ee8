using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>
/// The methods a call in a method body can bind to, found <b>without binding that body</b>: for
/// <c>Assert.Equal(…)</c>, <c>ClassicAssert.AreEqual(…)</c>, <c>_repository.Verify(…)</c>, <c>_store.Should()</c>,
/// <c>AssertNotFound(…)</c> …, whatever the arguments. One instance lives for one compilation (in
/// <see cref="AssertionFinder"/>), which judges each candidate as it judges the method a call binds to:
/// when every candidate asserts, so does the call, whichever overload the compiler picks.
/// <para>
/// Why: the first semantic query inside a body (<c>GetSymbolInfo</c> of a call) makes the semantic model bind the
/// whole body and run nullable analysis over it. For GK2001 that binding was most of its cost, although nearly
/// every test calls its assertions on a name the test class already gives a meaning to.
/// </para>
/// <para>
/// How: a name means in the body what it means in the containing type unless the member declares something of
/// that name, and what a method name reaches is what Roslyn's own lookup finds there. The candidates of a call
/// <c>N(…)</c> or <c>R.N(…)</c> are known when all of these hold (otherwise "unknown", and the caller binds):
/// </para>
/// <list type="number">
/// <item>syntax: the callee is a simple name <c>N</c>, or a simple member access <c>R.N</c> whose receiver is a simple name;</item>
/// <item>syntax: the member declaration that holds the body (parameters, type parameters, locals, lambda and local
/// function parameters, local functions, pattern, <c>out</c>, <c>foreach</c>, <c>catch</c> and range variables,
/// labels, tuple element names) declares nothing named <c>R</c> (or <c>N</c> for a simple-name call): every such
/// identifier in it is a reference; and no enclosing type has a primary-constructor or record parameter of that name
/// (lookup finds those too; the syntax check does not rely on it);</item>
/// <item>for <c>R.N</c>: <c>R</c> bound as an expression at the start of the containing type's body, outside every
/// member (usings, aliases, global ones included, enclosing namespaces and types, inherited members, type parameters),
/// is one type (directly or through an alias), field or non-indexer property whose type is a named type: the call's
/// receiver then has that type (a field or property expression has the declared type);</item>
/// <item>the members named <c>N</c> there (lookup on that type for <c>R.N</c>, extension methods and C# 14 extension
/// members included; for <c>N</c>, the simple name bound as an expression) are at least one, and only methods: no
/// delegate-typed field or property (whose call is an <c>Invoke</c>), no type. <c>object</c>'s members
/// (<c>Assert.Equals</c>) are candidates like any other.</item>
/// </list>
/// <para>
/// The call then binds to one of these candidates, or (half-typed code) fails with them as candidates, which the
/// full walk judges by its first one. Using directives cannot appear in a body, so the position outside the members
/// sees the same imports as the call. Answers are cached per (type declaration, names) for the compilation; nothing
/// outlives it. Calls on locals, parameters, <c>this</c> or any other expression (<c>result.Should()</c>,
/// <c>mock.Verify(…)</c> on a local) stay unknown: their receiver's type needs the body bound.
/// </para>
/// </summary>
internal sealed class CallCandidates
{
    private readonly ConcurrentDictionary<(SyntaxNode Type, string Receiver), ITypeSymbol?> _receivers = new();
    private readonly ConcurrentDictionary<(SyntaxNode Type, string Receiver, string Method), ImmutableArray<IMethodSymbol>> _methods = new();

    /// <summary>
    /// The methods <paramref name="invocation"/>, in <paramref name="body"/> (the body of a method, constructor or
    /// operator, whose semantic model is <paramref name="model"/>), can bind to; default when not known without
    /// binding the body. <paramref name="declared"/> remembers, for the body, which names its declaration declares.
    /// </summary>
    public ImmutableArray<IMethodSymbol> Find(
        InvocationExpressionSyntax invocation,
        SyntaxNode body,
        SemanticModel model,
        ref Dictionary<string, bool>? declared,
        CancellationToken cancellationToken)
    {
        string receiverName;
        string name;
        switch (invocation.Expression)
        {
            case SimpleNameSyntax simple:
                receiverName = string.Empty;
                name = simple.Identifier.ValueText;
                break;
            case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access
                when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                receiverName = receiver.Identifier.ValueText;
                name = access.Name.Identifier.ValueText;
                break;
            default:
                return default;
        }

        if (name.Length == 0
            || body.Parent is not BaseMethodDeclarationSyntax member
            || member.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { OpenBraceToken.IsMissing: false } type)
        {
            return default;
        }

        // The name the lookup starts from must mean the same in the body as outside the members.
        var firstName = receiverName.Length > 0 ? receiverName : name;
        declared ??= new Dictionary<string, bool>();
        if (!declared.TryGetValue(firstName, out var isDeclared))
        {
            isDeclared = Declares(member, firstName, cancellationToken) || HasPrimaryConstructorParameter(type, firstName);
            declared[firstName] = isDeclared;
        }

        if (isDeclared)
        {
            return default;
        }

        var position = type.OpenBraceToken.Span.End;
        ITypeSymbol? container = null;
        if (receiverName.Length > 0)
        {
            container = _receivers.GetOrAdd((type, receiverName), key => ResolveReceiver(model, position, key.Receiver));
            if (container is null)
            {
                return default;
            }
        }

        return _methods.GetOrAdd((type, receiverName, name), key => LookupMethods(model, position, container, key.Method));
    }

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
    /// A primary-constructor or record parameter of an enclosing type is in scope in its members (read from syntax:
    /// Roslyn 4.5's syntax API has no <c>ParameterList</c> on classes).
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

    /// <summary>
    /// The type whose members <c>R.N</c> reaches when <c>R</c> means, in the type's body, a type (directly or
    /// through an alias), a field or a non-indexer property of a named type; null for anything else (several
    /// symbols, a method, an event, a namespace, a type parameter, an error or dynamic type …).
    /// </summary>
    private static ITypeSymbol? ResolveReceiver(SemanticModel model, int position, string name)
    {
        // Bound as the receiver of a member access is, by name (LookupSymbols would first collect every name in
        // scope, members of all imported namespaces included: the most expensive part of this shortcut).
        var info = model.GetSpeculativeSymbolInfo(position, SyntaxFactory.IdentifierName(name), SpeculativeBindingOption.BindAsExpression);
        var symbol = info.Symbol;
        if (symbol is null && info.CandidateReason == CandidateReason.NotAValue && info.CandidateSymbols.Length == 1)
        {
            // A type name is no value on its own, but it is the receiver of a static call.
            symbol = info.CandidateSymbols[0];
        }

        var type = symbol switch
        {
            INamedTypeSymbol named => named,
            IFieldSymbol field => field.Type,
            IPropertySymbol { IsIndexer: false } property => property.Type,
            _ => null,
        };

        return type is INamedTypeSymbol { TypeKind: not TypeKind.Error } ? type : null;
    }

    /// <summary>Every member named <paramref name="name"/> a call can reach there, when all are methods; default otherwise.</summary>
    private static ImmutableArray<IMethodSymbol> LookupMethods(SemanticModel model, int position, ITypeSymbol? container, string name)
    {
        ImmutableArray<ISymbol> members;
        if (container is null)
        {
            // A simple name bound as an expression there: the method group of the innermost scope that has the name.
            var info = model.GetSpeculativeSymbolInfo(position, SyntaxFactory.IdentifierName(name), SpeculativeBindingOption.BindAsExpression);
            members = info.Symbol is { } symbol ? ImmutableArray.Create(symbol) : info.CandidateSymbols;
        }
        else
        {
            members = model.LookupSymbols(position, container, name, includeReducedExtensionMethods: true);
        }

        if (members.Length == 0)
        {
            return default;
        }

        var methods = ImmutableArray.CreateBuilder<IMethodSymbol>(members.Length);
        foreach (var member in members)
        {
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ReducedExtension } method)
            {
                return default;
            }

            methods.Add(method);
        }

        return methods.MoveToImmutable();
    }
}
