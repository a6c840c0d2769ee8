using System;
using System.Collections.Immutable;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Web;

/// <summary>Where ASP.NET Core takes a handler parameter's value from.</summary>
internal enum BindingSource
{
    Route,
    Query,
    Header,

    /// <summary>The request body as JSON (<c>[FromBody]</c>, or inferred for complex types).</summary>
    Body,

    /// <summary>Form fields and files (<c>[FromForm]</c>, <c>IFormFile</c>, <c>IFormCollection</c>).</summary>
    Form,

    /// <summary>Dependency injection (<c>[FromServices]</c>, <c>[FromKeyedServices]</c>, or inferred).</summary>
    Services,

    /// <summary>Supplied by the framework: <c>HttpContext</c>, <c>HttpRequest</c>, <c>ClaimsPrincipal</c>, <c>CancellationToken</c>, <c>Stream</c> ….</summary>
    Special,

    /// <summary><c>[AsParameters]</c>: the type's members are parameters in their own right.</summary>
    AsParameters,

    /// <summary>The type binds itself (<c>static BindAsync</c>).</summary>
    Custom,

    /// <summary>
    /// MVC model binding without <c>[ApiController]</c>: form fields, route values and the query string
    /// all feed the value (complex types are bound member by member).
    /// </summary>
    ModelBinding,
}

/// <summary>A handler parameter and where its value comes from.</summary>
internal sealed class EndpointParameter
{
    public EndpointParameter(IParameterSymbol symbol, BindingSource source, string bindingName, bool isExplicit)
    {
        Symbol = symbol;
        Source = source;
        BindingName = bindingName;
        IsExplicit = isExplicit;
    }

    public IParameterSymbol Symbol { get; }

    public BindingSource Source { get; }

    /// <summary>The request name it binds to: the attribute's <c>Name</c> when set, else the parameter name.</summary>
    public string BindingName { get; }

    /// <summary>True when an attribute says the source; false when it is inferred.</summary>
    public bool IsExplicit { get; }

    /// <summary>True when the value comes from the request (anything but services and framework-supplied types).</summary>
    public bool IsFromRequest => Source is not (BindingSource.Services or BindingSource.Special);
}

/// <summary>
/// Infers parameter binding sources with the rules of ASP.NET Core.
/// <para>
/// Minimal APIs: an explicit <c>[From…]</c> / <c>[AsParameters]</c> attribute; special types; a type
/// with <c>BindAsync</c>; strings and types with <c>TryParse</c> (and arrays of them) from the route
/// when the route template names them, else the query; then services — which the model cannot see, so
/// interfaces, abstract classes, <c>DbContext</c>s and types named like services (…Service,
/// …Repository, …Context, …Logger, …Factory, …Provider, …Client, …Manager, …Handler) count
/// as services; anything else from the body, except on GET / HEAD / DELETE / OPTIONS endpoints where
/// body inference is off and ASP.NET Core resolves it as a service.
/// </para>
/// <para>
/// Controllers: explicit attributes; <c>CancellationToken</c>; form files; with <c>[ApiController]</c>
/// complex types from the body (services when they look like services), simple types from the route
/// when any route template names them, else the query; without <c>[ApiController]</c> everything is
/// <see cref="BindingSource.ModelBinding"/> except route-named simple parameters.
/// </para>
/// </summary>
internal static class ParameterBinding
{
    private static readonly string[] ServiceSuffixes =
    {
        "Service", "Services", "Repository", "Context", "Logger", "Factory", "Provider", "Client", "Manager", "Handler", "Store", "Cache", "Bus", "Publisher", "Sender", "Mediator", "Accessor", "Clock", "Generator",
    };

    public static ImmutableArray<EndpointParameter> Classify(Endpoint endpoint, AspNetCoreKnowledge knowledge)
    {
        if (endpoint.Handler is not { } handler || handler.Parameters.IsEmpty)
        {
            return ImmutableArray<EndpointParameter>.Empty;
        }

        var templates = endpoint.RouteTemplates;
        var builder = ImmutableArray.CreateBuilder<EndpointParameter>(handler.Parameters.Length);
        foreach (var parameter in handler.Parameters)
        {
            builder.Add(endpoint.Kind == EndpointKind.MinimalApi
                ? ClassifyMinimalApi(parameter, endpoint, templates, knowledge)
                : ClassifyController(parameter, endpoint, templates, knowledge));
        }

        return builder.MoveToImmutable();
    }

