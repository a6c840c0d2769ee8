using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Gatekeeper.Analyzers.Web;

/// <summary>Where a declaration lives: its tree and the start of its name (stable across semantic models).</summary>
internal readonly struct DeclarationKey : IEquatable<DeclarationKey>
{
    public DeclarationKey(SyntaxTree tree, int position)
    {
        Tree = tree;
        Position = position;
    }

    public SyntaxTree Tree { get; }

    public int Position { get; }

    /// <summary>
    /// The key of a source symbol: the start of its name. From <see cref="ISymbol.Locations"/>, which source symbols
    /// keep; <see cref="ISymbol.DeclaringSyntaxReferences"/> finds the declaration node again on each call, and this
    /// runs for every member of every model. A positional record property shares its parameter's name, so its key.
    /// </summary>
    public static DeclarationKey? Of(ISymbol symbol)
    {
        var locations = symbol.Locations;
        return locations.Length > 0 && locations[0] is { IsInSource: true, SourceTree: { } tree } location
            ? new DeclarationKey(tree, location.SourceSpan.Start)
            : null;
    }

    /// <summary>The key of a property, parameter or field variable declaration: the start of its name, as for its symbol.</summary>
    public static DeclarationKey Of(SyntaxNode node) =>
        new(node.SyntaxTree, node switch
        {
            PropertyDeclarationSyntax property => property.Identifier.SpanStart,
            ParameterSyntax parameter => parameter.Identifier.SpanStart,
            VariableDeclaratorSyntax variable => variable.Identifier.SpanStart,
            _ => node.SpanStart,
        });

    public bool Equals(DeclarationKey other) => Tree == other.Tree && Position == other.Position;

    public override bool Equals(object? obj) => obj is DeclarationKey other && Equals(other);

    public override int GetHashCode() => (Tree.GetHashCode() * 397) ^ Position;
}

/// <summary>What kind of request-bound string input a declaration is.</summary>
internal enum BoundInputShape
{
    /// <summary>A <c>string</c>: needs a length limit.</summary>
    String,

    /// <summary>A collection of strings (<c>string[]</c>, <c>List&lt;string&gt;</c> …): needs a count limit.</summary>
    StringCollection,
}

/// <summary>
/// A request-bound string input: a handler parameter bound from the route, query, header, form or
/// body, an <c>[AsParameters]</c> member, or a member of a body / form model (nested models and
/// collections of models included). One per declaration, however many endpoints bind it.
/// </summary>
internal sealed class BoundInput
{
    public BoundInput(BoundInputShape shape, BindingSource source, bool isModelMember, bool routeBounded)
    {
        Shape = shape;
        Source = source;
        IsModelMember = isModelMember;
        RouteBounded = routeBounded;
    }

    public BoundInputShape Shape { get; }

    /// <summary>Where the value comes from (for model members: the source of the model).</summary>
    public BindingSource Source { get; }

    public bool IsModelMember { get; }

    /// <summary>True when every route template that binds it constrains its length (<c>{slug:maxlength(64)}</c>).</summary>
    public bool RouteBounded { get; private set; }

    internal void MergeRoute(bool bounded) => RouteBounded &= bounded;
}

/// <summary>
/// The request-bound string inputs of one compilation, found from every endpoint of the
/// <see cref="EndpointModel"/> (controller actions, Razor Pages handlers, Minimal API <c>Map*</c> calls):
/// simple parameters from the route, query, header or form, and the members of body / form models,
/// recursively through nested models and collections, positional records included. Each model type
/// is visited once; each declaration is recorded once. Computed once per compilation on first need
/// (a cancelled computation is retried), then answered by declaration, so a rule can report a model
/// member from the symbol / syntax action of the document that declares it.
/// <para>
/// Not inputs: services (<c>[FromServices]</c>, DI-looking types), framework types (<c>HttpContext</c>,
/// <c>CancellationToken</c>, <c>ClaimsPrincipal</c>, <c>IFormFile</c>), types that bind themselves
/// (<c>BindAsync</c>), enums, dictionaries, members that are not bound (<c>[JsonIgnore]</c>,
/// <c>[BindNever]</c>, <c>[ValidateNever]</c>, get-only properties no constructor fills), types from
/// referenced assemblies, and models that are only returned.
/// </para>
/// </summary>
internal sealed class BoundInputs
{
    private readonly Dictionary<DeclarationKey, BoundInput> _inputs;

