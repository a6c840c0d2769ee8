using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Gatekeeper.Analyzers.Web;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Gatekeeper.Analyzers.Security.Ownership;

/// <summary>
/// Per-compilation entry point of GK1001's inter-procedural facts: summaries of same-compilation
/// methods (cached per method, per depth, per option setting), implementations of interface methods,
/// owner members of entity types and entity types guessed from service names.
/// </summary>
internal sealed class OwnershipFacts
{
    /// <summary>How many calls deep the flow follows into methods of the compilation.</summary>
    public const int MaxDepth = 2;

    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _typesByName = new(StringComparer.Ordinal);
    private List<(ITypeSymbol Entity, string Text)>? _queryFilters;
    private readonly ConcurrentDictionary<INamedTypeSymbol, IReadOnlyList<INamedTypeSymbol>> _implementers = new(SymbolEqualityComparer.Default);
    private BaseListIndex? _baseLists;
    private readonly ConcurrentDictionary<OwnershipSettings, CalleeSyntax> _calleeSyntax = new();

    private readonly bool _bindEveryCallee;

    /// <param name="bindEveryCallee">Tests only: bind every callee instead of ruling out first, from syntax, those that add nothing.</param>
    public OwnershipFacts(Compilation compilation, EndpointModel model, bool bindEveryCallee = false)
    {
        Compilation = compilation;
        Model = model;
        _bindEveryCallee = bindEveryCallee;
    }

    public Compilation Compilation { get; }

    public EndpointModel Model { get; }

    /// <summary>The summary of <paramref name="method"/> (its implementations for an interface / abstract method).</summary>
    public MethodSummary Summarize(IMethodSymbol method, OwnershipSettings settings, int depth, CancellationToken cancellationToken)
    {
        method = method.ReducedFrom ?? method;
        method = method.OriginalDefinition;
        if (depth < 0)
        {
            return MethodSummary.Nothing;
        }

        if (settings.Summaries.TryGetValue((method, depth), out var cached))
        {
            return cached;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var summary = Compute(method, settings, depth, cancellationToken);
        settings.Summaries.TryAdd((method, depth), summary);
        return summary;
    }

    /// <summary>True when <paramref name="method"/> can be followed: declared in source, or an interface / abstract method.</summary>
    public static bool IsFollowable(IMethodSymbol method) =>
        !method.DeclaringSyntaxReferences.IsEmpty || (method.IsAbstract && method.ContainingType is { } type && !type.DeclaringSyntaxReferences.IsEmpty);

    /// <summary>The body operation of a handler or method declaration.</summary>
    public IOperation? BodyOf(SyntaxNode declaration, SemanticModel? model, CancellationToken cancellationToken)
    {
        if (model is null || model.SyntaxTree != declaration.SyntaxTree)
        {
            model = ModelFor(declaration.SyntaxTree);
        }

        return declaration switch
        {
            MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax => model.GetOperation(declaration, cancellationToken),
            _ => null,
        };
    }

    /// <summary>The member of <paramref name="entity"/> (or a base type) named like an owner, if any.</summary>
    public static ISymbol? OwnerMember(ITypeSymbol? entity, OwnershipSettings settings)
    {
        for (var type = Unwrap(entity) as INamedTypeSymbol; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                // Customer.CustomerId, User.UserId, Account.AccountId are the entity's own key, not an owner.
                if (member is IPropertySymbol or IFieldSymbol && !member.IsStatic && settings.IsOwnerMember(member.Name)
                    && !string.Equals(member.Name, type.Name + "Id", StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(member.Name, type.Name, StringComparison.OrdinalIgnoreCase))
                {
                    return member;
                }
            }
        }

        return null;
    }

    /// <summary>Strips <c>Nullable&lt;T&gt;</c>, nullable annotations and collections (<c>List&lt;Note&gt;</c>, <c>Note[]</c> → Note).</summary>
    public static ITypeSymbol? Unwrap(ITypeSymbol? type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType.WithNullableAnnotation(NullableAnnotation.None);
        }

        if (type is INamedTypeSymbol { TypeArguments.Length: 1 } collection
            && (SymbolNames.NamespaceStartsWith(collection.ContainingNamespace, "System.Collections") || SymbolNames.IsNamespace(collection.ContainingNamespace, "System.Linq")))
        {
            return collection.TypeArguments[0].WithNullableAnnotation(NullableAnnotation.None);
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return nullable.TypeArguments[0];
        }

        return type?.WithNullableAnnotation(NullableAnnotation.None);
    }

