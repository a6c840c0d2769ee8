using System.Collections.Immutable;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Web;

/// <summary>Reads authorization metadata from attributes (on actions, controllers, page models, handlers and lambdas).</summary>
internal static class AttributeAuthorization
{
    /// <summary>Adds the authorization metadata among <paramref name="attributes"/> to <paramref name="target"/>.</summary>
    public static void Collect(
        ImmutableArray<AttributeData> attributes,
        AuthorizationLevel level,
        AspNetCoreKnowledge knowledge,
        ImmutableArray<AuthorizationMetadata>.Builder target,
        CancellationToken cancellationToken)
    {
        foreach (var attribute in attributes)
        {
            if (Classify(attribute, level, knowledge, cancellationToken) is { } metadata)
            {
                target.Add(metadata);
            }
        }
    }

    /// <summary>
    /// <c>[AllowAnonymous]</c> and attributes implementing <c>IAllowAnonymous</c>; <c>[Authorize]</c> and
    /// attributes implementing <c>IAuthorizeData</c> (roles and policy read); MVC authorization filters
    /// (<c>IAuthorizationFilter</c>, <c>IAsyncAuthorizationFilter</c>, also through <c>[TypeFilter]</c> /
    /// <c>[ServiceFilter]</c>); and, inferred from the name, attributes such as <c>[RequirePermission]</c>.
    /// An attribute that does not bind (half-typed code) counts by its name.
    /// </summary>
    public static AuthorizationMetadata? Classify(AttributeData attribute, AuthorizationLevel level, AspNetCoreKnowledge knowledge, CancellationToken cancellationToken)
    {
        var type = attribute.AttributeClass;
        if (type is null)
        {
            return null;
        }

        if (type.TypeKind == TypeKind.Error)
        {
            return type.Name switch
            {
                "Authorize" or "AuthorizeAttribute" => AuthorizationMetadata.Require(level, Syntax(attribute, cancellationToken)),
                "AllowAnonymous" or "AllowAnonymousAttribute" => AuthorizationMetadata.Anonymous(level, Syntax(attribute, cancellationToken)),
                _ => null,
            };
        }

        if (knowledge.IsAllowAnonymous(type))
        {
            return AuthorizationMetadata.Anonymous(level, Syntax(attribute, cancellationToken));
        }

        if (knowledge.IsAuthorizeData(type))
        {
            return FromAuthorizeData(attribute, level, cancellationToken);
        }

        if ((knowledge.IsAuthorizationFilter(type) && !IsFrameworkNonAuthorizationFilter(type)) || IsAuthorizationFilterReference(attribute, knowledge))
        {
            return AuthorizationMetadata.Require(level, Syntax(attribute, cancellationToken), isInferred: true);
        }

        if (RouteBuilderFlow.LooksLikeAuthorizationName(type.Name))
        {
            return AuthorizationMetadata.Require(level, Syntax(attribute, cancellationToken), isInferred: true);
        }

        return null;
    }

    private static AuthorizationMetadata FromAuthorizeData(AttributeData attribute, AuthorizationLevel level, CancellationToken cancellationToken)
    {
        var roles = ImmutableArray.CreateBuilder<string>();
        var policies = ImmutableArray.CreateBuilder<string>();
        if (AttributeArguments.ConstructorString(attribute, 0) is { Length: > 0 } policy)
        {
            policies.Add(policy);
        }

        foreach (var argument in attribute.NamedArguments)
        {
            if (AttributeArguments.StringValue(argument.Value) is not { } value)
            {
                continue;
            }

            switch (argument.Key)
            {
                case "Roles":
                    RouteBuilderFlow.AddSplit(value, roles);
                    break;
                case "Policy" when value.Length > 0:
                    policies.Add(value);
                    break;
            }
        }

        return new AuthorizationMetadata(AuthorizationKind.Require, level, roles.ToImmutable(), policies.ToImmutable(), Syntax(attribute, cancellationToken), isInferred: false);
    }

    /// <summary><c>[TypeFilter(typeof(ApiKeyFilter))]</c> / <c>[ServiceFilter(typeof(…))]</c> naming an authorization filter.</summary>
    private static bool IsAuthorizationFilterReference(AttributeData attribute, AspNetCoreKnowledge knowledge)
    {
        var type = attribute.AttributeClass;
        if (!SymbolNames.InheritsFromOrIs(type, AspNetCoreTypeNames.TypeFilterAttribute) && !SymbolNames.InheritsFromOrIs(type, AspNetCoreTypeNames.ServiceFilterAttribute))
        {
            return false;
        }

        return AttributeArguments.ConstructorType(attribute, 0) is { } filter
            && (knowledge.IsAuthorizationFilter(filter) || RouteBuilderFlow.LooksLikeAuthorizationName(filter.Name));
    }

    /// <summary>
    /// ASP.NET Core's own authorization-stage filters that do not authorize the caller: <c>[RequireHttps]</c>
    /// redirects to HTTPS, antiforgery filters validate tokens. Only <c>AuthorizeFilter</c> is authorization.
    /// </summary>
    private static bool IsFrameworkNonAuthorizationFilter(INamedTypeSymbol type) =>
        SymbolNames.IsInNamespace(type.ContainingNamespace, "Microsoft.AspNetCore")
        && !SymbolNames.InheritsFromOrIs(type, "Microsoft.AspNetCore.Mvc.Authorization.AuthorizeFilter");

    private static SyntaxNode? Syntax(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
}
