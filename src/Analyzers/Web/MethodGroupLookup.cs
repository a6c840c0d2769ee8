using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Web;

/// <summary>
/// Finds the method a method-group argument (<c>Delete</c>, <c>OrderHandlers.Delete</c>, <c>handlers.Delete</c>)
/// names by looking names up, not by binding the call, and without asking anything about a position inside the
/// method the call is written in. Binding a call binds the whole method it is written in (with its nullable
/// analysis); and any semantic question about a position in a method body, even a lookup, creates that body's
/// member model, after which the compiler can no longer hand the driver the body it binds anyway (it offers its
/// bound tree with <c>GetOrAddModel</c>, which keeps the model already there). Names are therefore looked up at
/// the method's parameter list, where the type's members, base types, outer types and usings are in scope, and
/// the method's own locals, parameters and local functions are read from syntax. That is what lets the
/// compilation-wide scans (the inputs of every endpoint, the endpoints of a handler) run before the compiler
/// has bound the registration methods at no more than the cost of the names (docs/performance.md, eighth pass).
/// <para>
/// Null when that cannot settle it, and the caller binds instead: a call outside a method of a type (top-level
/// statements, a property), a name the method declares itself (a local function, a variable holding a delegate),
/// a variable whose type its declaration does not spell, overloads (which a method group passed as
/// <c>Delegate</c> cannot have anyway), generic names, qualifiers other than a simple name. Each argument is
/// looked up once per compilation: every method named like a handler asks about the same calls.
/// </para>
/// </summary>
internal sealed class MethodGroupLookup
{
    private readonly SemanticModelCache _models;
    private readonly ConcurrentDictionary<ExpressionSyntax, StrongBox<IMethodSymbol?>> _resolved = new();

    public MethodGroupLookup(SemanticModelCache models)
    {
        _models = models;
    }

    /// <summary>The method the argument <paramref name="expression"/> names as a method group; null when unsettled. Cached per argument.</summary>
    public IMethodSymbol? Resolve(ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        if (_resolved.TryGetValue(expression, out var known))
        {
            return known.Value;
        }

        var resolved = Resolve(expression, _models.For(expression.SyntaxTree), cancellationToken);
        return _resolved.GetOrAdd(expression, new StrongBox<IMethodSymbol?>(resolved)).Value;
    }

