using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Gatekeeper.Analyzers.Web;

/// <summary>
/// Minimal API endpoints: calls of <c>MapGet/MapPost/MapPut/MapPatch/MapDelete/MapMethods/Map</c>
/// of <c>EndpointRouteBuilderExtensions</c> (bound, not matched by name), with the route template, the
/// handler (lambda, local function, method group), the endpoint's convention chain and the route
/// groups it is mapped on (see <see cref="RouteBuilderFlow"/>).
/// </summary>
internal sealed class MinimalApiEndpoints
{
    private readonly AspNetCoreKnowledge _knowledge;
    private readonly RouteBuilderFlow _flow;

    // Per Map* call, for this compilation: the security rules, the bound inputs and the handler lookup each ask for the
    // same calls' endpoints. The endpoint holds symbols and syntax only, so whichever model's operation asked first is fine.
    private readonly ConcurrentDictionary<InvocationExpressionSyntax, Endpoint?> _endpoints = new();

    public MinimalApiEndpoints(AspNetCoreKnowledge knowledge, RouteBuilderFlow flow)
    {
        _knowledge = knowledge;
        _flow = flow;
    }

    /// <summary>The names of every method that can create a Minimal API endpoint.</summary>
    public static readonly ImmutableArray<string> MapMethodNames = ImmutableArray.Create("MapGet", "MapPost", "MapPut", "MapPatch", "MapDelete", "MapMethods", "Map");

    /// <summary>
    /// Syntax only, exact for what <see cref="IsMapCall"/> accepts: a call named like a <c>Map*</c> method,
    /// not generic, with at least the pattern and the handler (every overload of
    /// <c>EndpointRouteBuilderExtensions</c> takes both, <c>MapMethods</c> the verbs too). Rejects
    /// look-alikes such as AutoMapper's <c>mapper.Map&lt;Dto&gt;(entity)</c> before the semantic model.
    /// </summary>
    public static bool MayBeMapCall(InvocationExpressionSyntax invocation) =>
        NamedVerb(invocation) is { } verb && HasMapArguments(invocation, verb);

    /// <summary>
    /// Syntax only: <see cref="MayBeMapCall"/>, and named for a changing verb (<c>MapPost</c>, <c>MapPut</c>,
    /// <c>MapPatch</c>, <c>MapDelete</c>) or <c>MapMethods</c>, whose verbs are in its arguments. A method's name is
    /// the name written at the call, so <c>MapGet</c> and <c>Map</c> (no verb constraint) map no changing endpoint.
    /// </summary>
    public static bool MayMapMutatingEndpoint(InvocationExpressionSyntax invocation) =>
        NamedVerb(invocation) is { } verb
        && (verb == HttpVerbs.None || (verb != HttpVerbs.Any && (verb & HttpVerbs.Mutating) != 0))
        && HasMapArguments(invocation, verb);

    /// <summary>A pattern and a handler; <c>MapMethods</c> (no verb in its name) takes the verbs between them.</summary>
    private static bool HasMapArguments(InvocationExpressionSyntax invocation, HttpVerbs verb) =>
        invocation.ArgumentList.Arguments.Count >= (verb == HttpVerbs.None ? 3 : 2);

