using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Web;

/// <summary>
/// What the input-limit rules (GK1002, GK1004) share per compilation: the endpoint model, one semantic
/// model per tree for compilation-wide scans, the request-bound inputs and the FluentValidation
/// limits, each computed once on first need.
/// </summary>
internal sealed class InputAnalysis
{
    private readonly LazyPerCompilation<BoundInputs> _inputs;
    private readonly LazyPerCompilation<FluentValidationLimits> _fluentValidation;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _modelsWithLimits = new(SymbolEqualityComparer.Default);

    private InputAnalysis(EndpointModel model)
    {
        Model = model;
        Models = model.Models;
        _inputs = new LazyPerCompilation<BoundInputs>(cancellationToken => BoundInputs.Compute(Model, Models, cancellationToken));
        _fluentValidation = new LazyPerCompilation<FluentValidationLimits>(
            cancellationToken => FluentValidationLimits.Compute(Model.SyntaxIndex, Models, Model.Knowledge.Compilation, cancellationToken));
    }

    public EndpointModel Model { get; }

    public SemanticModelCache Models { get; }

    public static InputAnalysis? TryCreate(Compilation compilation) =>
        EndpointModel.TryCreate(compilation) is { } model ? new InputAnalysis(model) : null;

    public BoundInputs Inputs(CancellationToken cancellationToken) => _inputs.Get(cancellationToken);

    public FluentValidationLimits FluentValidation(CancellationToken cancellationToken) => _fluentValidation.Get(cancellationToken);

    /// <summary>
    /// True when the declaration <paramref name="symbol"/> (a property or parameter) carries a limit of
    /// <paramref name="kind"/>: an attribute (on a positional record parameter or its <c>[property: …]</c>),
    /// a FluentValidation rule, or a length check in the model's own <c>IValidatableObject.Validate</c>.
    /// </summary>
    public bool IsLimited(ISymbol symbol, LimitKind kind, ImmutableArray<string> extraAttributes, CancellationToken cancellationToken)
    {
        if (InputLimits.HasLimit(symbol.GetAttributes(), kind, extraAttributes))
        {
            return true;
        }

        if (symbol is IParameterSymbol parameter && BoundInputs.PositionalProperty(parameter) is { } property
            && InputLimits.HasLimit(property.GetAttributes(), kind, extraAttributes))
        {
            return true;
        }

        if (DeclarationKey.Of(symbol) is { } key && FluentValidation(cancellationToken).IsLimited(key))
        {
            return true;
        }

        return ValidatesInValidate(symbol, cancellationToken);
    }

    /// <summary>
    /// True when a bound member of the model <paramref name="type"/> (nested models and collections of
    /// models included) carries a validation attribute that limits input (GK1004: <c>[Required]</c>
    /// alone does not count). Cached per type for the compilation.
    /// </summary>
    public bool ModelHasLimits(ITypeSymbol type, ImmutableArray<string> extraAttributes)
    {
        type = BoundInputs.Unwrap(type);
        if (!BoundInputs.IsSourceModel(type))
        {
            return BoundInputs.ElementType(type) is { } element && !BoundInputs.IsDictionary(type) && BoundInputs.IsSourceModel(BoundInputs.Unwrap(element))
                && ModelHasLimits(element, extraAttributes);
        }

        if (_modelsWithLimits.TryGetValue(type, out var known))
        {
            return known;
        }

        var result = ModelHasLimits(type, extraAttributes, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));
        _modelsWithLimits.TryAdd(type, result);
        return result;
    }

    private static bool ModelHasLimits(ITypeSymbol type, ImmutableArray<string> extraAttributes, HashSet<ITypeSymbol> visiting)
    {
        type = BoundInputs.Unwrap(type);
        if (!BoundInputs.IsSourceModel(type))
        {
            return BoundInputs.ElementType(type) is { } element && !BoundInputs.IsDictionary(type) && ModelHasLimits(element, extraAttributes, visiting);
        }

        if (!visiting.Add(type))
        {
            return false;
        }

        foreach (var member in BoundInputs.BoundMembers((INamedTypeSymbol)type))
        {
            if (HasEnforceableLimit(member, extraAttributes))
            {
                return true;
            }

            var memberType = member is IPropertySymbol property ? property.Type : ((IParameterSymbol)member).Type;
            if (!BoundInputs.IsString(memberType) && ModelHasLimits(memberType, extraAttributes, visiting))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The declaration carries a limiting validation attribute (a positional parameter's <c>property:</c> ones included).</summary>
    public static bool HasEnforceableLimit(ISymbol symbol, ImmutableArray<string> extraAttributes)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (InputLimits.IsEnforceableLimit(attribute, extraAttributes))
            {
                return true;
            }
        }

        if (symbol is IParameterSymbol parameter && BoundInputs.PositionalProperty(parameter) is { } property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (InputLimits.IsEnforceableLimit(attribute, extraAttributes))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>IValidatableObject.Validate</c> of the model reads <c>Member.Length</c> / <c>Member.Count</c>.</summary>
    private static bool ValidatesInValidate(ISymbol member, CancellationToken cancellationToken)
    {
        var type = member is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor }
            ? constructor.ContainingType
            : member.ContainingType;
        if (type is null || !Implements(type, ValidationTypeNames.ValidatableObject))
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var candidate in current.GetMembers("Validate"))
            {
                foreach (var reference in candidate.DeclaringSyntaxReferences)
                {
                    foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                    {
                        if (node is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" or "Count" } access
                            && LastName(access.Expression) == member.Name)
                        {
                            return true;
                        }

                        if (node is MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Length" or "Count", Parent: ConditionalAccessExpressionSyntax conditional }
                            && LastName(conditional.Expression) == member.Name)
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    private static string? LastName(ExpressionSyntax expression) =>
        expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            ConditionalAccessExpressionSyntax conditional => LastName(conditional.Expression),
            PostfixUnaryExpressionSyntax postfix => LastName(postfix.Operand),
            _ => null,
        };

    private static bool Implements(ITypeSymbol type, string fullName)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolNames.IsType(implemented, fullName))
            {
                return true;
            }
        }

        return false;
    }
}
