using System.Collections.Immutable;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Web;

/// <summary>A handler parameter as the input model needs it: where it is declared, its type, and where it binds from.</summary>
internal readonly struct HandlerInput
{
    public HandlerInput(DeclarationKey? key, ITypeSymbol type, BindingSource source, string bindingName)
    {
        Key = key;
        Type = type;
        Source = source;
        BindingName = bindingName;
    }

    /// <summary>Where the parameter is declared; null for a handler of another assembly (its model types still count).</summary>
    public DeclarationKey? Key { get; }

    public ITypeSymbol Type { get; }

    public BindingSource Source { get; }

    /// <summary>The request name it binds to: the attribute's <c>Name</c> when set, else the parameter name.</summary>
    public string BindingName { get; }

    public static HandlerInput Of(EndpointParameter parameter) =>
        new(DeclarationKey.Of(parameter.Symbol.OriginalDefinition), parameter.Symbol.Type, parameter.Source, parameter.BindingName);
}

/// <summary>The route templates and handler parameters of a Minimal API <c>Map*</c> call, read by <see cref="MapCallReader"/>.</summary>
internal sealed class MapCallInputs
{
    public MapCallInputs(ImmutableArray<string> routeTemplates, ImmutableArray<HandlerInput> parameters)
    {
        RouteTemplates = routeTemplates;
        Parameters = parameters;
    }

    /// <summary>The full route templates, group prefixes included (one per registration path).</summary>
    public ImmutableArray<string> RouteTemplates { get; }

    /// <summary>The handler's parameters, services and framework types included.</summary>
    public ImmutableArray<HandlerInput> Parameters { get; }
}

/// <summary>
/// Reads the inputs of a Minimal API <c>Map*</c> call without binding the method the call is written in: its
/// route templates and its handler's parameters with their binding sources. For <see cref="BoundInputs"/>,
/// which needs every endpoint of the compilation at the first property it is asked about, long before the
/// compiler has bound the registration methods; binding them then is what the input model used to cost
/// (docs/performance.md, eighth pass).
/// <para>
/// Settled here: a call of <c>MapGet/MapPost/MapPut/MapPatch/MapDelete/MapMethods/Map</c> (no method of the project
/// bears the name), with positional arguments, a literal
/// pattern, literal verbs for <c>MapMethods</c>, a receiver <see cref="RouteBuilderFlow"/> follows to the
/// application on syntax (every group prefix read), and a handler that is a lambda with typed parameters or a
/// method group <see cref="MethodGroupLookup"/> finds, in a method of a type. Types and attributes are looked up
/// as names at that method's parameter list, never inside its body (see <see cref="MethodGroupLookup"/> for why).
/// Anything else is null, and the caller binds the call. One per compilation.
/// </para>
/// </summary>
internal sealed class MapCallReader
{
    private readonly AspNetCoreKnowledge _knowledge;
    private readonly SemanticModelCache _models;
    private readonly RouteBuilderFlow _flow;
    private readonly MethodGroupLookup _methodGroups;
    private readonly CompilationSyntaxIndex _index;

    public MapCallReader(AspNetCoreKnowledge knowledge, CompilationSyntaxIndex index, SemanticModelCache models, RouteBuilderFlow flow, MethodGroupLookup methodGroups)
    {
        _knowledge = knowledge;
        _index = index;
        _models = models;
        _flow = flow;
        _methodGroups = methodGroups;
    }