    /// <summary>The verb of the <c>Map*</c> name written at the call (not generic); null for any other name.</summary>
    private static HttpVerbs? NamedVerb(InvocationExpressionSyntax invocation) =>
        invocation.Expression switch
        {
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax identifier } => VerbOfName(identifier.Identifier.ValueText),
            MemberBindingExpressionSyntax { Name: IdentifierNameSyntax identifier } => VerbOfName(identifier.Identifier.ValueText),
            IdentifierNameSyntax identifier => VerbOfName(identifier.Identifier.ValueText),
            _ => null,
        };

    /// <summary>The verb a <c>Map*</c> method name implies; null for names that map no endpoint.</summary>
    public static HttpVerbs? VerbOfName(string name) =>
        name switch
        {
            "MapGet" => HttpVerbs.Get,
            "MapPost" => HttpVerbs.Post,
            "MapPut" => HttpVerbs.Put,
            "MapPatch" => HttpVerbs.Patch,
            "MapDelete" => HttpVerbs.Delete,
            "MapMethods" => HttpVerbs.None,
            "Map" => HttpVerbs.Any,
            _ => null,
        };

    /// <summary>
    /// Cheap check (name first, then the containing type): is <paramref name="invocation"/> a <c>Map*</c>
    /// call that creates an endpoint, and which verbs does it accept?
    /// </summary>
    public bool IsMapCall(IInvocationOperation invocation, out HttpVerbs verbs, out bool isVerbConstrained)
    {
        verbs = HttpVerbs.None;
        isVerbConstrained = false;
        var method = invocation.TargetMethod;
        if (!IsMapMethod(method) || VerbOfName(method.Name) is not { } verb)
        {
            return false;
        }

        // Map(pattern, handler) and MapMethods with a RequestDelegate both create endpoints; Map(pattern, RequestDelegate) too.
        if (verb == HttpVerbs.Any)
        {
            verbs = HttpVerbs.Any;
            return true;
        }

        isVerbConstrained = true;
        verbs = verb == HttpVerbs.None ? MapMethodsVerbs(invocation) : verb;
        return true;
    }

    /// <summary>A <c>Map*</c> method of <c>EndpointRouteBuilderExtensions</c> (as bound: reduced or not).</summary>
    public bool IsMapMethod(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        return VerbOfName(method.Name) is not null && IsEndpointRouteBuilderExtensions(method.ContainingType);
    }

    /// <summary>The endpoint of <paramref name="syntax"/> if a rule has already asked for it in this compilation.</summary>
    public bool TryGetKnownEndpoint(InvocationExpressionSyntax syntax, out Endpoint? endpoint) => _endpoints.TryGetValue(syntax, out endpoint);

    public Endpoint? GetEndpoint(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Syntax is not InvocationExpressionSyntax syntax)
        {
            return null;
        }

        if (_endpoints.TryGetValue(syntax, out var known))
        {
            return known;
        }

        // A cancelled computation throws and stores nothing.
        var endpoint = Compute(invocation, syntax, cancellationToken);
        return _endpoints.GetOrAdd(syntax, endpoint);
    }

    private Endpoint? Compute(IInvocationOperation invocation, InvocationExpressionSyntax syntax, CancellationToken cancellationToken)
    {
        if (!IsMapCall(invocation, out var verbs, out var isVerbConstrained))
        {
            return null;
        }

        var model = invocation.SemanticModel;
        string? pattern = null;
        ExpressionSyntax? receiver = null;
        IMethodSymbol? handler = null;
        SyntaxNode? handlerSyntax = null;
        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter;
            if (parameter is null)
            {
                continue;
            }

            if (parameter.Ordinal == 0)
            {
                receiver = ReceiverSyntax(syntax, argument);
            }
            else if (parameter.Name == "pattern")
            {
                pattern = argument.Value.ConstantValue is { HasValue: true, Value: string text } ? text : null;
            }
            else if (parameter.Name is "handler" or "requestDelegate")
            {
                (handler, handlerSyntax) = Handler(argument.Value, cancellationToken);
            }
        }

        var handlerAuthorization = ImmutableArray.CreateBuilder<AuthorizationMetadata>();
        if (handler is not null)
        {
            AttributeAuthorization.Collect(handler.GetAttributes(), AuthorizationLevel.Handler, _knowledge, handlerAuthorization, cancellationToken);
        }

        var conventions = new ConventionSet();
        _flow.CollectConventions(syntax, AuthorizationLevel.Endpoint, conventions, model, depth: 0, cancellationToken);
        handlerAuthorization.AddRange(conventions.Authorization);

        var paths = receiver is null
            ? ImmutableArray.Create(BuilderPath.Unknown)
            : _flow.ResolveReceiver(receiver, model, depth: 0, cancellationToken);
        var registrations = ImmutableArray.CreateBuilder<EndpointRegistration>(paths.Length);
        foreach (var path in paths)
        {
            var templates = pattern is null
                ? (path.Prefix.Length == 0 ? ImmutableArray<string>.Empty : ImmutableArray.Create(path.Prefix))
                : ImmutableArray.Create(RouteTemplates.Combine(path.Prefix, pattern, absoluteOverrides: false));
            registrations.Add(new EndpointRegistration(templates, path.Authorization, path.IsIncomplete, path.HasEndpointFilters));
        }

        var hasFilters = conventions.HasEndpointFilters;
        foreach (var path in paths)
        {
            hasFilters |= path.HasEndpointFilters;
        }

        return new Endpoint(
            _knowledge,
            EndpointKind.MinimalApi,
            verbs,
            isVerbConstrained,
            conventions.Name,
            handler,
            handlerSyntax,
            syntax,
            containingType: null,
            isApiController: false,
            handlerAuthorization.ToImmutable(),
            registrations.MoveToImmutable(),
            hasFilters,
            ReportLocation(syntax, handlerSyntax));
    }

    private bool IsEndpointRouteBuilderExtensions(INamedTypeSymbol? type) =>
        type is not null
        && (_knowledge.EndpointRouteBuilderExtensions is { } known
            ? SymbolEqualityComparer.Default.Equals(type, known) || SymbolNames.IsType(type, AspNetCoreTypeNames.EndpointRouteBuilderExtensions)
            : SymbolNames.IsType(type, AspNetCoreTypeNames.EndpointRouteBuilderExtensions));

    /// <summary>The verbs of <c>MapMethods(pattern, new[] { "PUT", HttpMethods.Patch }, handler)</c>.</summary>
    private static HttpVerbs MapMethodsVerbs(IInvocationOperation invocation)
    {
        var verbs = HttpVerbs.None;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name != "httpMethods")
            {
                continue;
            }

            foreach (var operation in argument.Value.DescendantsAndSelf())
            {
                if (operation.ConstantValue is { HasValue: true, Value: string method })
                {
                    verbs |= HttpVerbNames.Parse(method);
                }
                else if (operation is IFieldReferenceOperation { Field: { IsStatic: true, ContainingType.Name: "HttpMethods" } field })
                {
                    // HttpMethods.Post and friends are static readonly fields, not constants.
                    verbs |= HttpVerbNames.Parse(field.Name);
                }
            }

            if (verbs == HttpVerbs.None)
            {
                // Operations a newer compiler produces (collection expressions) may be opaque here: read the literals.
                foreach (var node in argument.Value.Syntax.DescendantNodesAndSelf())
                {
                    if (node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                    {
                        verbs |= HttpVerbNames.Parse(literal.Token.ValueText);
                    }
                }
            }
        }

        return verbs == HttpVerbs.None ? HttpVerbs.Other : verbs;
    }

    /// <summary>The builder the endpoint is mapped on: <c>app</c> in <c>app.MapPost(…)</c> (or the first argument of a static call).</summary>
    private static ExpressionSyntax? ReceiverSyntax(InvocationExpressionSyntax syntax, IArgumentOperation argument) =>
        argument.Syntax is ArgumentSyntax explicitArgument
            ? explicitArgument.Expression
            : (syntax.Expression as MemberAccessExpressionSyntax)?.Expression;

    /// <summary>The handler delegate's target: a lambda, a local function or a method group.</summary>
    private static (IMethodSymbol? Handler, SyntaxNode? Syntax) Handler(IOperation value, CancellationToken cancellationToken)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value is not IDelegateCreationOperation creation)
        {
            return (null, null);
        }

        switch (creation.Target)
        {
            case IAnonymousFunctionOperation lambda:
                return (lambda.Symbol, lambda.Syntax);
            case IMethodReferenceOperation reference:
                var method = reference.Method;
                // In the IDE a handler of a referenced project has syntax in ITS compilation: not ours to report on.
                var declaration = method.DeclaringSyntaxReferences.Length > 0 && reference.SemanticModel?.Compilation.ContainsSyntaxTree(method.DeclaringSyntaxReferences[0].SyntaxTree) != false
                    ? method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken)
                    : null;
                return (method, declaration);
            default:
                return (null, null);
        }
    }

    /// <summary>The handler method's name (method group, local function), else the <c>Map*</c> name.</summary>
    private static Location ReportLocation(InvocationExpressionSyntax syntax, SyntaxNode? handlerSyntax)
    {
        switch (handlerSyntax)
        {
            case MethodDeclarationSyntax method:
                return method.Identifier.GetLocation();
            case LocalFunctionStatementSyntax localFunction:
                return localFunction.Identifier.GetLocation();
        }

        return syntax.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.GetLocation(),
            SimpleNameSyntax name => name.Identifier.GetLocation(),
            _ => syntax.GetLocation(),
        };
    }
}
