using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Gatekeeper.Analyzers.Web;

/// <summary>
/// The endpoints of one compilation, shared by the security rules (GK1001–GK1004). Create it in the
/// compilation-start action (<see cref="TryCreate"/>; null when ASP.NET Core is not referenced) and
/// ask it from syntax-node, symbol or operation actions:
/// <list type="bullet">
/// <item><see cref="GetEndpoint(IMethodSymbol, CancellationToken)"/> for a controller action or a Razor Pages handler;</item>
/// <item><see cref="IsMapCall"/> (cheap) then <see cref="GetEndpoint(IInvocationOperation, CancellationToken)"/> for a Minimal API <c>Map*</c> call;</item>
/// <item><see cref="ResolveAuthorization"/> for the authorization verdict, compilation-wide levels included.</item>
/// </list>
/// Per-class facts (controllers) and per-tree syntax indexes are cached; compilation-wide
/// authorization (fallback policy, <c>MapControllers().RequireAuthorization()</c>, global filters) is
/// computed once, on first need, from the syntax of every tree. Thread-safe.
/// </summary>
internal sealed class EndpointModel
{
    private readonly ControllerEndpoints _controllers;
    private readonly MinimalApiEndpoints _minimalApis;
    private readonly LazyPerCompilation<Dictionary<string, List<InvocationExpressionSyntax>>> _handlerNames;
    private readonly HandlerEndpoints _handlerEndpoints;
    private readonly LazyPerCompilation<CompilationAuthorization> _compilationAuthorization;
    private readonly LazyPerCompilation<EndpointCandidates> _candidates;

    private EndpointModel(AspNetCoreKnowledge knowledge)
    {
        Knowledge = knowledge;
        SyntaxIndex = new CompilationSyntaxIndex(knowledge.Compilation);
        Flow = new RouteBuilderFlow(SyntaxIndex);
        _controllers = new ControllerEndpoints(knowledge);
        _minimalApis = new MinimalApiEndpoints(knowledge, Flow);
        _handlerNames = new LazyPerCompilation<Dictionary<string, List<InvocationExpressionSyntax>>>(cancellationToken => HandlerEndpoints.ComputeNames(SyntaxIndex, cancellationToken));
        Models = new SemanticModelCache(knowledge.Compilation);
        MethodGroups = new MethodGroupLookup(Models);
        MapCalls = new MapCallReader(knowledge, SyntaxIndex, Models, Flow, MethodGroups);
        _candidates = new LazyPerCompilation<EndpointCandidates>(
            cancellationToken => EndpointCandidates.Compute(
                SyntaxIndex,
                name => Knowledge.MayDeclareControllerBase(name) || SyntaxIndex.IsAlias(name, cancellationToken),
                declaration => IsEndpointClass(declaration, cancellationToken),
                cancellationToken));
        _handlerEndpoints = new HandlerEndpoints(this);
        // Throws on cancellation before publishing: the next caller starts over (finished trees stay indexed).
        _compilationAuthorization = new LazyPerCompilation<CompilationAuthorization>(
            cancellationToken => CompilationAuthorization.Compute(SyntaxIndex, Flow, cancellationToken));
    }

    /// <summary>
    /// One semantic model per tree, shared by every security rule's compilation-wide scans (the endpoint
    /// lookup, GK1001's callees, GK1002's models): a tree is bound once, not once per rule.
    /// </summary>
    public SemanticModelCache Models { get; }

    public AspNetCoreKnowledge Knowledge { get; }

    /// <summary>Method-group handler arguments resolved by name lookup, once per argument.</summary>
    public MethodGroupLookup MethodGroups { get; }

    /// <summary>Reads a <c>Map*</c> call's inputs without binding it, where names settle them (GK1002's input model).</summary>
    public MapCallReader MapCalls { get; }

    /// <summary>Invocations and methods of every tree by name (built per tree on first use).</summary>
    public CompilationSyntaxIndex SyntaxIndex { get; }

    /// <summary>Follows route builders through groups, variables and registration methods.</summary>
    public RouteBuilderFlow Flow { get; }

    /// <summary>
    /// The model for <paramref name="compilation"/>, or null when it references neither MVC nor routing.
    /// Every security rule asks for it at the start of every compilation (in the IDE, of every edit): one
    /// model, with its caches, serves them all and is dropped with the compilation.
    /// </summary>
    public static EndpointModel? TryCreate(Compilation compilation) =>
        PerCompilation.GetValue(compilation, static c => new Created(AspNetCoreKnowledge.TryCreate(c) is { } knowledge ? new EndpointModel(knowledge) : null)).Model;

    private static readonly ConditionalWeakTable<Compilation, Created> PerCompilation = new();

    private sealed class Created
    {
        public Created(EndpointModel? model)
        {
            Model = model;
        }

        public EndpointModel? Model { get; }
    }

