using System.Collections.Immutable;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Web;

/// <summary>The ASP.NET Core style an endpoint is written in.</summary>
internal enum EndpointKind
{
    /// <summary>A public action of an MVC / API controller.</summary>
    ControllerAction,

    /// <summary>A <c>MapGet/MapPost/MapPut/MapPatch/MapDelete/MapMethods/Map</c> call.</summary>
    MinimalApi,

    /// <summary>An <c>OnGet…/OnPost…/OnPut…/OnDelete…</c> handler of a Razor Pages page model.</summary>
    RazorPageHandler,
}

/// <summary>
/// One way an endpoint is reached: its route template(s) and the authorization of the levels around
/// the handler (controller, base classes, route groups). A Minimal API handler registered by a
/// method that is called from two places (e.g. under two route groups) has two registrations.
/// </summary>
internal sealed class EndpointRegistration
{
    public EndpointRegistration(
        ImmutableArray<string> routeTemplates,
        ImmutableArray<AuthorizationMetadata> authorization,
        bool isIncomplete,
        bool hasEndpointFilters)
    {
        RouteTemplates = routeTemplates.IsDefault ? ImmutableArray<string>.Empty : routeTemplates;
        Authorization = authorization.IsDefault ? ImmutableArray<AuthorizationMetadata>.Empty : authorization;
        IsIncomplete = isIncomplete;
        HasEndpointFilters = hasEndpointFilters;
    }

    /// <summary>Full route templates (group prefixes and controller routes combined); empty when unknown.</summary>
    public ImmutableArray<string> RouteTemplates { get; }

    /// <summary>Metadata of the outer levels (controller, base class, groups), innermost first.</summary>
    public ImmutableArray<AuthorizationMetadata> Authorization { get; }

    /// <summary>True when an outer level could not be followed (a group builder passed in from code the model cannot see).</summary>
    public bool IsIncomplete { get; }

    /// <summary>True when a route group on this path has an endpoint filter (<c>AddEndpointFilter…</c>).</summary>
    public bool HasEndpointFilters { get; }
}

/// <summary>
/// An HTTP endpoint found in source: a controller action, a Minimal API <c>Map*</c> call or a Razor
/// Pages handler, with what the security rules ask about it. Built by <see cref="EndpointModel"/>.
/// </summary>
internal sealed class Endpoint
{
    private readonly AspNetCoreKnowledge _knowledge;
    private ImmutableArray<EndpointParameter> _parameters;

    public Endpoint(
        AspNetCoreKnowledge knowledge,
        EndpointKind kind,
        HttpVerbs verbs,
        bool isVerbConstrained,
        string? name,
        IMethodSymbol? handler,
        SyntaxNode? handlerSyntax,
        InvocationExpressionSyntax? mapInvocation,
        INamedTypeSymbol? containingType,
        bool isApiController,
        ImmutableArray<AuthorizationMetadata> handlerAuthorization,
        ImmutableArray<EndpointRegistration> registrations,
        bool hasEndpointFilters,
        Location reportLocation)
    {
        _knowledge = knowledge;
        Kind = kind;
        Verbs = verbs;
        IsVerbConstrained = isVerbConstrained;
        Name = name;
        Handler = handler;
        HandlerSyntax = handlerSyntax;
        MapInvocation = mapInvocation;
        ContainingType = containingType;
        IsApiController = isApiController;
        HandlerAuthorization = handlerAuthorization.IsDefault ? ImmutableArray<AuthorizationMetadata>.Empty : handlerAuthorization;
        Registrations = registrations.IsDefault ? ImmutableArray<EndpointRegistration>.Empty : registrations;
        HasEndpointFilters = hasEndpointFilters;
        ReportLocation = reportLocation;
    }

    public EndpointKind Kind { get; }

    /// <summary>The methods the endpoint accepts; <see cref="HttpVerbs.Any"/> when it has no method constraint.</summary>
    public HttpVerbs Verbs { get; }

    /// <summary>False for endpoints that accept any method (an action without <c>[Http*]</c>, <c>app.Map(…)</c>).</summary>
    public bool IsVerbConstrained { get; }

    /// <summary>True when the endpoint explicitly accepts DELETE, PUT, PATCH or POST.</summary>
    public bool IsMutating => IsVerbConstrained && (Verbs & HttpVerbs.Mutating) != 0;