    private static EndpointParameter ClassifyMinimalApi(IParameterSymbol parameter, Endpoint endpoint, ImmutableArray<string> templates, AspNetCoreKnowledge knowledge) =>
        ClassifyMinimalApi(parameter, endpoint.Verbs, endpoint.IsVerbConstrained, templates, knowledge);

    /// <summary>A Minimal API handler parameter, for an endpoint accepting <paramref name="verbs"/> on <paramref name="templates"/>.</summary>
    public static EndpointParameter ClassifyMinimalApi(IParameterSymbol parameter, HttpVerbs verbs, bool isVerbConstrained, ImmutableArray<string> templates, AspNetCoreKnowledge knowledge)
    {
        if (Explicit(parameter, knowledge) is { } explicitSource)
        {
            return explicitSource;
        }

        return new EndpointParameter(parameter, InferMinimalApi(parameter.Name, parameter.Type, verbs, isVerbConstrained, templates), parameter.Name, isExplicit: false);
    }

    /// <summary>
    /// Where a Minimal API handler parameter without a <c>[From…]</c> attribute binds from, by its name and type alone
    /// (also for a lambda parameter read from syntax, which has no symbol yet; see <see cref="MapCallReader"/>).
    /// </summary>
    public static BindingSource InferMinimalApi(string name, ITypeSymbol type, HttpVerbs verbs, bool isVerbConstrained, ImmutableArray<string> templates)
    {
        if (SpecialSource(type) is { } special)
        {
            return special;
        }

        if (HasStaticMethod(type, "BindAsync"))
        {
            return BindingSource.Custom;
        }

        if (IsSimple(type) || (type is IArrayTypeSymbol array && IsSimple(array.ElementType)))
        {
            return type is not IArrayTypeSymbol && NamedInRoute(name, templates) ? BindingSource.Route : BindingSource.Query;
        }

        if (LooksLikeService(type))
        {
            return BindingSource.Services;
        }

        // Body inference is off for methods without a body: ASP.NET Core resolves the type as a service.
        var bodyless = isVerbConstrained && (verbs & ~(HttpVerbs.Get | HttpVerbs.Head | HttpVerbs.Delete | HttpVerbs.Options)) == 0;
        return bodyless ? BindingSource.Services : BindingSource.Body;
    }

    private static EndpointParameter ClassifyController(IParameterSymbol parameter, Endpoint endpoint, ImmutableArray<string> templates, AspNetCoreKnowledge knowledge)
    {
        if (Explicit(parameter, knowledge) is { } explicitSource)
        {
            return explicitSource;
        }

        var type = parameter.Type;
        if (SymbolNames.IsType(type, AspNetCoreTypeNames.CancellationToken))
        {
            return new EndpointParameter(parameter, BindingSource.Special, parameter.Name, isExplicit: false);
        }

        if (IsFormType(type))
        {
            return new EndpointParameter(parameter, BindingSource.Form, parameter.Name, isExplicit: false);
        }

        var simple = IsSimple(type) || (type is IArrayTypeSymbol array && IsSimple(array.ElementType));
        if (simple && NamedInRoute(parameter.Name, templates))
        {
            return new EndpointParameter(parameter, BindingSource.Route, parameter.Name, isExplicit: false);
        }

        if (!endpoint.IsApiController)
        {
            return new EndpointParameter(parameter, BindingSource.ModelBinding, parameter.Name, isExplicit: false);
        }

        if (simple)
        {
            return new EndpointParameter(parameter, BindingSource.Query, parameter.Name, isExplicit: false);
        }

        return new EndpointParameter(parameter, LooksLikeService(type) ? BindingSource.Services : BindingSource.Body, parameter.Name, isExplicit: false);
    }

    private static EndpointParameter? Explicit(IParameterSymbol parameter, AspNetCoreKnowledge knowledge)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (type is null)
            {
                continue;
            }

            var source = SourceOfAttribute(type);
            if (source is null)
            {
                continue;
            }

