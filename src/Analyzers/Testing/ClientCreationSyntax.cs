using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
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
    /// <summary>
    /// The names of the using aliases of one tree (global ones marked): syntax only, cached per tree for as
    /// long as the tree lives (the IDE's next compilation shares the unchanged trees). Built in one go
    /// from the compilation unit and namespace declarations (no method body is walked).
    /// </summary>
    private static readonly ConditionalWeakTable<SyntaxTree, TreeAliases> AliasesPerTree = new();

    private readonly Compilation _compilation;
    private HashSet<string>? _globalAliases;
    private int _factoryLibraries = -1;

    public ClientCreationSyntax(Compilation compilation)
    {
        _compilation = compilation;
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
        return type is IdentifierNameSyntax && IsAliasName(name, creation.SyntaxTree, cancellationToken);
    }

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
    public bool MayBeFactoryCall(InvocationExpressionSyntax call, string name, SemanticModel model)
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
            MemberAccessExpressionSyntax access => TypeOrNamespaceNames.MayDenoteTypeOrNamespace(access.Expression, model),
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

    /// <summary>True when a using alias named <paramref name="name"/> is declared in <paramref name="tree"/> or globally in any tree of the compilation.</summary>
    private bool IsAliasName(string name, SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (AliasesOf(tree, cancellationToken).All?.Contains(name) == true)
        {
            return true;
        }

        if (Volatile.Read(ref _globalAliases) is not { } globals)
        {
            globals = new HashSet<string>(StringComparer.Ordinal);
            foreach (var other in _compilation.SyntaxTrees)
            {
                if (AliasesOf(other, cancellationToken).Global is { } declared)
                {
                    globals.UnionWith(declared);
                }
            }

            globals = Interlocked.CompareExchange(ref _globalAliases, globals, null) ?? globals;
        }

        return globals.Contains(name);
    }

    private static TreeAliases AliasesOf(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (AliasesPerTree.TryGetValue(tree, out var cached))
        {
            return cached;
        }

        var built = TreeAliases.Build(tree, cancellationToken);
        return AliasesPerTree.GetValue(tree, _ => built);
    }

    /// <summary>The alias names of one tree: all of them, and the global ones (null when there are none).</summary>
    private sealed class TreeAliases
    {
        private TreeAliases(HashSet<string>? all, HashSet<string>? global)
        {
            All = all;
            Global = global;
        }

        public HashSet<string>? All { get; }

        public HashSet<string>? Global { get; }

        public static TreeAliases Build(SyntaxTree tree, CancellationToken cancellationToken)
        {
            HashSet<string>? all = null;
            HashSet<string>? global = null;
            var root = tree.GetRoot(cancellationToken);
            foreach (var node in root.DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
            {
                if (node is UsingDirectiveSyntax { Alias: { } alias } directive)
                {
                    var name = alias.Name.Identifier.ValueText;
                    (all ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                    if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                    {
                        (global ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                    }
                }
            }

            return new TreeAliases(all, global);
        }
    }
}
