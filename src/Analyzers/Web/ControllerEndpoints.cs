using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Web;

/// <summary>What a class is to MVC.</summary>
internal enum ControllerRole
{
    None,

    /// <summary>A concrete controller: its public methods are actions.</summary>
    Controller,

    /// <summary>An abstract or generic controller base: its actions exist in subclasses the model does not enumerate.</summary>
    ControllerBase,

    /// <summary>A concrete Razor Pages page model.</summary>
    PageModel,

    /// <summary>An abstract or generic page model base.</summary>
    PageModelBase,
}

/// <summary>A controller or page model class, read once per compilation.</summary>
internal sealed class ControllerInfo
{
    public static readonly ControllerInfo None = new(null, ControllerRole.None, false, string.Empty, null, ImmutableArray<string>.Empty, ImmutableArray<AuthorizationMetadata>.Empty);

    public ControllerInfo(
        INamedTypeSymbol? type,
        ControllerRole role,
        bool isApiController,
        string controllerName,
        string? area,
        ImmutableArray<string> routeTemplates,
        ImmutableArray<AuthorizationMetadata> authorization)
    {
        Type = type;
        Role = role;
        IsApiController = isApiController;
        ControllerName = controllerName;
        Area = area;
        RouteTemplates = routeTemplates;
        Authorization = authorization;
    }

    public INamedTypeSymbol? Type { get; }

    public ControllerRole Role { get; }

    /// <summary><c>[ApiController]</c> on the class, a base class or the assembly.</summary>
    public bool IsApiController { get; }

    /// <summary>The class name without the <c>Controller</c> suffix (what <c>[controller]</c> stands for).</summary>
    public string ControllerName { get; }

    public string? Area { get; }

    /// <summary>The class-level <c>[Route]</c> templates (the nearest class that declares any), tokens not replaced.</summary>
    public ImmutableArray<string> RouteTemplates { get; }

    /// <summary>Metadata of the class (<see cref="AuthorizationLevel.Controller"/>) and its base classes (<see cref="AuthorizationLevel.BaseClass"/>).</summary>
    public ImmutableArray<AuthorizationMetadata> Authorization { get; }

    public bool IsController => Role is ControllerRole.Controller or ControllerRole.ControllerBase;

    public bool IsPageModel => Role is ControllerRole.PageModel or ControllerRole.PageModelBase;
}

/// <summary>
/// Controller actions and Razor Pages handlers. A class is a controller when it derives from
/// <c>ControllerBase</c> (at any depth), carries <c>[Controller]</c> / <c>[ApiController]</c> (also
/// inherited), or is a public class named <c>…Controller</c>; and not <c>[NonController]</c>.
/// Actions are its public, non-static, non-generic methods without <c>[NonAction]</c>.
/// </summary>
internal sealed class ControllerEndpoints
{
    private static readonly string[] PageFileSuffixes = { ".cshtml.cs", ".cs" };

    private readonly AspNetCoreKnowledge _knowledge;
    private readonly ConcurrentDictionary<INamedTypeSymbol, ControllerInfo> _controllers = new(SymbolEqualityComparer.Default);

    public ControllerEndpoints(AspNetCoreKnowledge knowledge)
    {
        _knowledge = knowledge;
    }

    public ControllerInfo GetController(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (_controllers.TryGetValue(type, out var info))
        {
            return info;
        }

        return _controllers.GetOrAdd(type, ReadController(type, cancellationToken));
    }

    /// <summary>The action endpoint of <paramref name="method"/>, or null when it is not an action.</summary>
    public Endpoint? GetAction(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Public || method.IsStatic || method.IsGenericMethod
            || method.ContainingType is not { } type)
        {
            return null;
        }

        var controller = GetController(type, cancellationToken);
        if (!controller.IsController || HasNonAction(method) || IsDispose(method))
        {
            return null;
        }

        var verbs = HttpVerbs.None;
        var methodTemplates = ImmutableArray.CreateBuilder<string>();
        string? name = null;
        var authorization = ImmutableArray.CreateBuilder<AuthorizationMetadata>();

        // [Http*] and [Route] on an overridden method are inherited by the override.
        var readRouting = false;
        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            var attributes = current.GetAttributes();
            if (!readRouting)
            {
                readRouting = ReadRouting(attributes, ref verbs, methodTemplates, ref name);
            }