            var name = NamedString(attribute, "Name") ?? parameter.Name;
            return new EndpointParameter(parameter, source.Value, name, isExplicit: true);
        }

        return null;
    }

    /// <summary>The binding source an attribute type declares (<c>[FromQuery]</c>, <c>[FromServices]</c> …), or null.</summary>
    internal static BindingSource? SourceOfAttributeType(INamedTypeSymbol type) => SourceOfAttribute(type);

    /// <summary>The binding source the first <c>[From…]</c> attribute of <paramref name="attributes"/> declares, with its <c>Name</c>.</summary>
    internal static BindingSource? SourceOfAttributes(ImmutableArray<AttributeData> attributes, out string? bindingName)
    {
        bindingName = null;
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is { } type && SourceOfAttribute(type) is { } source)
            {
                bindingName = NamedString(attribute, "Name");
                return source;
            }
        }

        return null;
    }

    private static BindingSource? SourceOfAttribute(INamedTypeSymbol type)
    {
        if (SymbolNames.InheritsFromOrIs(type, AspNetCoreTypeNames.AsParametersAttribute))
        {
            return BindingSource.AsParameters;
        }

        if (SymbolNames.InheritsFromOrIs(type, AspNetCoreTypeNames.FromKeyedServicesAttribute))
        {
            return BindingSource.Services;
        }

        // Both the MVC [From…] attributes and the Minimal API ones implement these interfaces.
        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.Name.Length < 8 || !implemented.Name.StartsWith("IFrom", StringComparison.Ordinal))
            {
                continue;
            }

            if (SymbolNames.IsType(implemented, AspNetCoreTypeNames.FromRouteMetadata))
            {
                return BindingSource.Route;
            }

            if (SymbolNames.IsType(implemented, AspNetCoreTypeNames.FromQueryMetadata))
            {
                return BindingSource.Query;
            }

            if (SymbolNames.IsType(implemented, AspNetCoreTypeNames.FromHeaderMetadata))
            {
                return BindingSource.Header;
            }

            if (SymbolNames.IsType(implemented, AspNetCoreTypeNames.FromBodyMetadata))
            {
                return BindingSource.Body;
            }

            if (SymbolNames.IsType(implemented, AspNetCoreTypeNames.FromFormMetadata))
            {
                return BindingSource.Form;
            }

            if (SymbolNames.IsType(implemented, AspNetCoreTypeNames.FromServiceMetadata))
            {
                return BindingSource.Services;
            }
        }

        return null;
    }

    private static BindingSource? SpecialSource(ITypeSymbol type)
    {
        if (IsFormType(type))
        {
            return BindingSource.Form;
        }

        if (SymbolNames.IsType(type, AspNetCoreTypeNames.HttpContext)
            || SymbolNames.IsType(type, AspNetCoreTypeNames.HttpRequest)
            || SymbolNames.IsType(type, AspNetCoreTypeNames.HttpResponse)
            || SymbolNames.IsType(type, AspNetCoreTypeNames.ClaimsPrincipal)
            || SymbolNames.IsType(type, AspNetCoreTypeNames.CancellationToken)
            || SymbolNames.IsType(type, AspNetCoreTypeNames.Stream)
            || SymbolNames.IsType(type, AspNetCoreTypeNames.PipeReader))
        {
            return BindingSource.Special;
        }

        return null;
    }

    private static bool IsFormType(ITypeSymbol type) =>
        SymbolNames.IsType(type, AspNetCoreTypeNames.FormFile)
        || SymbolNames.IsType(type, AspNetCoreTypeNames.FormFileCollection)
        || SymbolNames.IsType(type, AspNetCoreTypeNames.FormCollection);

    private static bool NamedInRoute(string name, ImmutableArray<string> templates)
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

    /// <summary>Strings, primitives, enums and types with a static <c>TryParse</c> (what binds from one route or query value).</summary>
    public static bool IsSimple(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_DateTime:
                return true;
        }

        return type.TypeKind == TypeKind.Enum || HasStaticMethod(type, "TryParse");
    }

    private static bool HasStaticMethod(ITypeSymbol type, string name)
    {
        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol { IsStatic: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Interfaces, abstract classes, DbContexts and types named like services: what DI most likely provides.</summary>
    public static bool LooksLikeService(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Interface || type.IsAbstract || SymbolNames.InheritsFromOrIs(type, AspNetCoreTypeNames.DbContext))
        {
            return true;
        }

        var name = type.Name;
        foreach (var suffix in ServiceSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static string? NamedString(AttributeData attribute, string name) =>
        AttributeArguments.NamedString(attribute, name) is { Length: > 0 } value ? value : null;
}
