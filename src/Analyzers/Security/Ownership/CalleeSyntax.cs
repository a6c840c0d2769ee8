using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Infrastructure;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Security.Ownership;

/// <summary>
/// Whether a followed callee can add anything to GK1001's flow, read from its syntax before its body is bound.
/// Binding a callee the compiler has not reached yet means binding it twice (docs/performance.md), and most
/// callees add nothing (a repository's <c>FindAsync</c>, a validator, <c>ToResponse</c>, an entity's <c>Apply</c>).
/// <see cref="MethodFlow"/> finds evidence or a mutation in a body only through:
/// <list type="bullet">
/// <item>a value of the current user (a comparison with it, a call scoped by it): the body then names the user,
///   its principal or a current-user service (<see cref="IsUserWord"/>), or uses a member of its own type
///   declared with such a type;</item>
/// <item>a call named for what it does (<see cref="MethodFlow.IsTellingCallName"/>);</item>
/// <item>while callees are still followed, a call of a method of the compilation that adds something itself.</item>
/// </list>
/// A body with none of these is summarized as nothing without binding it. The one kind of evidence this misses is a
/// user value reached through a member of another type, an inherited member or a method, none of whose names says
/// anything of the user (<c>_context.Caller.FindFirstValue(…)</c> names a claim and is kept;
/// <c>n.OwnerId == _context.Caller.Id</c> is not): a decision recorded on the GK1001 page.
/// </summary>
internal sealed class CalleeSyntax
{
    private static readonly string[] PrincipalWords = { "User", "Principal", "Claim", "Identity" };

    private readonly CompilationSyntaxIndex _index;
    private readonly OwnershipSettings _settings;
    private readonly ConcurrentDictionary<(SyntaxNode Declaration, int Depth), bool> _answers = new();
    private readonly ConcurrentDictionary<TypeDeclarationSyntax, HashSet<string>> _userMembers = new();
    private readonly ConcurrentDictionary<(string Name, int Depth), bool> _answersByName = new();
    private readonly ConcurrentDictionary<string, bool> _userWords = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CallKind> _callKinds = new(StringComparer.Ordinal);

    // Read only: a declaration outside any type (a top-level local function) has no members. Per instance, since
    // shipped code keeps no static mutable state (StaticStateTests).
    private readonly HashSet<string> _noMembers = new(StringComparer.Ordinal);

    public CalleeSyntax(CompilationSyntaxIndex index, OwnershipSettings settings)
    {
        _index = index;
        _settings = settings;
    }

    /// <summary>
    /// False when the method or local function <paramref name="declaration"/>, followed with <paramref name="depth"/>
    /// calls still allowed below it, certainly yields no evidence and no mutation.
    /// </summary>
    public bool MayContribute(SyntaxNode declaration, int depth, CancellationToken cancellationToken)
    {
        if (_answers.TryGetValue((declaration, depth), out var known))
        {
            return known;
        }

        var answer = Compute(declaration, depth, cancellationToken);
        _answers.TryAdd((declaration, depth), answer);
        return answer;
    }

    private bool Compute(SyntaxNode declaration, int depth, CancellationToken cancellationToken)
    {
        var userMembers = UserMembersOf(declaration.FirstAncestorOrSelf<TypeDeclarationSyntax>());

        // A save adds a mutation only beside a change of a loaded resource (a local) in the same body: a write to a
        // member or an element, a call on a local, a mapper call. A repository's AddAsync (Add, then SaveChanges) has none.
        var saves = false;
        var mayModify = false;
        HashSet<string>? locals = null;
        List<string>? localReceivers = null;
        foreach (var node in declaration.DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case SimpleNameSyntax name when IsUserIdentifier(name.Identifier.ValueText) || userMembers.Contains(name.Identifier.ValueText):
                case ParameterSyntax parameter when IsUserIdentifier(parameter.Identifier.ValueText):
                    return true;
                case InvocationExpressionSyntax invocation:
                    if (SyntaxTreeIndex.InvokedName(invocation) is not { } invoked)
                    {
                        return true;
                    }

                    var kind = KindOfCall(invoked);
                    if ((kind & CallKind.Telling) != 0 || (depth > 0 && MayContributeAny(invoked, depth - 1, cancellationToken)))
                    {
                        return true;
                    }

                    saves |= (kind & CallKind.Save) != 0;
                    if ((kind & CallKind.MapLike) != 0)
                    {
                        mayModify = true;
                    }
                    else if (invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver } && ValueSyntax.Unwrapped(receiver) is IdentifierNameSyntax local)
                    {
                        (localReceivers ??= new List<string>()).Add(local.Identifier.ValueText);
                    }

                    break;
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: not IdentifierNameSyntax }:
                    mayModify = true;
                    break;
                case VariableDeclaratorSyntax variable:
                    (locals ??= new HashSet<string>(StringComparer.Ordinal)).Add(variable.Identifier.ValueText);
                    break;
                case SingleVariableDesignationSyntax designation:
                    (locals ??= new HashSet<string>(StringComparer.Ordinal)).Add(designation.Identifier.ValueText);
                    break;
                case ForEachStatementSyntax forEach:
                    (locals ??= new HashSet<string>(StringComparer.Ordinal)).Add(forEach.Identifier.ValueText);
                    break;
                case CatchDeclarationSyntax { Identifier.ValueText: { Length: > 0 } caught }:
                    (locals ??= new HashSet<string>(StringComparer.Ordinal)).Add(caught);
                    break;

