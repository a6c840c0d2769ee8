using System;
using System.Collections.Generic;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>
/// GK2002's syntax filter: what a <c>new</c> expression or a factory call must look like before the
/// semantic model is asked what it creates. A "no" here is final — the semantic check could only have
/// said "no" too — so the bodies of tests that create no client are not bound for GK2002 (the first
/// semantic query in a method body binds all of it).
/// </summary>
internal sealed class ClientCreationSyntax
{
    private readonly Compilation _compilation;
    private readonly UsingAliasNames _aliases;
    private readonly TypeOrNamespaceNames _typeNames;
    private int _factoryLibraries = -1;

    public ClientCreationSyntax(Compilation compilation)
    {
        _compilation = compilation;
        _typeNames = TypeOrNamespaceNames.For(compilation);
        _aliases = _typeNames.Aliases;
    }

    /// <summary>
    /// False when the object created by <paramref name="creation"/> (a <c>new X(…)</c> or a target-typed
    /// <c>new(…)</c>) surely has a name that does not end in <c>Client</c>: the name written for the type
    /// (or for the declared type a <c>new()</c> initializes) is a type's own name unless it is an alias.
    /// Configured client types (matched with derived types, whatever their names) are not decided here.
    /// </summary>
    public bool MayCreateTypeNamedClient(SyntaxNode creation, CancellationToken cancellationToken)
    {
        var type = creation switch
        {
            ObjectCreationExpressionSyntax explicitCreation => explicitCreation.Type,
            ImplicitObjectCreationExpressionSyntax implicitCreation => DeclaredTypeOf(implicitCreation),
            _ => null,
        };

        // `T? x = new()` creates a T (or, for a struct, a Nullable<T>, whose name does not end in Client either).
        if (type is NullableTypeSyntax nullable && creation is ImplicitObjectCreationExpressionSyntax)
        {
            type = nullable.ElementType;
        }

        string? name = type switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name.Identifier.ValueText,
            PredefinedTypeSyntax predefined => predefined.Keyword.ValueText,
            _ => null,
        };

        if (name is null || name.EndsWith("Client", StringComparison.Ordinal))
        {
            return true;
        }

        // Only a lone identifier can be an alias (`using Http = System.Net.Http.HttpClient;`): the name after a dot,
        // a `::` or with type arguments is the type's own.
        return type is IdentifierNameSyntax && _aliases.IsAliasName(name, creation.SyntaxTree, cancellationToken);
    }

    /// <summary>The using aliases in scope in <paramref name="tree"/>: a name written for a type there may not be the type's own.</summary>
    public List<string> AliasNamesIn(SyntaxTree tree, CancellationToken cancellationToken) => _aliases.NamesIn(tree, cancellationToken);

    /// <summary>
    /// False when no method named <paramref name="name"/> (a name of <see cref="ExternalClients.IsFactoryMethodName"/>)
    /// can be a factory of <see cref="ExternalClients.FamilyOfFactoryMethod"/> in this compilation: a family's
    /// factory is declared in (or inherited from) a type of its namespace (<c>Confluent.Kafka</c>,
    /// <c>StackExchange.Redis</c>, <c>RabbitMQ.Client</c>), which needs that namespace's root in the source or a
    /// reference (extern-aliased ones included). <c>WebRequest</c>'s factories (in <c>System</c>) always may.
    /// </summary>
    public bool MayBeFactoryInThisCompilation(string name)
    {
        var libraries = Volatile.Read(ref _factoryLibraries);
        if (libraries < 0)
        {
            libraries = (DeclaresRoot("Confluent") ? 1 : 0) | (DeclaresRoot("StackExchange") ? 2 : 0) | (DeclaresRoot("RabbitMQ") ? 4 : 0);
            Volatile.Write(ref _factoryLibraries, libraries);
        }

        return name switch
        {
            "Build" => (libraries & 1) != 0,
            "Connect" or "ConnectAsync" or "SentinelConnect" or "SentinelConnectAsync" => (libraries & 2) != 0,
            "CreateConnection" or "CreateConnectionAsync" => (libraries & 4) != 0,
            _ => true,
        };
    }

    /// <summary>
    /// <see cref="MayBeFactoryInThisCompilation"/>, and for <c>WebRequest</c>'s static factories (<c>Create</c>,
    /// <c>CreateHttp</c>, <c>CreateDefault</c>) called through a receiver, a receiver that can denote a type
    /// (<see cref="TypeOrNamespaceNames"/>): <c>_controller.Create(dto)</c> calls a method of a value, not a static
    /// factory (which a value reaches only in code that does not compile).
    /// </summary>
    public bool MayBeFactoryCall(InvocationExpressionSyntax call, string name, CancellationToken cancellationToken)
    {
        if (!MayBeFactoryInThisCompilation(name))
        {
            return false;
        }

        if (name is not ("Create" or "CreateHttp" or "CreateDefault"))
        {
            return true;
        }

        return call.Expression switch
        {
            MemberAccessExpressionSyntax access => _typeNames.MayDenoteTypeOrNamespace(access.Expression, cancellationToken),
            MemberBindingExpressionSyntax => false,
            _ => true,
        };
    }

    /// <summary>True when the source or a referenced assembly declares a namespace or type <paramref name="root"/> at the top level.</summary>
    private bool DeclaresRoot(string root)
    {
        if (Any(_compilation.Assembly.GlobalNamespace.GetMembers(root)))
        {
            return true;
        }

        // Every referenced assembly, under whatever alias it is referenced: the knowledge matches full names only.
        foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (Any(assembly.GlobalNamespace.GetMembers(root)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Any(IEnumerable<INamespaceOrTypeSymbol> members)
    {
        foreach (var unused in members)
        {
            return true;
        }

        return false;
    }

    /// <summary>The type a target-typed <c>new()</c> initializes when it is written in the declaration: <c>HttpClient c = new();</c>, a field or property initializer.</summary>
    private static TypeSyntax? DeclaredTypeOf(ImplicitObjectCreationExpressionSyntax creation) =>
        creation.Parent is EqualsValueClauseSyntax initializer && initializer.Value == creation
            ? initializer.Parent switch
            {
                VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } => declaration.Type,
                PropertyDeclarationSyntax property => property.Type,
                _ => null,
            }
            : null;
}