    /// <summary>The endpoint name: <c>.WithName("…")</c>, <c>[HttpPost(Name = "…")]</c>, <c>[Route(Name = "…")]</c>.</summary>
    public string? Name { get; }

    /// <summary>The action, handler method, local function or lambda; null when the handler cannot be resolved.</summary>
    public IMethodSymbol? Handler { get; }

    /// <summary>
    /// The handler's declaration: <see cref="MethodDeclarationSyntax"/>, <see cref="LocalFunctionStatementSyntax"/>
    /// or <see cref="AnonymousFunctionExpressionSyntax"/>; null for handlers outside the source. It may live
    /// in another syntax tree than <see cref="MapInvocation"/>.
    /// </summary>
    public SyntaxNode? HandlerSyntax { get; }

    /// <summary>
    /// The declaration that holds the handler's body: <see cref="HandlerSyntax"/>, except for a partial method, whose
    /// name resolves to its defining part (no body, where diagnostics are reported) while the implementing part has the body.
    /// </summary>
    public SyntaxNode? HandlerBodySyntax(CancellationToken cancellationToken) =>
        HandlerSyntax is MethodDeclarationSyntax { Body: null, ExpressionBody: null }
        && Handler?.PartialImplementationPart is { DeclaringSyntaxReferences: { Length: > 0 } references }
            ? references[0].GetSyntax(cancellationToken)
            : HandlerSyntax;

    /// <summary>The <c>Map*</c> call of a Minimal API endpoint.</summary>
    public InvocationExpressionSyntax? MapInvocation { get; }

    /// <summary>The controller or page model of an action / page handler.</summary>
    public INamedTypeSymbol? ContainingType { get; }

    /// <summary>The controller has <c>[ApiController]</c> (on itself, a base class or the assembly).</summary>
    public bool IsApiController { get; }

    /// <summary>Metadata on the handler and on the endpoint's own convention chain, innermost first.</summary>
    public ImmutableArray<AuthorizationMetadata> HandlerAuthorization { get; }

    /// <summary>The ways the endpoint is reached (at least one).</summary>
    public ImmutableArray<EndpointRegistration> Registrations { get; }

    /// <summary>True when the endpoint or one of its groups has an endpoint filter (<c>AddEndpointFilter…</c>).</summary>
    public bool HasEndpointFilters { get; }

    /// <summary>Where rules report: the handler method's name, or the <c>Map*</c> name for a lambda handler.</summary>
    public Location ReportLocation { get; }

    /// <summary>The name developers know the endpoint by: the handler method's name, else the first route template, else the Map* method.</summary>
    public string DisplayName
    {
        get
        {
            if (Handler is { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } method)
            {
                return method.Name;
            }

            foreach (var registration in Registrations)
            {
                foreach (var template in registration.RouteTemplates)
                {
                    return template.Length == 0 ? "/" : template;
                }
            }

            return MapInvocation?.Expression is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : "endpoint";
        }
    }

    /// <summary>Every route template of every registration.</summary>
    public ImmutableArray<string> RouteTemplates
    {
        get
        {
            if (Registrations.Length == 1)
            {
                return Registrations[0].RouteTemplates;
            }

            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var registration in Registrations)
            {
                builder.AddRange(registration.RouteTemplates);
            }

            return builder.ToImmutable();
        }
    }

    /// <summary>
    /// The handler's parameters and where each is bound from (route, query, body, form, header,
    /// services, special types), following the Minimal API or controller inference rules.
    /// </summary>
    public ImmutableArray<EndpointParameter> Parameters
    {
        get
        {
            if (_parameters.IsDefault)
            {
                ImmutableInterlocked.InterlockedInitialize(ref _parameters, ParameterBinding.Classify(this, _knowledge));
            }

            return _parameters;
        }
    }

    /// <summary>Every authorization metadata of every level the model saw (compilation-wide ones excluded).</summary>
    public ImmutableArray<AuthorizationMetadata> AllAuthorization()
    {
        var builder = ImmutableArray.CreateBuilder<AuthorizationMetadata>();
        builder.AddRange(HandlerAuthorization);
        foreach (var registration in Registrations)
        {
            builder.AddRange(registration.Authorization);
        }

        return builder.ToImmutable();
    }
}