                // Calls the compiler writes for the code: the query operators, a collection initializer's Add.
                case QueryExpressionSyntax when depth > 0:
                    return true;
                case InitializerExpressionSyntax { RawKind: (int)SyntaxKind.CollectionInitializerExpression } when depth > 0 && MayContributeAny("Add", depth - 1, cancellationToken):
                    return true;
            }
        }

        return saves && (mayModify || (locals is not null && localReceivers is not null && localReceivers.Any(locals.Contains)));
    }

    /// <summary>
    /// Some method of the compilation named <paramref name="name"/> (an implementation, an override, an extension) may
    /// contribute. Cached per name: a project's common names (<c>GetByIdAsync</c>, <c>SaveChangesAsync</c>) have a method
    /// per resource, and every body calling them would otherwise ask each of those methods again.
    /// </summary>
    private bool MayContributeAny(string name, int depth, CancellationToken cancellationToken)
    {
        if (_answersByName.TryGetValue((name, depth), out var known))
        {
            return known;
        }

        var answer = false;
        foreach (var method in _index.MethodsNamed(name, cancellationToken))
        {
            if ((method.Body is not null || method.ExpressionBody is not null) && MayContribute(method, depth, cancellationToken))
            {
                answer = true;
                break;
            }
        }

        _answersByName.TryAdd((name, depth), answer);
        return answer;
    }

    /// <summary>
    /// What <see cref="MethodFlow"/> makes of a call by its name alone, remembered per name: a project calls the same few
    /// hundred names, and each answer is some thirty prefix and substring tests (docs/performance.md, eighteenth pass).
    /// </summary>
    private CallKind KindOfCall(string name)
    {
        if (!_callKinds.TryGetValue(name, out var kind))
        {
            kind = (MethodFlow.IsTellingCallName(name) ? CallKind.Telling : CallKind.None)
                | (MethodFlow.IsSaveName(name) ? CallKind.Save : CallKind.None)
                | (MethodFlow.IsMapLikeName(name) ? CallKind.MapLike : CallKind.None);
            _callKinds.TryAdd(name, kind);
        }

        return kind;
    }

    [Flags]
    private enum CallKind
    {
        None = 0,
        Telling = 1,
        Save = 2,
        MapLike = 4,
    }

    /// <summary>A name that can denote the current user, its principal or a current-user service (the configured words, and User / Principal / Claim / Identity).</summary>
    private bool IsUserWord(string name) => _settings.IsCurrentUserName(name) || ContainsAny(name, PrincipalWords);

    /// <summary>
    /// <see cref="IsUserWord"/> for an identifier of a body, remembered per name: a project repeats the same few hundred
    /// names in its bodies, and one lookup is cheaper than a dozen case-insensitive searches.
    /// </summary>
    private bool IsUserIdentifier(string name)
    {
        if (!_userWords.TryGetValue(name, out var known))
        {
            known = IsUserWord(name);
            _userWords.TryAdd(name, known);
        }

        return known;
    }

    /// <summary>
    /// The fields, properties and primary-constructor parameters of <paramref name="type"/> whose declared type has a
    /// user word (<c>ClaimsPrincipal _caller</c>, <c>ICurrentUser _me</c>): a body that uses them by a neutral name
    /// still reaches the user.
    /// </summary>
    private HashSet<string> UserMembersOf(TypeDeclarationSyntax? type)
    {
        if (type is null)
        {
            return _noMembers;
        }

        if (_userMembers.TryGetValue(type, out var known))
        {
            return known;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        // A primary constructor's parameters (C# 12 classes): a child node, since Roslyn 4.5's API has no property for it.
        foreach (var primary in type.ChildNodes().OfType<ParameterListSyntax>())
        {
            foreach (var parameter in primary.Parameters)
            {
                if (parameter.Type is { } parameterType && IsUserWord(parameterType.ToString()))
                {
                    names.Add(parameter.Identifier.ValueText);
                }
            }
        }

        foreach (var member in type.Members)
        {
            switch (member)
            {
                case BaseFieldDeclarationSyntax field when IsUserWord(field.Declaration.Type.ToString()):
                    foreach (var variable in field.Declaration.Variables)
                    {
                        names.Add(variable.Identifier.ValueText);
                    }

                    break;
                case PropertyDeclarationSyntax property when IsUserWord(property.Type.ToString()):
                    names.Add(property.Identifier.ValueText);
                    break;
            }
        }

        return _userMembers.GetOrAdd(type, names);
    }

    private static bool ContainsAny(string name, string[] words)
    {
        foreach (var word in words)
        {
            if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
