using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Web;

/// <summary>
/// Authorization that applies to many endpoints at once and is configured anywhere in the
/// compilation (usually Program.cs): a fallback policy, <c>MapControllers().RequireAuthorization()</c>,
/// <c>MapRazorPages().RequireAuthorization()</c>, a global MVC <c>AuthorizeFilter</c>, Razor Pages
/// authorization conventions. Found from syntax (by name) in every tree, computed once per
/// compilation on first need.
/// </summary>
internal sealed class CompilationAuthorization
{
    private static readonly string[] ControllerRouteMethods = { "MapControllers", "MapDefaultControllerRoute", "MapControllerRoute", "MapAreaControllerRoute" };
    private static readonly string[] RazorPagesConventions = { "AuthorizeFolder", "AuthorizePage", "AuthorizeAreaFolder", "AuthorizeAreaPage" };

    private CompilationAuthorization(
        AuthorizationMetadata? fallbackPolicy,
        AuthorizationMetadata? controllerRoutes,
        AuthorizationMetadata? razorPageRoutes,
        AuthorizationMetadata? globalFilter,
        AuthorizationMetadata? razorPagesConvention,
        AuthorizationMetadata? middleware,
        AuthorizationMetadata? identityUi)
    {
        FallbackPolicy = fallbackPolicy;
        ControllerRoutes = controllerRoutes;
        RazorPageRoutes = razorPageRoutes;
        GlobalFilter = globalFilter;
        RazorPagesConvention = razorPagesConvention;
        Middleware = middleware;
        IdentityUi = identityUi;
    }

    /// <summary><c>options.FallbackPolicy = …</c>, <c>SetFallbackPolicy(…)</c>, <c>AddFallbackPolicy(…)</c> (with a non-null policy).</summary>
    public AuthorizationMetadata? FallbackPolicy { get; }

    /// <summary><c>MapControllers()</c> (or a controller route) with <c>RequireAuthorization()</c>, or mapped on a group that requires it.</summary>
    public AuthorizationMetadata? ControllerRoutes { get; }

    /// <summary><c>MapRazorPages().RequireAuthorization()</c>.</summary>
    public AuthorizationMetadata? RazorPageRoutes { get; }

    /// <summary><c>options.Filters.Add(new AuthorizeFilter(…))</c> (or <c>Add&lt;AuthorizeFilter&gt;()</c>, a filter or convention named like authorization) in MVC options.</summary>
    public AuthorizationMetadata? GlobalFilter { get; }

    /// <summary><c>options.Conventions.AuthorizeFolder(…)</c> and friends: taken for every page.</summary>
    public AuthorizationMetadata? RazorPagesConvention { get; }

    /// <summary>
    /// <c>app.UseMiddleware&lt;ApiKeyMiddleware&gt;()</c>: a middleware named like authentication or an API key
    /// check guards every endpoint (inferred from the name).
    /// </summary>
    public AuthorizationMetadata? Middleware { get; }

    /// <summary>
    /// <c>AddDefaultIdentity(…)</c> / <c>AddDefaultUI()</c>: the Identity UI authorizes its
    /// <c>/Account/Manage</c> pages with a convention of its own, scaffolded copies included.
    /// </summary>
    public AuthorizationMetadata? IdentityUi { get; }

    /// <summary>The compilation-wide metadata that applies to <paramref name="endpoint"/>, if any.</summary>
    public AuthorizationMetadata? For(Endpoint endpoint)
    {
        if (endpoint.Kind == EndpointKind.RazorPageHandler && IdentityUi is not null)
        {
            foreach (var template in endpoint.RouteTemplates)
            {
                if (template.IndexOf("/Account/Manage", System.StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return IdentityUi;
                }
            }
        }

        return For(endpoint.Kind);
    }

    /// <summary>The compilation-wide metadata that applies to every endpoint of <paramref name="kind"/>, if any.</summary>
    public AuthorizationMetadata? For(EndpointKind kind) =>
        kind switch
        {
            EndpointKind.ControllerAction => ControllerRoutes ?? GlobalFilter ?? FallbackPolicy ?? Middleware,
            EndpointKind.RazorPageHandler => RazorPageRoutes ?? RazorPagesConvention ?? GlobalFilter ?? FallbackPolicy ?? Middleware,
            _ => FallbackPolicy ?? Middleware,
        };

    public static CompilationAuthorization Compute(CompilationSyntaxIndex index, RouteBuilderFlow flow, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(
            FindFallbackPolicy(index, cancellationToken),
            FindRouteAuthorization(index, flow, ControllerRouteMethods, cancellationToken),
            FindRouteAuthorization(index, flow, new[] { "MapRazorPages" }, cancellationToken),
            FindGlobalFilter(index, cancellationToken),
            FindRazorPagesConvention(index, cancellationToken),
            FindMiddleware(index, cancellationToken),
            FindIdentityUi(index, cancellationToken));
    }

    private static AuthorizationMetadata? FindIdentityUi(CompilationSyntaxIndex index, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "AddDefaultIdentity", "AddDefaultUI" })
        {
            foreach (var invocation in index.InvocationsNamed(name, cancellationToken))
            {
                return AuthorizationMetadata.Require(AuthorizationLevel.GlobalFilter, invocation, isInferred: true);
            }
        }

