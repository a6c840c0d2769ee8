using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Web;

/// <summary>What a piece of authorization metadata asks for.</summary>
internal enum AuthorizationKind
{
    /// <summary><c>[Authorize]</c>, <c>RequireAuthorization()</c>, an authorization filter, a fallback policy: the caller must be authorized.</summary>
    Require,

    /// <summary><c>[AllowAnonymous]</c> / <c>.AllowAnonymous()</c>: skips every authorization check of the endpoint.</summary>
    AllowAnonymous,
}

/// <summary>Where a piece of authorization metadata is declared, from the endpoint outwards.</summary>
internal enum AuthorizationLevel
{
    /// <summary>On the action method, the handler method / local function, or the lambda (<c>[Authorize] (…) =&gt; …</c>).</summary>
    Handler,

    /// <summary>On the Minimal API endpoint's convention chain (<c>MapPost(…).RequireAuthorization()</c>).</summary>
    Endpoint,

    /// <summary>On the controller or page model class.</summary>
    Controller,

    /// <summary>On a base class of the controller or page model (attributes are inherited).</summary>
    BaseClass,

    /// <summary>On a route group the endpoint belongs to (<c>MapGroup(…).RequireAuthorization()</c>), at any depth.</summary>
    Group,

    /// <summary>On the conventional controller / Razor Pages routes: <c>MapControllers().RequireAuthorization()</c>, <c>MapRazorPages()…</c>.</summary>
    RouteRegistration,

    /// <summary>A global MVC filter (<c>options.Filters.Add(new AuthorizeFilter())</c>) or a Razor Pages convention (<c>AuthorizeFolder("/")</c>).</summary>
    GlobalFilter,

    /// <summary>An authorization fallback policy (<c>FallbackPolicy = …</c>, <c>SetFallbackPolicy(…)</c>).</summary>
    FallbackPolicy,
}

/// <summary>
/// One piece of authorization metadata that applies to an endpoint. Roles and policies are kept
/// as written (for the administrative check of GK1001): <c>[Authorize(Roles = "Admin,Editor")]</c>
/// gives roles "Admin" and "Editor"; <c>RequireAuthorization("CanDelete")</c> the policy "CanDelete";
/// <c>RequireAuthorization(p =&gt; p.RequireRole("Admin"))</c> the role "Admin"; a policy named by a
/// constant (<c>RequireAuthorization(Policies.Admin)</c>) keeps the constant's text.
/// </summary>
internal sealed class AuthorizationMetadata
{
    public AuthorizationMetadata(
        AuthorizationKind kind,
        AuthorizationLevel level,
        ImmutableArray<string> roles,
        ImmutableArray<string> policies,
        SyntaxNode? syntax,
        bool isInferred)
    {
        Kind = kind;
        Level = level;
        Roles = roles.IsDefault ? ImmutableArray<string>.Empty : roles;
        Policies = policies.IsDefault ? ImmutableArray<string>.Empty : policies;
        Syntax = syntax;
        IsInferred = isInferred;
    }

    public AuthorizationKind Kind { get; }

    public AuthorizationLevel Level { get; }

    public ImmutableArray<string> Roles { get; }

    public ImmutableArray<string> Policies { get; }

    /// <summary>
    /// The attribute (<see cref="Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax"/>) or the invocation
    /// (<see cref="Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax"/>) that declares it, when
    /// it is in source; it may live in another syntax tree than the endpoint.
    /// </summary>
    public SyntaxNode? Syntax { get; }

    /// <summary>
    /// True when the model guessed from a name: a custom filter or convention (<c>RequirePermission(…)</c>,
    /// <c>[ApiKeyAuth]</c>, <c>AddEndpointFilter&lt;ApiKeyFilter&gt;()</c>) that is taken for authorization.
    /// </summary>
    public bool IsInferred { get; }

    public static AuthorizationMetadata Require(AuthorizationLevel level, SyntaxNode? syntax, bool isInferred = false) =>
        new(AuthorizationKind.Require, level, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, syntax, isInferred);

    public static AuthorizationMetadata Anonymous(AuthorizationLevel level, SyntaxNode? syntax) =>
        new(AuthorizationKind.AllowAnonymous, level, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, syntax, isInferred: false);

    public AuthorizationMetadata WithLevel(AuthorizationLevel level) =>
        level == Level ? this : new(Kind, level, Roles, Policies, Syntax, IsInferred);
}

/// <summary>How an endpoint's authorization resolves, all levels considered.</summary>
internal enum AuthorizationVerdict
{
    /// <summary>Some metadata requires an authorized caller and none allows anonymous access.</summary>
    RequiresAuthorization,

    /// <summary><c>[AllowAnonymous]</c> / <c>.AllowAnonymous()</c> applies: every check is skipped.</summary>
    AllowsAnonymous,

    /// <summary>No metadata at any level, and no compilation-wide fallback.</summary>
    NoAuthorization,

    /// <summary>
    /// A level the model cannot see could add authorization (a route group passed in from code that is
    /// not in the compilation, an abstract controller whose subclasses are unknown).
    /// </summary>
    Unknown,
}

/// <summary>The outcome of resolving an endpoint's authorization: the verdict and the metadata that decided it.</summary>
internal readonly struct AuthorizationResolution
{
    public AuthorizationResolution(AuthorizationVerdict verdict, AuthorizationMetadata? decidedBy, ImmutableArray<AuthorizationMetadata> anonymousMarkers)
    {
        Verdict = verdict;
        DecidedBy = decidedBy;
        AnonymousMarkers = anonymousMarkers.IsDefault ? ImmutableArray<AuthorizationMetadata>.Empty : anonymousMarkers;
    }

    public AuthorizationVerdict Verdict { get; }

    /// <summary>The first metadata that decided the verdict (the outermost <c>AllowAnonymous</c>, the innermost requirement), if any.</summary>
    public AuthorizationMetadata? DecidedBy { get; }

    /// <summary>Every <c>AllowAnonymous</c> that applies (empty unless <see cref="AuthorizationVerdict.AllowsAnonymous"/>).</summary>
    public ImmutableArray<AuthorizationMetadata> AnonymousMarkers { get; }
}