    /// <summary>
    /// The entity a service is about, guessed from names: <c>INoteRepository.DeleteAsync</c>,
    /// <c>NotesService.Remove</c>, <c>IRepository&lt;Note&gt;.Delete</c>, <c>DeleteNoteAsync</c>.
    /// </summary>
    public ITypeSymbol? GuessEntity(IMethodSymbol method, OwnershipSettings settings)
    {
        if (method.ContainingType is { } containing)
        {
            foreach (var argument in containing.TypeArguments)
            {
                if (OwnerMember(argument, settings) is not null)
                {
                    return argument;
                }
            }

            if (Lookup(StripAffixes(containing.Name), settings) is { } byType)
            {
                return byType;
            }
        }

        var name = method.Name;
        if (name.EndsWith("Async", StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - 5);
        }

        foreach (var verb in MethodFlow.MutatingVerbs)
        {
            if (name.StartsWith(verb, StringComparison.Ordinal) && name.Length > verb.Length)
            {
                return Lookup(name.Substring(verb.Length), settings);
            }
        }

        return null;
    }

    /// <summary>The entity a command or method name is about: <c>DeleteNoteCommand</c>, <c>UpdatePostRequest</c> → Note, Post.</summary>
    public ITypeSymbol? GuessEntityFromName(string name, OwnershipSettings settings)
    {
        foreach (var suffix in new[] { "CommandHandler", "Command", "RequestHandler", "Request", "Async" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                name = name.Substring(0, name.Length - suffix.Length);
                break;
            }
        }

        foreach (var verb in MethodFlow.MutatingVerbs)
        {
            if (name.StartsWith(verb, StringComparison.Ordinal) && name.Length > verb.Length)
            {
                return Lookup(name.Substring(verb.Length), settings);
            }
        }

        return null;
    }