    /// <summary>The controller action or Razor Pages handler <paramref name="method"/> is, or null.</summary>
    public Endpoint? GetEndpoint(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (Knowledge.HasMvc && _controllers.GetAction(method, cancellationToken) is { } action)
        {
            return action;
        }

        return Knowledge.HasRazorPages ? _controllers.GetPageHandler(method, cancellationToken) : null;
    }

    /// <summary>What MVC makes of <paramref name="type"/> (controller, page model, abstract base, nothing).</summary>
    public ControllerInfo GetController(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        _controllers.GetController(type, cancellationToken);

    /// <summary>True when <paramref name="invocation"/> maps a Minimal API endpoint; no syntax is followed.</summary>
    public bool IsMapCall(IInvocationOperation invocation, out HttpVerbs verbs, out bool isVerbConstrained)
    {
        verbs = HttpVerbs.None;
        isVerbConstrained = false;
        return Knowledge.HasMinimalApis && _minimalApis.IsMapCall(invocation, out verbs, out isVerbConstrained);
    }

    /// <summary>
    /// The endpoint the <c>Map*</c> call <paramref name="syntax"/> maps, null when it maps none. Bound on
    /// <paramref name="semanticModel"/> only when no rule has asked for this call yet in this compilation.
    /// </summary>
    public Endpoint? GetMapEndpoint(InvocationExpressionSyntax syntax, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (!Knowledge.HasMinimalApis)
        {
            return null;
        }

        if (_minimalApis.TryGetKnownEndpoint(syntax, out var known))
        {
            return known;
        }

        return GetMapCall(syntax, semanticModel, cancellationToken) is { } invocation ? _minimalApis.GetEndpoint(invocation, cancellationToken) : null;
    }

    /// <summary>
    /// The operation of <paramref name="syntax"/> when it is a <c>Map*</c> call that creates an endpoint, else
    /// null. Syntax first (<see cref="MinimalApiEndpoints.MayBeMapCall"/>), then the bound method, and only
    /// then the operation: <c>GetOperation</c> builds the IOperation tree of the whole enclosing body.
    /// </summary>
    private IInvocationOperation? GetMapCall(InvocationExpressionSyntax syntax, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (!Knowledge.HasMinimalApis
            || !MinimalApiEndpoints.MayBeMapCall(syntax)
            || semanticModel.GetSymbolInfo(syntax, cancellationToken).Symbol is not IMethodSymbol method
            || !_minimalApis.IsMapMethod(method))
        {
            return null;
        }

        return semanticModel.GetOperation(syntax, cancellationToken) is IInvocationOperation invocation && IsMapCall(invocation, out _, out _)
            ? invocation
            : null;
    }

    /// <summary>
    /// Whether the class <paramref name="declaration"/> declares, whose only claim is a base type of another
    /// assembly that can be a controller base by its name, is a controller, page model or their base.
    /// </summary>
    private bool IsEndpointClass(ClassDeclarationSyntax declaration, CancellationToken cancellationToken) =>
        Models.For(declaration.SyntaxTree).GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type
        || GetController(type, cancellationToken).Role != ControllerRole.None;

    /// <summary>
    /// The candidate endpoint classes and whether any call can map an endpoint (computed once per compilation:
    /// syntax, and the symbols of the few classes whose only claim is a base type of another assembly).
    /// </summary>
    public EndpointCandidates GetCandidates(CancellationToken cancellationToken) => _candidates.Get(cancellationToken);

    /// <summary>
    /// Syntax only, from <see cref="GetCandidates"/>: false when the method declared by <paramref name="declaration"/>
    /// cannot be a controller action or page handler (its class is no candidate). A cheap gate before <c>GetDeclaredSymbol</c>.
    /// </summary>
    public bool MayBeActionOrPageHandler(MethodDeclarationSyntax declaration, CancellationToken cancellationToken) =>
        (Knowledge.HasMvc || Knowledge.HasRazorPages)
        && declaration.Parent is ClassDeclarationSyntax type
        && GetCandidates(cancellationToken).MayBeEndpointClass(type);

    /// <summary>The Minimal API endpoint <paramref name="invocation"/> maps, with its groups resolved; null when it maps none.</summary>
    public Endpoint? GetEndpoint(IInvocationOperation invocation, CancellationToken cancellationToken) =>
        Knowledge.HasMinimalApis ? _minimalApis.GetEndpoint(invocation, cancellationToken) : null;

    /// <summary>
    /// The Minimal API endpoints whose handler is the method or local function <paramref name="declaration"/>
    /// (a <see cref="MethodDeclarationSyntax"/> or <see cref="LocalFunctionStatementSyntax"/>), for rules
    /// that report such endpoints from the handler's declaration (see <see cref="HandlerEndpoints"/>).
    /// Bails out on the name (syntax only) before any semantic work; each declaration's endpoints are found once per compilation.
    /// </summary>
    public ImmutableArray<Endpoint> GetEndpointsOfHandler(SyntaxNode declaration, CancellationToken cancellationToken)
    {
        var name = declaration switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            LocalFunctionStatementSyntax local => local.Identifier.ValueText,
            _ => null,
        };

        if (name is null || !MayBeHandlerName(name, cancellationToken) || !_handlerNames.Get(cancellationToken).TryGetValue(name, out var calls))
        {
            return ImmutableArray<Endpoint>.Empty;
        }

        return _handlerEndpoints.For(declaration, name, calls, cancellationToken);
    }