        return null;
    }

    private static AuthorizationMetadata? FindFallbackPolicy(CompilationSyntaxIndex index, CancellationToken cancellationToken)
    {
        foreach (var assignment in index.FallbackPolicyAssignments(cancellationToken))
        {
            return AuthorizationMetadata.Require(AuthorizationLevel.FallbackPolicy, assignment);
        }

        foreach (var name in new[] { "SetFallbackPolicy", "AddFallbackPolicy" })
        {
            foreach (var invocation in index.InvocationsNamed(name, cancellationToken))
            {
                var arguments = invocation.ArgumentList.Arguments;
                if (arguments.Count > 0 && !arguments[arguments.Count - 1].Expression.IsKind(SyntaxKind.NullLiteralExpression))
                {
                    return AuthorizationMetadata.Require(AuthorizationLevel.FallbackPolicy, invocation);
                }
            }
        }

        return null;
    }

    private static AuthorizationMetadata? FindRouteAuthorization(CompilationSyntaxIndex index, RouteBuilderFlow flow, string[] methods, CancellationToken cancellationToken)
    {
        foreach (var name in methods)
        {
            foreach (var invocation in index.InvocationsNamed(name, cancellationToken))
            {
                var conventions = new ConventionSet();
                flow.CollectConventions(invocation, AuthorizationLevel.RouteRegistration, conventions, model: null, depth: 0, cancellationToken);
                if (Requirement(conventions.Authorization.ToImmutableArray()) is { } found)
                {
                    return found;
                }

                // `app.MapGroup("/api").RequireAuthorization().MapControllers()`.
                if (invocation.Expression is MemberAccessExpressionSyntax access)
                {
                    foreach (var path in flow.ResolveReceiver(access.Expression, model: null, depth: 0, cancellationToken))
                    {
                        if (Requirement(path.Authorization) is { } fromGroup)
                        {
                            return fromGroup.WithLevel(AuthorizationLevel.RouteRegistration);
                        }
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The first requirement, unless something in the same set allows anonymous access.</summary>
    private static AuthorizationMetadata? Requirement(ImmutableArray<AuthorizationMetadata> metadata)
    {
        AuthorizationMetadata? requirement = null;
        foreach (var item in metadata)
        {
            if (item.Kind == AuthorizationKind.AllowAnonymous)
            {
                return null;
            }

            requirement ??= item;
        }

        return requirement;
    }

    private static AuthorizationMetadata? FindGlobalFilter(CompilationSyntaxIndex index, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "Add", "AddService", "Insert" })
        {
            foreach (var invocation in index.InvocationsNamed(name, cancellationToken))
            {
                if (invocation.Expression is not MemberAccessExpressionSyntax access || LastName(access.Expression) is not ("Filters" or "Conventions"))
                {
                    continue;
                }

                var filter = FilterTypeName(invocation, access);
                if (filter is "AuthorizeFilter" || RouteBuilderFlow.LooksLikeAuthorizationName(filter))
                {
                    return AuthorizationMetadata.Require(AuthorizationLevel.GlobalFilter, invocation, isInferred: filter is not "AuthorizeFilter");
                }
            }
        }

        return null;
    }

    private static AuthorizationMetadata? FindRazorPagesConvention(CompilationSyntaxIndex index, CancellationToken cancellationToken)
    {
        foreach (var name in RazorPagesConventions)
        {
            foreach (var invocation in index.InvocationsNamed(name, cancellationToken))
            {
                return AuthorizationMetadata.Require(AuthorizationLevel.GlobalFilter, invocation);
            }
        }

        return null;
    }

    private static AuthorizationMetadata? FindMiddleware(CompilationSyntaxIndex index, CancellationToken cancellationToken)
    {
        foreach (var invocation in index.InvocationsNamed("UseMiddleware", cancellationToken))
        {
            string? middleware = invocation.Expression switch
            {
                MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } when generic.TypeArgumentList.Arguments.Count > 0 => TypeName(generic.TypeArgumentList.Arguments[0]),
                GenericNameSyntax generic when generic.TypeArgumentList.Arguments.Count > 0 => TypeName(generic.TypeArgumentList.Arguments[0]),
                _ => invocation.ArgumentList.Arguments.Count > 0 && invocation.ArgumentList.Arguments[0].Expression is TypeOfExpressionSyntax typeOf ? TypeName(typeOf.Type) : null,
            };
            if (RouteBuilderFlow.LooksLikeAuthorizationName(middleware))
            {
                return AuthorizationMetadata.Require(AuthorizationLevel.GlobalFilter, invocation, isInferred: true);
            }
        }

        return null;
    }

    private static string? LastName(ExpressionSyntax expression) =>
        expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };

    /// <summary>The filter's type name: <c>Add&lt;T&gt;()</c>, <c>Add(new T(…))</c>, <c>Add(typeof(T))</c>.</summary>
    private static string? FilterTypeName(InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax access)
    {
        if (access.Name is GenericNameSyntax generic && generic.TypeArgumentList.Arguments.Count > 0)
        {
            return TypeName(generic.TypeArgumentList.Arguments[0]);
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            switch (argument.Expression)
            {
                case ObjectCreationExpressionSyntax creation:
                    return TypeName(creation.Type);
                case TypeOfExpressionSyntax typeOf:
                    return TypeName(typeOf.Type);
            }
        }

        return null;
    }

    private static string TypeName(TypeSyntax type) =>
        type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => type.ToString(),
        };
}