    /// <summary>Methods named <c>Handle</c> / <c>HandleAsync</c> in the compilation whose first parameter is <paramref name="command"/>.</summary>
    public IEnumerable<IMethodSymbol> CommandHandlers(ITypeSymbol command, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "Handle", "HandleAsync" })
        {
            foreach (var declaration in Model.SyntaxIndex.MethodsNamed(name, cancellationToken))
            {
                if (declaration.ParameterList.Parameters.Count > 0
                    && ModelFor(declaration.SyntaxTree).GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol handler
                    && SymbolEqualityComparer.Default.Equals(handler.Parameters[0].Type.OriginalDefinition, command.OriginalDefinition))
                {
                    yield return handler;
                }
            }
        }
    }

    /// <summary>The source implementations of an interface or abstract method.</summary>
    public IEnumerable<IMethodSymbol> Implementations(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.ContainingType is { TypeKind: TypeKind.Interface } contract)
        {
            // Only the types that implement this interface (a per-compilation map), not every method of
            // the same name: a generated API has one DeleteAsync per resource, and asking each of them
            // made the search quadratic in the size of the project.
            foreach (var type in ImplementersOf(contract, cancellationToken))
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract.OriginalDefinition))
                    {
                        continue;
                    }

                    foreach (var member in implemented.GetMembers(method.Name))
                    {
                        if (member is IMethodSymbol constructed
                            && SymbolEqualityComparer.Default.Equals(constructed.OriginalDefinition, method.OriginalDefinition)
                            && type.FindImplementationForInterfaceMember(constructed) is IMethodSymbol { IsAbstract: false } implementation
                            && IsInThisCompilation(implementation))
                        {
                            yield return implementation.OriginalDefinition;
                        }
                    }
                }
            }

            yield break;
        }

        foreach (var declaration in Model.SyntaxIndex.MethodsNamed(method.Name, cancellationToken))
        {
            var candidate = ModelFor(declaration.SyntaxTree).GetDeclaredSymbol(declaration, cancellationToken) as IMethodSymbol;
            if (candidate?.ContainingType is null || candidate.IsAbstract)
            {
                continue;
            }

            for (var overridden = candidate.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
                {
                    yield return candidate;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Declared in this compilation's source: it has syntax, and its assembly is the compilation's (a referenced
    /// project's method has syntax too, in its own compilation). Not <c>Compilation.ContainsSyntaxTree</c>, a lookup in
    /// an immutable map of every tree: it is asked for each implementation of each interface method followed, and at
    /// 4x it was the one frame of GK1001 that grew with the project, not with the calls (docs/performance.md, seventeenth pass).
    /// </summary>
    private bool IsInThisCompilation(IMethodSymbol method) =>
        !method.DeclaringSyntaxReferences.IsEmpty && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, Compilation.Assembly);

    /// <summary>
    /// The source classes and structs that implement (a construction of) <paramref name="contract"/>, a source
    /// interface. Syntax first: a type implements it only through a chain of base lists that name it, the
    /// source interfaces that extend it or the source types that implement it (a type of another assembly
    /// cannot derive from a source type), so only the declarations reached by simple name (and using alias)
    /// from the contract get symbols. In the IDE this runs on every keystroke of a controller; building every
    /// type's symbols to map all interfaces cost a tenth of GK1001's time there.
    /// </summary>
    private IReadOnlyList<INamedTypeSymbol> ImplementersOf(INamedTypeSymbol contract, CancellationToken cancellationToken)
    {
        contract = contract.OriginalDefinition;
        if (_implementers.TryGetValue(contract, out var known))
        {
            return known;
        }

        var index = BaseLists(cancellationToken);
        var byBaseName = index.ByBaseName;
        var aliases = index.Aliases;
        var names = new HashSet<string>(StringComparer.Ordinal) { contract.Name };
        var pending = new Queue<string>();
        pending.Enqueue(contract.Name);
        var reached = new List<TypeDeclarationSyntax>();
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = pending.Dequeue();
            foreach (var (alias, target) in aliases)
            {
                if (target == name && names.Add(alias))
                {
                    pending.Enqueue(alias);
                }
            }

            if (!byBaseName.TryGetValue(name, out var declarations))
            {
                continue;
            }

            foreach (var declaration in declarations)
            {
                reached.Add(declaration);
                if (names.Add(declaration.Identifier.ValueText))
                {
                    pending.Enqueue(declaration.Identifier.ValueText);
                }
            }
        }

        var implementers = new List<INamedTypeSymbol>();
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var declaration in reached)
        {
            if (ModelFor(declaration.SyntaxTree).GetDeclaredSymbol(declaration, cancellationToken) is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type
                && seen.Add(type)
                && Implements(type, contract))
            {
                implementers.Add(type);
            }
        }

        return _implementers.GetOrAdd(contract, implementers);
    }

    private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol contract)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Declarations by base-list name, built once per compilation from the per-tree outlines.</summary>
    private BaseListIndex BaseLists(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _baseLists) is { } index)
        {
            return index;
        }

        // Stored only when complete (a cancelled build stores nothing).
        return Interlocked.CompareExchange(ref _baseLists, Model.SyntaxIndex.BaseLists(cancellationToken), null) ?? _baseLists!;
    }

    /// <summary>
    /// True when the model declares a global query filter for <paramref name="entity"/> that mentions
    /// its owner member (<c>HasQueryFilter(n =&gt; n.OwnerId == _currentUser.Id)</c>): every query is
    /// already scoped by the owner.
    /// </summary>
    public bool HasOwnerQueryFilter(ITypeSymbol entity, ISymbol owner, CancellationToken cancellationToken)
    {
        var filters = _queryFilters;
        if (filters is null)
        {
            var builder = new List<(ITypeSymbol Entity, string Text)>();
            foreach (var invocation in Model.SyntaxIndex.InvocationsNamed("HasQueryFilter", cancellationToken))
            {
                if (ModelFor(invocation.SyntaxTree).GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { ContainingType.TypeArguments: { Length: 1 } arguments })
                {
                    builder.Add((arguments[0], invocation.ArgumentList.ToString()));
                }
            }

            filters = builder;
            Interlocked.CompareExchange(ref _queryFilters, filters, null);
        }

        foreach (var (filtered, text) in filters)
        {
            if (SymbolEqualityComparer.Default.Equals(filtered.OriginalDefinition, entity.OriginalDefinition) && text.IndexOf(owner.Name, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    internal CalleeSyntax CalleeSyntaxFor(OwnershipSettings settings) =>
        _calleeSyntax.GetOrAdd(settings, s => new CalleeSyntax(Model.SyntaxIndex, s));

    // Callees live in other documents, whose models the driver does not hand us (RS1030's concern):
    // the endpoint model's per-tree models, shared with the other security rules.
    public SemanticModel ModelFor(SyntaxTree tree) => Model.Models.For(tree);

    private MethodSummary Compute(IMethodSymbol method, OwnershipSettings settings, int depth, CancellationToken cancellationToken)
    {
        if (method.IsAbstract)
        {
            var evidence = false;
            MutationFact? mutation = null;
            foreach (var implementation in Implementations(method, cancellationToken))
            {
                var summary = Summarize(implementation, settings, depth, cancellationToken);
                evidence |= summary.HasEvidence;
                mutation ??= summary.Mutation;
            }

            return evidence || mutation is not null ? new MethodSummary(evidence, mutation) : MethodSummary.Nothing;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (syntax is MethodDeclarationSyntax { Body: null, ExpressionBody: null })
            {
                continue;
            }

            // Most callees add nothing; binding them ahead of the compiler binds them twice.
            if (!_bindEveryCallee && !CalleeSyntaxFor(settings).MayContribute(syntax, depth, cancellationToken))
            {
                return MethodSummary.Nothing;
            }

            if (BodyOf(syntax, null, cancellationToken) is not { } body)
            {
                continue;
            }

            var flow = new MethodFlow(this, settings, method, parameter => CalleeRole(parameter, settings), depth, cancellationToken);
            return flow.Analyze(body);
        }

        return MethodSummary.Nothing;
    }

    private static ParameterRole CalleeRole(IParameterSymbol parameter, OwnershipSettings settings)
    {
        if (MethodFlow.IsPrincipalType(parameter.Type) || settings.IsCurrentUserName(parameter.Name) || settings.IsCurrentUserName(parameter.Type.Name))
        {
            return ParameterRole.User;
        }

        return MethodFlow.IsSimpleType(parameter.Type) ? ParameterRole.RequestId : ParameterRole.RequestModel;
    }

    private static string StripAffixes(string name)
    {
        if (name.Length > 2 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name.Substring(1);
        }

        foreach (var suffix in new[] { "Repository", "Repo", "Service", "Store", "Manager", "DataAccess", "Dao", "Handler", "Commands", "Api" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                return name.Substring(0, name.Length - suffix.Length);
            }
        }

        return name;
    }

    private ITypeSymbol? Lookup(string name, OwnershipSettings settings)
    {
        if (name.Length == 0)
        {
            return null;
        }

        var type = _typesByName.GetOrAdd(name, FindType) ?? (name.EndsWith("s", StringComparison.Ordinal) ? _typesByName.GetOrAdd(name.Substring(0, name.Length - 1), FindType) : null);
        return type is not null && OwnerMember(type, settings) is not null ? type : null;
    }

    private INamedTypeSymbol? FindType(string name)
    {
        foreach (var symbol in Compilation.GetSymbolsWithName(name, SymbolFilter.Type))
        {
            if (symbol is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type)
            {
                return type;
            }
        }

        return null;
    }
}