    /// <summary>The call's inputs, or null when syntax and name lookups cannot settle them.</summary>
    public MapCallInputs? TryRead(InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } access
            || MinimalApiEndpoints.VerbOfName(name.Identifier.ValueText) is not { } verb)
        {
            return null;
        }

        var arguments = invocation.ArgumentList.Arguments;
        if (arguments.Count != (verb == HttpVerbs.None ? 3 : 2) || HasNamedArgument(arguments)
            || arguments[0].Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } pattern)
        {
            return null;
        }

        // Every question is asked at the registration method's parameter list, never inside its body (see MethodGroupLookup).
        if (MethodGroupLookup.EnclosingMethod(invocation) is not { Position: var position }
            || !ProjectDeclaresNoMethodNamed(name.Identifier.ValueText, cancellationToken))
        {
            return null;
        }

        var isVerbConstrained = verb != HttpVerbs.Any;
        var verbs = verb == HttpVerbs.None ? LiteralVerbs(arguments[1].Expression) : verb;
        if (verbs == HttpVerbs.None)
        {
            return null;
        }

        var templates = ImmutableArray.CreateBuilder<string>();
        foreach (var path in _flow.ResolveReceiver(access.Expression, model: null, depth: 0, cancellationToken))
        {
            if (path.IsIncomplete || path.IsPrefixPartial)
            {
                return null;
            }

            templates.Add(Web.RouteTemplates.Combine(path.Prefix, pattern.Token.ValueText, absoluteOverrides: false));
        }

        var routeTemplates = templates.ToImmutable();
        var model = _models.For(invocation.SyntaxTree);
        var handler = arguments[arguments.Count - 1].Expression;
        var parameters = handler switch
        {
            ParenthesizedLambdaExpressionSyntax lambda => LambdaParameters(lambda.ParameterList, verbs, isVerbConstrained, routeTemplates, model, position),
            AnonymousMethodExpressionSyntax { ParameterList: { } list } => LambdaParameters(list, verbs, isVerbConstrained, routeTemplates, model, position),
            AnonymousMethodExpressionSyntax => ImmutableArray<HandlerInput>.Empty,
            // An untyped `context => …` converts only to RequestDelegate: its one parameter is the HttpContext.
            SimpleLambdaExpressionSyntax { Parameter.Type: null } => ImmutableArray<HandlerInput>.Empty,
            _ => MethodGroupParameters(handler, verbs, isVerbConstrained, routeTemplates, cancellationToken),
        };

        return parameters.IsDefault ? null : new MapCallInputs(routeTemplates, parameters);
    }

    private static bool HasNamedArgument(SeparatedSyntaxList<ArgumentSyntax> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.NameColon is not null || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// No method of the project is named <paramref name="name"/>: a project's own <c>MapPost</c> (an extension method with a
    /// more specific delegate, an instance method of its own router) may be what the call binds to, so the call goes to
    /// binding. Syntax only (the index gathers each name once). A referenced library's <c>Map*</c> extension of a route
    /// builder is taken for what its name says (asking the compiler which extension methods are in scope costs as much
    /// as binding the call).
    /// </summary>
    private bool ProjectDeclaresNoMethodNamed(string name, CancellationToken cancellationToken) =>
        _index.MethodsNamed(name, cancellationToken).Count == 0;

    /// <summary>The verbs of <c>MapMethods(pattern, new[] { "PUT", HttpMethods.Patch }, handler)</c> from literals and <c>HttpMethods.*</c> names.</summary>
    private static HttpVerbs LiteralVerbs(ExpressionSyntax methods)
    {
        var verbs = HttpVerbs.None;
        foreach (var node in methods.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    verbs |= HttpVerbNames.Parse(literal.Token.ValueText);
                    break;
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "HttpMethods" } } access:
                    verbs |= HttpVerbNames.Parse(access.Name.Identifier.ValueText);
                    break;
                case IdentifierNameSyntax identifier when identifier.Parent is not MemberAccessExpressionSyntax && identifier.Parent is not ArrayTypeSyntax:
                    // A variable or constant of verbs: not readable without binding.
                    return HttpVerbs.None;
            }
        }

        return verbs;
    }

    private static ImmutableArray<HandlerInput> LambdaParameters(
        ParameterListSyntax list, HttpVerbs verbs, bool isVerbConstrained, ImmutableArray<string> templates, SemanticModel model, int position)
    {
        var builder = ImmutableArray.CreateBuilder<HandlerInput>(list.Parameters.Count);
        foreach (var parameter in list.Parameters)
        {
            if (parameter.Type is null || MethodGroupLookup.TypeNamed(parameter.Type, model, position) is not { } type)
            {
                return default;
            }

            var name = parameter.Identifier.ValueText;
            var (explicitSource, bindingName, settled) = ExplicitSource(parameter, model, position);
            if (!settled)
            {
                return default;
            }

            var source = explicitSource ?? ParameterBinding.InferMinimalApi(name, type, verbs, isVerbConstrained, templates);
            builder.Add(new HandlerInput(DeclarationKey.Of(parameter), type, source, bindingName ?? name));
        }

        return builder.MoveToImmutable();
    }

    private ImmutableArray<HandlerInput> MethodGroupParameters(
        ExpressionSyntax handler, HttpVerbs verbs, bool isVerbConstrained, ImmutableArray<string> templates, CancellationToken cancellationToken)
    {
        if (_methodGroups.Resolve(handler, cancellationToken) is not { } method)
        {
            return default;
        }

        var builder = ImmutableArray.CreateBuilder<HandlerInput>(method.Parameters.Length);
        foreach (var parameter in method.Parameters)
        {
            builder.Add(HandlerInput.Of(ParameterBinding.ClassifyMinimalApi(parameter, verbs, isVerbConstrained, templates, _knowledge)));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>
    /// The source a <c>[From…]</c> / <c>[AsParameters]</c> attribute of a lambda parameter declares, with its <c>Name</c>;
    /// not settled when an attribute's type cannot be found by name or its <c>Name</c> is not a literal.
    /// </summary>
    private static (BindingSource? Source, string? Name, bool Settled) ExplicitSource(ParameterSyntax parameter, SemanticModel model, int position)
    {
        foreach (var list in parameter.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (AttributeType(attribute.Name, model, position) is not { } type)
                {
                    return (null, null, false);
                }

                if (ParameterBinding.SourceOfAttributeType(type) is not { } source)
                {
                    continue;
                }

                string? bindingName = null;
                foreach (var argument in attribute.ArgumentList?.Arguments ?? default)
                {
                    if (argument.NameEquals?.Name.Identifier.ValueText == "Name")
                    {
                        if (argument.Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
                        {
                            return (null, null, false);
                        }

                        bindingName = literal.Token.ValueText.Length > 0 ? literal.Token.ValueText : null;
                    }
                }

                return (source, bindingName, true);
            }
        }

        return (null, null, true);
    }

    /// <summary>The attribute class <c>[FromBody]</c> names: <c>FromBodyAttribute</c> first, as the compiler tries it.</summary>
    private static INamedTypeSymbol? AttributeType(NameSyntax name, SemanticModel model, int position)
    {
        var text = name.ToString();
        if (!text.EndsWith("Attribute", System.StringComparison.Ordinal)
            && MethodGroupLookup.TypeNamed(SyntaxFactory.ParseTypeName(text + "Attribute"), model, position) is INamedTypeSymbol suffixed)
        {
            return suffixed;
        }

        return MethodGroupLookup.TypeNamed(name, model, position) as INamedTypeSymbol;
    }

}
