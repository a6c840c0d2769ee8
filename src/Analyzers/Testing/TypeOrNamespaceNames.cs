using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>
/// Whether an expression written as the receiver of a member access can denote a type or namespace (where a
/// constant or a static method is reached), decided without binding the method body around it and without a
/// name lookup at the position (<see cref="SemanticModel.LookupNamespacesAndTypes"/> walks every import and
/// reference for each call: about 60 µs, as much as binding a small test body). Per compilation; the answer
/// per name is cached.
/// </summary>
internal sealed class TypeOrNamespaceNames
{
    private static readonly ConditionalWeakTable<Compilation, TypeOrNamespaceNames> PerCompilation = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, bool> _declared = new(StringComparer.Ordinal);
    private ImmutableArray<IAssemblySymbol> _referencedAssemblies;

    private TypeOrNamespaceNames(Compilation compilation)
    {
        _compilation = compilation;
        Aliases = new UsingAliasNames(compilation);
    }

    /// <summary>The names that using aliases give in the compilation.</summary>
    public UsingAliasNames Aliases { get; }

    /// <summary>The one instance of <paramref name="compilation"/>: the test rules share its answers per name.</summary>
    public static TypeOrNamespaceNames For(Compilation compilation) =>
        PerCompilation.GetValue(compilation, static c => new TypeOrNamespaceNames(c));

    /// <summary>
    /// False when <paramref name="receiver"/> surely denotes a value, so that a static member or a constant cannot
    /// be reached through it in code that compiles. A chain of names can denote a type only if its first name can:
    /// a local, a parameter or a field (a value) does only when a type of that very name is in scope ("Color
    /// Color"). A simple name can name a type or namespace only if some type or namespace of the compilation or
    /// of a reference has that name (nested types included), or it is an alias or a type parameter in scope.
    /// Calls, <c>this</c>, elements, a name in parentheses or with <c>!</c> are values.
    /// </summary>
    public bool MayDenoteTypeOrNamespace(ExpressionSyntax receiver, CancellationToken cancellationToken) => receiver switch
    {
        MemberAccessExpressionSyntax inner when inner.IsKind(SyntaxKind.SimpleMemberAccessExpression) => MayDenoteTypeOrNamespace(inner.Expression, cancellationToken),
        IdentifierNameSyntax identifier => MayNameTypeOrNamespace(identifier, cancellationToken),
        GenericNameSyntax or PredefinedTypeSyntax or AliasQualifiedNameSyntax or QualifiedNameSyntax => true,
        _ => false,
    };

    private bool MayNameTypeOrNamespace(IdentifierNameSyntax identifier, CancellationToken cancellationToken)
    {
        var name = identifier.Identifier.ValueText;
        return name is "dynamic" or "nint" or "nuint"
            || IsTypeParameterInScope(identifier, name)
            || Aliases.IsAliasName(name, identifier.SyntaxTree, cancellationToken)
            || _declared.GetOrAdd(name, IsDeclared);
    }

    /// <summary>
    /// A type or namespace named <paramref name="name"/> in the source or in a reference (their name sets, nested
    /// types included). A name that starts with a lowercase letter or an underscore is looked for in the source
    /// only: that is how locals, parameters and fields are written, and .NET libraries name their types and
    /// namespaces in PascalCase. Asking ~200 references' name sets for each such name, in each new compilation,
    /// was most of GK2004's time on an IDE keystroke. The price: a constant reached through a lowercase type of
    /// another assembly (an F# library's, say) is taken for a value, and such an assertion is not reported.
    /// </summary>
    private bool IsDeclared(string name)
    {
        // The source assembly's name sets (nested types included) are built once per compilation's declarations;
        // ContainsSymbolsWithName walks every declaration for each name (about 160 µs per name in a 1,000-class project).
        var source = _compilation.Assembly;
        if (source.TypeNames.Contains(name) || source.NamespaceNames.Contains(name) || source.Modules.Skip(1).Any())
        {
            return true;
        }

        if (name.Length == 0 || char.IsLower(name[0]) || name[0] == '_')
        {
            return false;
        }

        foreach (var assembly in ReferencedAssemblies)
        {
            if (assembly.TypeNames.Contains(name) || assembly.NamespaceNames.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The referenced assemblies, read once: the property makes a new array of them on each call.</summary>
    private ImmutableArray<IAssemblySymbol> ReferencedAssemblies
    {
        get
        {
            if (_referencedAssemblies.IsDefault)
            {
                ImmutableInterlocked.InterlockedInitialize(ref _referencedAssemblies, _compilation.SourceModule.ReferencedAssemblySymbols);
            }

            return _referencedAssemblies;
        }
    }

    private static bool IsTypeParameterInScope(SyntaxNode node, string name)
    {
        foreach (var ancestor in node.Ancestors())
        {
            var parameters = ancestor switch
            {
                TypeDeclarationSyntax type => type.TypeParameterList,
                MethodDeclarationSyntax method => method.TypeParameterList,
                LocalFunctionStatementSyntax localFunction => localFunction.TypeParameterList,
                _ => null,
            };

            if (parameters is not null)
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

        return false;
    }
}