    /// <summary>
    /// The method (constructor, operator) of a type whose body holds <paramref name="node"/>, with the position of its parameter
    /// list: outside the body, yet in the scope of the type's members and of the file's usings. Null elsewhere.
    /// </summary>
    public static (BaseMethodDeclarationSyntax Method, int Position)? EnclosingMethod(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case BaseMethodDeclarationSyntax method when method.Parent is TypeDeclarationSyntax:
                    return (method, method.ParameterList.SpanStart);
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The type <paramref name="type"/> names at <paramref name="position"/>, bound as a name only (no expression, no body, no nullable analysis).</summary>
    public static ITypeSymbol? TypeNamed(TypeSyntax type, SemanticModel model, int position)
    {
        // `int`, `string`, `decimal` …: no lookup needed (most lambda handlers' route and query parameters).
        if (type is PredefinedTypeSyntax predefined && SpecialTypeOf(predefined.Keyword) is { } special)
        {
            return model.Compilation.GetSpecialType(special);
        }

        var found = model.GetSpeculativeTypeInfo(position, type, SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
        return found is null || found.TypeKind == TypeKind.Error ? null : found;
    }

    private static SpecialType? SpecialTypeOf(SyntaxToken keyword) =>
        keyword.Kind() switch
        {
            SyntaxKind.StringKeyword => SpecialType.System_String,
            SyntaxKind.IntKeyword => SpecialType.System_Int32,
            SyntaxKind.LongKeyword => SpecialType.System_Int64,
            SyntaxKind.BoolKeyword => SpecialType.System_Boolean,
            SyntaxKind.DecimalKeyword => SpecialType.System_Decimal,
            SyntaxKind.DoubleKeyword => SpecialType.System_Double,
            SyntaxKind.ObjectKeyword => SpecialType.System_Object,
            _ => null,
        };

    private static IMethodSymbol? Resolve(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (EnclosingMethod(expression) is not { } enclosing)
        {
            return null;
        }

        var (method, position) = enclosing;
        switch (WithoutParenthesesOrCasts(expression))
        {
            case IdentifierNameSyntax { Identifier.ValueText: var name }:
                if (LocalDeclaration(method, name) is not null)
                {
                    return null;
                }

                // The types around the call first (members, inherited ones, outer types' ones), as C# looks names up;
                // a full lookup (using static, …) only when none of them has the name: it is not free.
                var members = method.Parent is TypeDeclarationSyntax type && model.GetDeclaredSymbol(type, cancellationToken) is INamedTypeSymbol declared
                    ? MembersNamed(declared, name, outerTypes: true)
                    : ImmutableArray<ISymbol>.Empty;
                return SingleMethod(members.IsEmpty ? model.LookupSymbols(position, name: name) : members);
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name, Name: IdentifierNameSyntax, Expression: IdentifierNameSyntax qualifier }:
                return ContainerOf(qualifier.Identifier.ValueText, method, model, position) is ITypeSymbol container
                    ? SingleMethod(MembersNamed(container, name, outerTypes: false))
                    : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The type whose members <c>qualifier.Name</c> looks in: a type's, or a variable's declared type (a parameter's or
    /// local's spelled type, <c>var x = new T(…)</c>, a field's or property's). Null when not settled that way.
    /// </summary>
    private static INamespaceOrTypeSymbol? ContainerOf(string qualifier, BaseMethodDeclarationSyntax method, SemanticModel model, int position)
    {
        switch (LocalDeclaration(method, qualifier))
        {
            case ParameterSyntax { Type: { } type } parameter when parameter.Parent?.Parent == method:
                return TypeNamed(type, model, position);
            case VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator when declaration.Parent is LocalDeclarationStatementSyntax:
                if (!declaration.Type.IsVar)
                {
                    return TypeNamed(declaration.Type, model, position);
                }

                return declarator.Initializer?.Value is ObjectCreationExpressionSyntax creation ? TypeNamed(creation.Type, model, position) : null;
            case null:
                break;
            default:
                return null;
        }

        var symbols = model.LookupSymbols(position, name: qualifier);
        if (symbols.Length != 1)
        {
            return null;
        }

        var found = symbols[0] switch
        {
            IAliasSymbol alias => alias.Target as ITypeSymbol,
            ITypeSymbol named => named,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        return found is null || found.TypeKind == TypeKind.Error ? null : found;
    }

    /// <summary>
    /// Syntax only: the first declaration of <paramref name="name"/> in <paramref name="method"/> (its parameters, locals,
    /// local functions, lambda parameters, pattern and loop variables …), which would hide a member of that name.
    /// </summary>
    private static SyntaxNode? LocalDeclaration(BaseMethodDeclarationSyntax method, string name)
    {
        foreach (var node in method.DescendantNodes())
        {
            var declared = node switch
            {
                ParameterSyntax parameter => parameter.Identifier,
                VariableDeclaratorSyntax variable => variable.Identifier,
                LocalFunctionStatementSyntax localFunction => localFunction.Identifier,
                SingleVariableDesignationSyntax designation => designation.Identifier,
                ForEachStatementSyntax loop => loop.Identifier,
                CatchDeclarationSyntax caught => caught.Identifier,
                FromClauseSyntax from => from.Identifier,
                LetClauseSyntax let => let.Identifier,
                JoinClauseSyntax join => join.Identifier,
                QueryContinuationSyntax into => into.Identifier,
                _ => default,
            };

            if (declared.ValueText == name && name.Length > 0)
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>
    /// The members named <paramref name="name"/> of <paramref name="type"/> or of its nearest base type that has any (then,
    /// with <paramref name="outerTypes"/>, of the types around it), as C# finds them; empty when none of these types has the name.
    /// </summary>
    private static ImmutableArray<ISymbol> MembersNamed(ITypeSymbol type, string name, bool outerTypes)
    {
        for (ITypeSymbol? scope = type; scope is not null; scope = outerTypes ? scope.ContainingType : null)
        {
            for (var current = scope; current is not null; current = current.BaseType)
            {
                var members = current.GetMembers(name);
                if (!members.IsEmpty)
                {
                    return members;
                }
            }
        }

        return ImmutableArray<ISymbol>.Empty;
    }

    private static IMethodSymbol? SingleMethod(ImmutableArray<ISymbol> symbols)
    {
        IMethodSymbol? found = null;
        foreach (var symbol in symbols)
        {
            if (symbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } method || found is not null)
            {
                return null;
            }

            found = method;
        }

        return found;
    }

    /// <summary>The expression inside parentheses and casts: <c>M</c> in <c>(Delegate)(M)</c>.</summary>
    public static ExpressionSyntax WithoutParenthesesOrCasts(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                default:
                    return expression;
            }
        }
    }
}