            AttributeAuthorization.Collect(attributes, AuthorizationLevel.Handler, _knowledge, authorization, cancellationToken);
        }

        var actionName = ActionName(method);
        var templates = CombineTemplates(controller, methodTemplates.ToImmutable(), actionName);
        var registration = new EndpointRegistration(
            templates,
            controller.Authorization,
            isIncomplete: controller.Role == ControllerRole.ControllerBase,
            hasEndpointFilters: false);

        return new Endpoint(
            _knowledge,
            EndpointKind.ControllerAction,
            verbs == HttpVerbs.None ? HttpVerbs.Any : verbs,
            isVerbConstrained: verbs != HttpVerbs.None,
            name,
            method,
            DeclarationOf(method, cancellationToken),
            mapInvocation: null,
            type,
            controller.IsApiController,
            authorization.ToImmutable(),
            ImmutableArray.Create(registration),
            hasEndpointFilters: false,
            method.Locations.Length > 0 ? method.Locations[0] : Location.None);
    }

    /// <summary>
    /// The Razor Pages handler endpoint of <paramref name="method"/> (<c>OnPost</c>, <c>OnPostDeleteAsync</c> …),
    /// or null. Its route is guessed from the file (<c>Pages/Notes/Edit.cshtml.cs</c> → <c>/Notes/Edit</c>).
    /// </summary>
    public Endpoint? GetPageHandler(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Public || method.IsStatic
            || method.ContainingType is not { } type || HandlerVerb(method.Name) is not { } verb)
        {
            return null;
        }

        var page = GetController(type, cancellationToken);
        if (!page.IsPageModel || HasNonAction(method))
        {
            return null;
        }

        var authorization = ImmutableArray.CreateBuilder<AuthorizationMetadata>();
        AttributeAuthorization.Collect(method.GetAttributes(), AuthorizationLevel.Handler, _knowledge, authorization, cancellationToken);
        var registration = new EndpointRegistration(
            ImmutableArray.Create(PageRoute(type)),
            page.Authorization,
            isIncomplete: page.Role == ControllerRole.PageModelBase,
            hasEndpointFilters: false);

        return new Endpoint(
            _knowledge,
            EndpointKind.RazorPageHandler,
            verb,
            isVerbConstrained: true,
            name: null,
            method,
            DeclarationOf(method, cancellationToken),
            mapInvocation: null,
            type,
            isApiController: false,
            authorization.ToImmutable(),
            ImmutableArray.Create(registration),
            hasEndpointFilters: false,
            method.Locations.Length > 0 ? method.Locations[0] : Location.None);
    }

    private ControllerInfo ReadController(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.TypeKind != TypeKind.Class || type.IsStatic || IsFrameworkBase(type))
        {
            return ControllerInfo.None;
        }

        var isPageModel = _knowledge.PageModel is { } pageModel && InheritsFrom(type, pageModel);
        var derivesFromControllerBase = _knowledge.ControllerBase is { } controllerBase && InheritsFrom(type, controllerBase);
        var named = type.Name.EndsWith("Controller", StringComparison.Ordinal) && type.Name.Length > "Controller".Length;
        if (!isPageModel && !derivesFromControllerBase && !named && !HasControllerAttribute(type))
        {
            // Most classes of a project: no need to read their routes and authorization.
            return ControllerInfo.None;
        }

        var hasControllerAttribute = false;
        var isApiController = _knowledge.AssemblyIsApiController;
        string? area = null;
        var routeTemplates = ImmutableArray<string>.Empty;
        var authorization = ImmutableArray.CreateBuilder<AuthorizationMetadata>();
        var level = AuthorizationLevel.Controller;
        for (var current = type; current is not null && !IsFrameworkBase(current); current = current.BaseType)
        {
            var attributes = current.GetAttributes();
            var routes = ImmutableArray.CreateBuilder<string>();
            foreach (var attribute in attributes)
            {
                var attributeClass = attribute.AttributeClass;
                if (SymbolNames.InheritsFromOrIs(attributeClass, AspNetCoreTypeNames.NonControllerAttribute))
                {
                    return ControllerInfo.None;
                }

                if (SymbolNames.InheritsFromOrIs(attributeClass, AspNetCoreTypeNames.ControllerAttribute))
                {
                    hasControllerAttribute = true;
                }

                if (_knowledge.IsApiBehaviorAttribute(attributeClass))
                {
                    isApiController = true;
                }

                if (area is null && SymbolNames.InheritsFromOrIs(attributeClass, AspNetCoreTypeNames.AreaAttribute) && FirstString(attribute) is { } areaName)
                {
                    area = areaName;
                }

                if (_knowledge.IsRouteTemplateProvider(attributeClass) && !_knowledge.IsHttpMethodProvider(attributeClass) && FirstString(attribute) is { } template)
                {
                    routes.Add(template);
                }
            }

            // The nearest class with [Route] wins (attributes are inherited unless redeclared).
            if (routeTemplates.IsEmpty && routes.Count > 0)
            {
                routeTemplates = routes.ToImmutable();
            }

            AttributeAuthorization.Collect(attributes, level, _knowledge, authorization, cancellationToken);
            level = AuthorizationLevel.BaseClass;
        }

        ControllerRole role;
        if (isPageModel)
        {
            role = type.IsAbstract || type.TypeParameters.Length > 0 ? ControllerRole.PageModelBase : ControllerRole.PageModel;
        }
        else if (derivesFromControllerBase || hasControllerAttribute || named)
        {
            role = type.IsAbstract || type.TypeParameters.Length > 0 ? ControllerRole.ControllerBase : ControllerRole.Controller;
        }
        else
        {
            return ControllerInfo.None;
        }

        if (role is ControllerRole.Controller or ControllerRole.PageModel && !IsPubliclyVisible(type))
        {
            return ControllerInfo.None;
        }

        var controllerName = named ? type.Name.Substring(0, type.Name.Length - "Controller".Length) : type.Name;
        return new ControllerInfo(type, role, isApiController, controllerName, area, routeTemplates, authorization.ToImmutable());
    }

    /// <summary><c>[Controller]</c> (or a derived attribute such as <c>[ApiController]</c>) on the class or a source base class.</summary>
    private static bool HasControllerAttribute(INamedTypeSymbol type)
    {
        for (var current = type; current is not null && !IsFrameworkBase(current); current = current.BaseType)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (SymbolNames.InheritsFromOrIs(attribute.AttributeClass, AspNetCoreTypeNames.ControllerAttribute))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Reads [Http*], [AcceptVerbs] and [Route] of one method; true when it has any.</summary>
    private bool ReadRouting(ImmutableArray<AttributeData> attributes, ref HttpVerbs verbs, ImmutableArray<string>.Builder templates, ref string? name)
    {
        var found = false;
        foreach (var attribute in attributes)
        {
            var attributeClass = attribute.AttributeClass;
            if (attributeClass is null)
            {
                continue;
            }

            var isVerb = _knowledge.IsHttpMethodProvider(attributeClass);
            var isRoute = _knowledge.IsRouteTemplateProvider(attributeClass);
            if (!isVerb && !isRoute)
            {
                continue;
            }

            found = true;
            if (isVerb)
            {
                verbs |= VerbsOf(attribute, attributeClass);
            }

            if (isRoute && RouteTemplateOf(attribute, attributeClass) is { } template)
            {
                templates.Add(template);
            }

            name ??= NamedString(attribute, "Name");
        }

        return found;
    }

    /// <summary>[HttpPost("t")] / [Route("t")] take the template first; [AcceptVerbs(…, Route = "t")] names it.</summary>
    private static string? RouteTemplateOf(AttributeData attribute, INamedTypeSymbol attributeClass) =>
        SymbolNames.InheritsFromOrIs(attributeClass, AspNetCoreTypeNames.AcceptVerbsAttribute) ? NamedString(attribute, "Route") : FirstString(attribute);

    private static HttpVerbs VerbsOf(AttributeData attribute, INamedTypeSymbol attributeClass)
    {
        for (var current = attributeClass; current is not null; current = current.BaseType)
        {
            switch (current.Name)
            {
                case "HttpGetAttribute":
                    return HttpVerbs.Get;
                case "HttpPostAttribute":
                    return HttpVerbs.Post;
                case "HttpPutAttribute":
                    return HttpVerbs.Put;
                case "HttpPatchAttribute":
                    return HttpVerbs.Patch;
                case "HttpDeleteAttribute":
                    return HttpVerbs.Delete;
                case "HttpHeadAttribute":
                    return HttpVerbs.Head;
                case "HttpOptionsAttribute":
                    return HttpVerbs.Options;
                case "AcceptVerbsAttribute":
                    return AcceptedVerbs(attribute);
            }
        }

        return HttpVerbs.Other;
    }

    private static HttpVerbs AcceptedVerbs(AttributeData attribute)
    {
        var verbs = HttpVerbs.None;
        foreach (var argument in attribute.ConstructorArguments)
        {
            if (argument.Kind == TypedConstantKind.Array)
            {
                foreach (var element in argument.Values)
                {
                    verbs |= HttpVerbNames.Parse(AttributeArguments.StringValue(element));
                }
            }
            else
            {
                verbs |= HttpVerbNames.Parse(AttributeArguments.StringValue(argument));
            }
        }

        return verbs == HttpVerbs.None ? HttpVerbs.Other : verbs;
    }

    private static ImmutableArray<string> CombineTemplates(ControllerInfo controller, ImmutableArray<string> methodTemplates, string actionName)
    {
        var result = ImmutableArray.CreateBuilder<string>();
        if (methodTemplates.IsEmpty)
        {
            if (controller.RouteTemplates.IsEmpty)
            {
                // Conventional routing ({controller}/{action}): synthesized, so names can be matched.
                result.Add((controller.Area is null ? string.Empty : controller.Area + "/") + controller.ControllerName + "/" + actionName);
            }
            else
            {
                result.AddRange(controller.RouteTemplates);
            }
        }
        else
        {
            foreach (var template in methodTemplates)
            {
                if (controller.RouteTemplates.IsEmpty || template.StartsWith("/", StringComparison.Ordinal) || template.StartsWith("~/", StringComparison.Ordinal))
                {
                    result.Add(RouteTemplates.Combine(null, template, absoluteOverrides: true));
                    continue;
                }

                foreach (var prefix in controller.RouteTemplates)
                {
                    result.Add(RouteTemplates.Combine(prefix, template, absoluteOverrides: true));
                }
            }
        }

        for (var i = 0; i < result.Count; i++)
        {
            result[i] = RouteTemplates.ReplaceTokens(result[i], controller.ControllerName, actionName, controller.Area);
        }

        return result.ToImmutable();
    }

    /// <summary><c>[ActionName("…")]</c>, else the method name without the <c>Async</c> suffix (MVC's default).</summary>
    private static string ActionName(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolNames.InheritsFromOrIs(attribute.AttributeClass, AspNetCoreTypeNames.ActionNameAttribute) && FirstString(attribute) is { } name)
            {
                return name;
            }
        }

        var methodName = method.Name;
        return methodName.EndsWith("Async", StringComparison.Ordinal) && methodName.Length > 5 ? methodName.Substring(0, methodName.Length - 5) : methodName;
    }

    /// <summary>The verb of a page handler name: On{Verb}[Handler][Async].</summary>
    private static HttpVerbs? HandlerVerb(string name)
    {
        if (name.Length < 5 || name[0] != 'O' || name[1] != 'n')
        {
            return null;
        }

        if (StartsWithAt(name, "Get"))
        {
            return HttpVerbs.Get;
        }

        if (StartsWithAt(name, "Post"))
        {
            return HttpVerbs.Post;
        }

        if (StartsWithAt(name, "Put"))
        {
            return HttpVerbs.Put;
        }

        if (StartsWithAt(name, "Patch"))
        {
            return HttpVerbs.Patch;
        }

        if (StartsWithAt(name, "Delete"))
        {
            return HttpVerbs.Delete;
        }

        if (StartsWithAt(name, "Head"))
        {
            return HttpVerbs.Head;
        }

        return StartsWithAt(name, "Options") ? HttpVerbs.Options : null;
    }

    private static bool StartsWithAt(string name, string verb)
    {
        if (string.CompareOrdinal(name, 2, verb, 0, verb.Length) != 0)
        {
            return false;
        }

        // OnPostal() is not a handler: the verb ends the name or a capitalized word follows.
        var next = 2 + verb.Length;
        return next == name.Length || char.IsUpper(name[next]);
    }

    /// <summary><c>Pages/Notes/Edit.cshtml.cs</c> → <c>/Notes/Edit</c>; else the class name without <c>Model</c>.</summary>
    private static string PageRoute(INamedTypeSymbol type)
    {
        foreach (var location in type.Locations)
        {
            var path = location.SourceTree?.FilePath?.Replace('\\', '/');
            if (path is null)
            {
                continue;
            }

            var pages = path.LastIndexOf("/Pages/", StringComparison.OrdinalIgnoreCase);
            if (pages < 0)
            {
                continue;
            }

            var route = path.Substring(pages + "/Pages".Length);
            foreach (var suffix in PageFileSuffixes)
            {
                if (route.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return route.Substring(0, route.Length - suffix.Length);
                }
            }
        }

        var name = type.Name;
        return "/" + (name.EndsWith("Model", StringComparison.Ordinal) && name.Length > 5 ? name.Substring(0, name.Length - 5) : name);
    }

    private static bool HasNonAction(IMethodSymbol method)
    {
        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (SymbolNames.InheritsFromOrIs(attribute.AttributeClass, AspNetCoreTypeNames.NonActionAttribute))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsDispose(IMethodSymbol method) => method.Name == "Dispose" && method.Parameters.IsEmpty;

    /// <summary>ControllerBase, Controller, PageModel and object: their members are never actions, their attributes are not the user's.</summary>
    private static bool IsFrameworkBase(INamedTypeSymbol type) =>
        type.SpecialType == SpecialType.System_Object
        || SymbolNames.IsType(type, AspNetCoreTypeNames.ControllerBase)
        || SymbolNames.IsType(type, "Microsoft.AspNetCore.Mvc.Controller")
        || SymbolNames.IsType(type, AspNetCoreTypeNames.PageModel);

    private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPubliclyVisible(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    private static SyntaxNode? DeclarationOf(IMethodSymbol method, CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences.Length > 0 ? method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) : null;

    private static string? FirstString(AttributeData attribute) =>
        AttributeArguments.ConstructorString(attribute, 0) ?? NamedString(attribute, "Template");

    private static string? NamedString(AttributeData attribute, string name) => AttributeArguments.NamedString(attribute, name);
}