    private BoundInputs(Dictionary<DeclarationKey, BoundInput> inputs)
    {
        _inputs = inputs;
    }

    public int Count => _inputs.Count;

    public bool TryGet(DeclarationKey key, out BoundInput input) => _inputs.TryGetValue(key, out input!);

    public IEnumerable<BoundInput> All => _inputs.Values;

    /// <summary>
    /// Every endpoint of the compilation (controller actions, page handlers, Minimal API endpoints), from the
    /// syntax candidates of <see cref="EndpointModel.GetCandidates"/>: only those classes get symbols, only
    /// real <c>Map*</c> calls get an operation. The <c>Map*</c> calls that <see cref="MapCallReader"/> settles
    /// go to <paramref name="unboundMapCalls"/> instead, when given.
    /// </summary>
    private static IEnumerable<Endpoint> AllEndpoints(EndpointModel model, SemanticModelCache models, CancellationToken cancellationToken, Collector? unboundMapCalls)
    {
        var knowledge = model.Knowledge;
        var candidates = model.GetCandidates(cancellationToken);
        if (knowledge.HasMvc || knowledge.HasRazorPages)
        {
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var declaration in candidates.ClassDeclarations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (models.For(declaration.SyntaxTree).GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol { TypeKind: TypeKind.Class } type
                    || !seen.Add(type)
                    || model.GetController(type, cancellationToken).Role == ControllerRole.None)
                {
                    continue;
                }

                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public, IsStatic: false } method
                        && model.GetEndpoint(method, cancellationToken) is { } endpoint)
                    {
                        yield return endpoint;
                    }
                }
            }
        }

        if (knowledge.HasMinimalApis && candidates.HasMapCalls)
        {
            foreach (var name in MinimalApiEndpoints.MapMethodNames)
            {
                foreach (var invocation in model.SyntaxIndex.MapInvocationsNamed(name, cancellationToken))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (unboundMapCalls is not null && MinimalApiEndpoints.MayBeMapCall(invocation)
                        && model.MapCalls.TryRead(invocation, cancellationToken) is { } inputs)
                    {
                        unboundMapCalls.AddMapCall(inputs);
                        continue;
                    }

                    if (model.GetMapEndpoint(invocation, models.For(invocation.SyntaxTree), cancellationToken) is { } endpoint)
                    {
                        yield return endpoint;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The inputs of every endpoint. A <c>Map*</c> call is read with <see cref="MapCallReader"/> (names looked up,
    /// nothing bound) where that settles it, else bound; <paramref name="bindEveryMapCall"/> binds them all (for
    /// tests that check both ways agree).
    /// </summary>
    public static BoundInputs Compute(EndpointModel model, SemanticModelCache models, CancellationToken cancellationToken, bool bindEveryMapCall = false)
    {
        var collector = new Collector(cancellationToken);
        foreach (var endpoint in AllEndpoints(model, models, cancellationToken, bindEveryMapCall ? null : collector))
        {
            collector.AddEndpoint(endpoint);
        }

        return new BoundInputs(collector.Inputs);
    }

    /// <summary>True for <c>string</c>.</summary>
    public static bool IsString(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_String;

    /// <summary>A collection of strings (not a dictionary): arrays, lists, sets, <c>IEnumerable&lt;string&gt;</c> ….</summary>
    public static bool IsStringCollection(ITypeSymbol type) => !IsString(type) && !IsDictionary(type) && ElementType(type) is { SpecialType: SpecialType.System_String };

    /// <summary>The element type of an array or of a type implementing <c>IEnumerable&lt;T&gt;</c> (strings excluded), else null.</summary>
    public static ITypeSymbol? ElementType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type.SpecialType == SpecialType.System_String || type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
        {
            return named.TypeArguments[0];
        }

        foreach (var implemented in named.AllInterfaces)
        {
            if (implemented.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return implemented.TypeArguments[0];
            }
        }

        return null;
    }

    public static bool IsDictionary(ITypeSymbol type)
    {
        if (IsDictionaryInterface(type))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (IsDictionaryInterface(implemented))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDictionaryInterface(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true, Arity: 2 } named
        && named.Name is "IDictionary" or "IReadOnlyDictionary"
        && SymbolNames.IsInNamespace(named.ContainingNamespace, "System.Collections.Generic");

    /// <summary>
    /// A model type declared in source whose members bind one by one: a class, struct or record,
    /// not an enum, not a framework type.
    /// </summary>
    public static bool IsSourceModel(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } named
        && !named.IsStatic
        && named.Locations.Length > 0 && named.Locations[0].IsInSource
        && !IsDictionary(named);

    /// <summary>Strips <c>Nullable&lt;T&gt;</c>.</summary>
    public static ITypeSymbol Unwrap(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    /// <summary>
    /// The members of <paramref name="type"/> that a request binds: public instance properties with a
    /// setter (or <c>init</c>), get-only properties a public constructor fills (by name), and the
    /// parameters of a positional record (returned as the parameter, where validation reads attributes).
    /// </summary>
    public static IEnumerable<ISymbol> BoundMembers(INamedTypeSymbol type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current.Locations.Length > 0 && current.Locations[0].IsInSource; current = current.BaseType)
        {
            var constructorParameters = ConstructorParameters(current);
            foreach (var member in current.GetMembers())
            {
                if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } property
                    || property.GetMethod is null
                    || !seen.Add(property.Name)
                    || IsNotBound(property.GetAttributes()))
                {
                    continue;
                }

                var positional = PositionalParameter(property, constructorParameters);
                if (positional is not null)
                {
                    if (!IsNotBound(positional.GetAttributes()))
                    {
                        yield return positional;
                    }

                    continue;
                }

                if (property.SetMethod is { DeclaredAccessibility: Accessibility.Public } || HasParameterNamed(constructorParameters, property.Name))
                {
                    yield return property;
                }
            }
        }
    }

    private static ImmutableArray<IParameterSymbol> ConstructorParameters(INamedTypeSymbol type)
    {
        ImmutableArray<IParameterSymbol> best = ImmutableArray<IParameterSymbol>.Empty;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility == Accessibility.Public && constructor.Parameters.Length > best.Length
                && !(constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type)))
            {
                best = constructor.Parameters;
            }
        }

        return best;
    }

    private static bool HasParameterNamed(ImmutableArray<IParameterSymbol> parameters, string name)
    {
        foreach (var parameter in parameters)
        {
            if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The primary-constructor parameter a positional record property is synthesized from, else null.</summary>
    public static IParameterSymbol? PositionalParameter(IPropertySymbol property, ImmutableArray<IParameterSymbol> constructorParameters)
    {
        if (!property.ContainingType.IsRecord || property.Locations.Length == 0)
        {
            return null;
        }

        // A positional property is declared at its parameter's name: same name, same location. Locations, unlike
        // DeclaringSyntaxReferences, are not rebuilt on each call (this runs for every member of every model).
        var location = property.Locations[0];
        foreach (var parameter in constructorParameters)
        {
            if (parameter.Name == property.Name && parameter.Locations.Length > 0 && parameter.Locations[0] == location)
            {
                return parameter;
            }
        }

        return null;
    }

    /// <summary>The property a positional record parameter declares (for its <c>[property: …]</c> attributes), else null.</summary>
    public static IPropertySymbol? PositionalProperty(IParameterSymbol parameter)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType: { IsRecord: true } record })
        {
            return null;
        }

        foreach (var member in record.GetMembers(parameter.Name))
        {
            // Declared at the parameter's name, as in PositionalParameter.
            if (member is IPropertySymbol property && property.Locations.Length > 0 && parameter.Locations.Length > 0
                && property.Locations[0] == parameter.Locations[0])
            {
                return property;
            }
        }

        return null;
    }

    private static bool IsNotBound(ImmutableArray<AttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            var type = attribute.AttributeClass;
            if (type is null)
            {
                continue;
            }

            if (SymbolNames.IsType(type, ValidationTypeNames.BindNeverAttribute)
                || SymbolNames.IsType(type, ValidationTypeNames.ValidateNeverAttribute)
                || SymbolNames.IsType(type, AspNetCoreTypeNames.FromKeyedServicesAttribute)
                || (SymbolNames.IsType(type, ValidationTypeNames.JsonIgnoreAttribute) && IgnoresAlways(attribute)))
            {
                return true;
            }

            if (ParameterBinding.SourceOfAttributeType(type) == BindingSource.Services)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>[JsonIgnore]</c> ignores always unless <c>Condition</c> says otherwise (e.g. <c>WhenWritingNull</c>, which still reads).</summary>
    private static bool IgnoresAlways(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Condition" && argument.Value.Value is int condition)
            {
                return condition == 1; // JsonIgnoreCondition.Always
            }
        }

        return true;
    }

    private sealed class Collector
    {
        private readonly CancellationToken _cancellationToken;
        private readonly HashSet<ITypeSymbol> _visitedModels = new(SymbolEqualityComparer.Default);

        public Collector(CancellationToken cancellationToken)
        {
            _cancellationToken = cancellationToken;
        }

        public Dictionary<DeclarationKey, BoundInput> Inputs { get; } = new();

        public void AddEndpoint(Endpoint endpoint)
        {
            var templates = endpoint.RouteTemplates;
            foreach (var parameter in endpoint.Parameters)
            {
                AddParameter(HandlerInput.Of(parameter), templates);
            }
        }

        public void AddMapCall(MapCallInputs inputs)
        {
            foreach (var parameter in inputs.Parameters)
            {
                AddParameter(parameter, inputs.RouteTemplates);
            }
        }

        private void AddParameter(HandlerInput parameter, ImmutableArray<string> templates)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (parameter.Source is BindingSource.Services or BindingSource.Special or BindingSource.Custom)
            {
                return;
            }

            if (parameter.Source == BindingSource.AsParameters)
            {
                AddAsParameters(Unwrap(parameter.Type), templates);
                return;
            }

            if (!AddSimple(parameter.Key, parameter.Type, parameter.Source, parameter.BindingName, templates))
            {
                AddModel(parameter.Type, parameter.Source);
            }
        }

        /// <summary>Records a string / string collection parameter; false when the type is neither.</summary>
        private bool AddSimple(DeclarationKey? key, ITypeSymbol type, BindingSource source, string bindingName, ImmutableArray<string> templates)
        {
            BoundInputShape shape;
            if (IsString(type))
            {
                shape = BoundInputShape.String;
            }
            else if (IsStringCollection(type))
            {
                shape = BoundInputShape.StringCollection;
            }
            else
            {
                return false;
            }

            var routeBounded = shape == BoundInputShape.String && (source == BindingSource.Route || source == BindingSource.ModelBinding) && RouteBounded(bindingName, templates);
            Add(key, shape, source, isModelMember: false, routeBounded);
            return true;
        }

        private static bool RouteBounded(string name, ImmutableArray<string> templates)
        {
            var found = false;
            foreach (var template in templates)
            {
                if (RouteTemplates.TryGetParameter(template, name, out var routeParameter))
                {
                    found = true;
                    if (!InputLimits.RouteConstraintsBound(routeParameter.Constraints))
                    {
                        return false;
                    }
                }
            }

            return found;
        }

        private void Add(DeclarationKey? declaration, BoundInputShape shape, BindingSource source, bool isModelMember, bool routeBounded)
        {
            if (declaration is not { } key)
            {
                return;
            }

            if (Inputs.TryGetValue(key, out var existing))
            {
                existing.MergeRoute(routeBounded);
                return;
            }

            Inputs.Add(key, new BoundInput(shape, source, isModelMember, routeBounded));
        }

        private void AddModel(ITypeSymbol type, BindingSource source)
        {
            type = Unwrap(type);
            if (IsDictionary(type))
            {
                return;
            }

            if (!IsSourceModel(type))
            {
                // A collection of models binds each element.
                if (ElementType(type) is { } element && IsSourceModel(Unwrap(element)))
                {
                    AddModel(element, source);
                }

                return;
            }

            var named = (INamedTypeSymbol)type;
            if (!_visitedModels.Add(named))
            {
                return;
            }

            foreach (var member in BoundMembers(named))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var memberType = member is IPropertySymbol property ? property.Type : ((IParameterSymbol)member).Type;
                var declaredType = member.OriginalDefinition is IPropertySymbol originalProperty ? originalProperty.Type : ((IParameterSymbol)member.OriginalDefinition).Type;
                if (IsString(memberType))
                {
                    if (IsString(declaredType))
                    {
                        Add(DeclarationKey.Of(member.OriginalDefinition), BoundInputShape.String, source, isModelMember: true, routeBounded: false);
                    }
                }
                else if (IsStringCollection(memberType))
                {
                    if (IsStringCollection(declaredType))
                    {
                        Add(DeclarationKey.Of(member.OriginalDefinition), BoundInputShape.StringCollection, source, isModelMember: true, routeBounded: false);
                    }
                }
                else
                {
                    AddModel(memberType, source);
                }
            }
        }

        /// <summary><c>[AsParameters]</c>: each member is a parameter in its own right, with its own binding source.</summary>
        private void AddAsParameters(ITypeSymbol type, ImmutableArray<string> templates)
        {
            if (type is not INamedTypeSymbol named || !IsSourceModel(named) || !_visitedModels.Add(named))
            {
                return;
            }

            foreach (var member in BoundMembers(named))
            {
                var memberType = member is IPropertySymbol property ? property.Type : ((IParameterSymbol)member).Type;
                var attributes = member.GetAttributes();
                if (ParameterBinding.SourceOfAttributes(attributes, out var bindingName) is { } explicitSource)
                {
                    if (explicitSource is BindingSource.Services or BindingSource.Special)
                    {
                        continue;
                    }

                    bindingName ??= member.Name;
                    if (!AddSimple(DeclarationKey.Of(member.OriginalDefinition), memberType, explicitSource, bindingName, templates))
                    {
                        AddModel(memberType, explicitSource);
                    }

                    continue;
                }

                if (IsString(memberType) || IsStringCollection(memberType))
                {
                    var source = !IsStringCollection(memberType) && RouteNamed(member.Name, templates) ? BindingSource.Route : BindingSource.Query;
                    AddSimple(DeclarationKey.Of(member.OriginalDefinition), memberType, source, member.Name, templates);
                }
                else if (!ParameterBinding.IsSimple(memberType) && !ParameterBinding.LooksLikeService(memberType) && IsSourceModel(Unwrap(memberType)))
                {
                    AddModel(memberType, BindingSource.Body);
                }
            }
        }

        private static bool RouteNamed(string name, ImmutableArray<string> templates)
        {
            foreach (var template in templates)
            {
                if (RouteTemplates.HasParameter(template, name))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