    /// <summary>
    /// Syntax only: true when some <c>Map*</c> call passes a method group or local function named
    /// <paramref name="name"/>, i.e. a method of that name may be a Minimal API handler.
    /// </summary>
    public bool MayBeHandlerName(string name, CancellationToken cancellationToken) =>
        Knowledge.HasMinimalApis && name.Length > 0 && GetCandidates(cancellationToken).HasMapCalls && _handlerNames.Get(cancellationToken).ContainsKey(name);

    /// <summary>
    /// True when a rule reports <paramref name="endpoint"/> from its handler's declaration (a method-group or
    /// local-function handler of a Minimal API endpoint, declared in this compilation), not from its <c>Map*</c> call.
    /// </summary>
    public static bool IsReportedAtHandlerDeclaration(Endpoint endpoint) => HandlerEndpoints.IsReportedAtDeclaration(endpoint);

    /// <summary>The compilation-wide authorization, computed on first call (a cancelled computation is retried later).</summary>
    public CompilationAuthorization GetCompilationAuthorization(CancellationToken cancellationToken) => _compilationAuthorization.Get(cancellationToken);

    /// <summary>
    /// The authorization verdict of <paramref name="endpoint"/>. Per registration: any
    /// <c>AllowAnonymous</c> wins (as in ASP.NET Core); else any requirement at the handler, endpoint,
    /// controller, base class or group level; else compilation-wide authorization for the endpoint's
    /// kind; else <see cref="AuthorizationVerdict.Unknown"/> when a level could not be followed, or
    /// <see cref="AuthorizationVerdict.NoAuthorization"/>. Registrations combine towards the verdict
    /// that reports least: requires &gt; unknown &gt; allows anonymous &gt; no authorization.
    /// </summary>
    public AuthorizationResolution ResolveAuthorization(Endpoint endpoint, CancellationToken cancellationToken)
    {
        AuthorizationResolution? best = null;
        foreach (var registration in endpoint.Registrations)
        {
            var resolution = Resolve(endpoint, registration, cancellationToken);
            if (best is null || Rank(resolution.Verdict) > Rank(best.Value.Verdict))
            {
                best = resolution;
            }
        }

        return best ?? new AuthorizationResolution(AuthorizationVerdict.Unknown, null, ImmutableArray<AuthorizationMetadata>.Empty);
    }

    private AuthorizationResolution Resolve(Endpoint endpoint, EndpointRegistration registration, CancellationToken cancellationToken)
    {
        ImmutableArray<AuthorizationMetadata>.Builder? anonymous = null;
        AuthorizationMetadata? requirement = null;
        Inspect(endpoint.HandlerAuthorization, ref anonymous, ref requirement);
        Inspect(registration.Authorization, ref anonymous, ref requirement);

        if (anonymous is not null)
        {
            return new AuthorizationResolution(AuthorizationVerdict.AllowsAnonymous, anonymous[anonymous.Count - 1], anonymous.ToImmutable());
        }

        if (requirement is not null)
        {
            return new AuthorizationResolution(AuthorizationVerdict.RequiresAuthorization, requirement, ImmutableArray<AuthorizationMetadata>.Empty);
        }

        if (GetCompilationAuthorization(cancellationToken).For(endpoint) is { } compilationWide)
        {
            return new AuthorizationResolution(AuthorizationVerdict.RequiresAuthorization, compilationWide, ImmutableArray<AuthorizationMetadata>.Empty);
        }

        return new AuthorizationResolution(
            registration.IsIncomplete ? AuthorizationVerdict.Unknown : AuthorizationVerdict.NoAuthorization,
            null,
            ImmutableArray<AuthorizationMetadata>.Empty);
    }

    private static void Inspect(ImmutableArray<AuthorizationMetadata> metadata, ref ImmutableArray<AuthorizationMetadata>.Builder? anonymous, ref AuthorizationMetadata? requirement)
    {
        foreach (var item in metadata)
        {
            if (item.Kind == AuthorizationKind.AllowAnonymous)
            {
                (anonymous ??= ImmutableArray.CreateBuilder<AuthorizationMetadata>()).Add(item);
            }
            else
            {
                requirement ??= item;
            }
        }
    }

    private static int Rank(AuthorizationVerdict verdict) =>
        verdict switch
        {
            AuthorizationVerdict.RequiresAuthorization => 3,
            AuthorizationVerdict.Unknown => 2,
            AuthorizationVerdict.AllowsAnonymous => 1,
            _ => 0,
        };
}
