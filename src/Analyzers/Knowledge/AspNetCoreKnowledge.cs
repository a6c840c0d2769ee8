using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Knowledge;

/// <summary>Metadata names of the ASP.NET Core types the endpoint model knows.</summary>
internal static class AspNetCoreTypeNames
{
    // MVC controllers.
    public const string ControllerBase = "Microsoft.AspNetCore.Mvc.ControllerBase";
    public const string ControllerAttribute = "Microsoft.AspNetCore.Mvc.ControllerAttribute";
    public const string NonControllerAttribute = "Microsoft.AspNetCore.Mvc.NonControllerAttribute";
    public const string NonActionAttribute = "Microsoft.AspNetCore.Mvc.NonActionAttribute";
    public const string ApiControllerAttribute = "Microsoft.AspNetCore.Mvc.ApiControllerAttribute";
    public const string ApiBehaviorMetadata = "Microsoft.AspNetCore.Mvc.Infrastructure.IApiBehaviorMetadata";
    public const string RouteTemplateProvider = "Microsoft.AspNetCore.Mvc.Routing.IRouteTemplateProvider";
    public const string ActionHttpMethodProvider = "Microsoft.AspNetCore.Mvc.Routing.IActionHttpMethodProvider";
    public const string AcceptVerbsAttribute = "Microsoft.AspNetCore.Mvc.AcceptVerbsAttribute";
    public const string AreaAttribute = "Microsoft.AspNetCore.Mvc.AreaAttribute";
    public const string ActionNameAttribute = "Microsoft.AspNetCore.Mvc.ActionNameAttribute";
    public const string TypeFilterAttribute = "Microsoft.AspNetCore.Mvc.TypeFilterAttribute";
    public const string ServiceFilterAttribute = "Microsoft.AspNetCore.Mvc.ServiceFilterAttribute";
    public const string AuthorizationFilter = "Microsoft.AspNetCore.Mvc.Filters.IAuthorizationFilter";
    public const string AsyncAuthorizationFilter = "Microsoft.AspNetCore.Mvc.Filters.IAsyncAuthorizationFilter";
    public const string BindingSourceMetadata = "Microsoft.AspNetCore.Mvc.ModelBinding.IBindingSourceMetadata";

    // Razor Pages.
    public const string PageModel = "Microsoft.AspNetCore.Mvc.RazorPages.PageModel";

    // Authorization metadata.
    public const string AuthorizeData = "Microsoft.AspNetCore.Authorization.IAuthorizeData";
    public const string AllowAnonymous = "Microsoft.AspNetCore.Authorization.IAllowAnonymous";
    public const string AuthorizeAttribute = "Microsoft.AspNetCore.Authorization.AuthorizeAttribute";
    public const string AllowAnonymousAttribute = "Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute";

    // Minimal APIs.
    public const string EndpointRouteBuilderExtensions = "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions";
    public const string EndpointRouteBuilder = "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder";
    public const string EndpointConventionBuilder = "Microsoft.AspNetCore.Builder.IEndpointConventionBuilder";
    public const string RouteGroupBuilder = "Microsoft.AspNetCore.Routing.RouteGroupBuilder";

    // Parameter binding.
    public const string FromRouteMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromRouteMetadata";
    public const string FromQueryMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromQueryMetadata";
    public const string FromHeaderMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata";
    public const string FromBodyMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromBodyMetadata";
    public const string FromFormMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromFormMetadata";
    public const string FromServiceMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromServiceMetadata";
    public const string FromKeyedServicesAttribute = "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute";
    public const string AsParametersAttribute = "Microsoft.AspNetCore.Http.AsParametersAttribute";
    public const string HttpContext = "Microsoft.AspNetCore.Http.HttpContext";
    public const string HttpRequest = "Microsoft.AspNetCore.Http.HttpRequest";
    public const string HttpResponse = "Microsoft.AspNetCore.Http.HttpResponse";
    public const string FormFile = "Microsoft.AspNetCore.Http.IFormFile";
    public const string FormFileCollection = "Microsoft.AspNetCore.Http.IFormFileCollection";
    public const string FormCollection = "Microsoft.AspNetCore.Http.IFormCollection";
    public const string ClaimsPrincipal = "System.Security.Claims.ClaimsPrincipal";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Stream = "System.IO.Stream";
    public const string PipeReader = "System.IO.Pipelines.PipeReader";
    public const string DbContext = "Microsoft.EntityFrameworkCore.DbContext";

    /// <summary>Namespace of <c>[Authorize]</c> / <c>[AllowAnonymous]</c>: what a fix imports.</summary>
    public const string AuthorizationNamespace = "Microsoft.AspNetCore.Authorization";

    /// <summary>Namespace of <c>RequireAuthorization()</c> / <c>AllowAnonymous()</c> (extension methods).</summary>
    public const string BuilderNamespace = "Microsoft.AspNetCore.Builder";
}

/// <summary>
/// The ASP.NET Core types the endpoint model needs, resolved once per compilation. Every symbol is
/// nullable: a project may reference MVC without Razor Pages, or Routing without MVC. Types are
/// compared by symbol where resolved and by full name otherwise (a type present in two references
/// is still recognized). Rules never ask the compilation for these types themselves.
/// </summary>
internal sealed class AspNetCoreKnowledge
{
    private const string MvcCore = "Microsoft.AspNetCore.Mvc.Core";
    private const string MvcAbstractions = "Microsoft.AspNetCore.Mvc.Abstractions";
    private const string AuthorizationMetadata = "Microsoft.AspNetCore.Metadata";

    private ImmutableArray<IAssemblySymbol> _mvcAwareReferences;

    private AspNetCoreKnowledge(Compilation compilation)
    {
        Compilation = compilation;
        // Each type in the assembly of the shared framework that declares it (ASP.NET Core 3.1 to 10).
        var types = new ReferencedTypes(compilation);
        ControllerBase = types.Get(AspNetCoreTypeNames.ControllerBase, MvcCore);
        PageModel = types.Get(AspNetCoreTypeNames.PageModel, "Microsoft.AspNetCore.Mvc.RazorPages");
        EndpointRouteBuilderExtensions = types.Get(AspNetCoreTypeNames.EndpointRouteBuilderExtensions, "Microsoft.AspNetCore.Routing");
        EndpointConventionBuilder = types.Get(AspNetCoreTypeNames.EndpointConventionBuilder, "Microsoft.AspNetCore.Http.Abstractions", "Microsoft.AspNetCore.Routing");
        AuthorizeData = types.Get(AspNetCoreTypeNames.AuthorizeData, AuthorizationMetadata, "Microsoft.AspNetCore.Authorization");
        AllowAnonymous = types.Get(AspNetCoreTypeNames.AllowAnonymous, AuthorizationMetadata, "Microsoft.AspNetCore.Authorization");
        ActionHttpMethodProvider = types.Get(AspNetCoreTypeNames.ActionHttpMethodProvider, MvcCore);
        RouteTemplateProvider = types.Get(AspNetCoreTypeNames.RouteTemplateProvider, MvcCore);
        ApiBehaviorMetadata = types.Get(AspNetCoreTypeNames.ApiBehaviorMetadata, MvcCore);
        AuthorizationFilter = types.Get(AspNetCoreTypeNames.AuthorizationFilter, MvcAbstractions);
        AsyncAuthorizationFilter = types.Get(AspNetCoreTypeNames.AsyncAuthorizationFilter, MvcAbstractions);
        AssemblyIsApiController = HasApiControllerAttribute(compilation.Assembly.GetAttributes());
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol? ControllerBase { get; }

    public INamedTypeSymbol? PageModel { get; }

    public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }

    public INamedTypeSymbol? EndpointConventionBuilder { get; }

    public INamedTypeSymbol? AuthorizeData { get; }

    public INamedTypeSymbol? AllowAnonymous { get; }

    public INamedTypeSymbol? ActionHttpMethodProvider { get; }

    public INamedTypeSymbol? RouteTemplateProvider { get; }

    public INamedTypeSymbol? ApiBehaviorMetadata { get; }

    public INamedTypeSymbol? AuthorizationFilter { get; }

    public INamedTypeSymbol? AsyncAuthorizationFilter { get; }

    /// <summary>
    /// False when no referenced assembly that can declare a controller or page-model base declares a type
    /// named <paramref name="simpleName"/>. Such a base derives from MVC's types, so its assembly is MVC's
    /// own or references it; <c>TimeProvider</c> or <c>HttpClientHandler</c> are ruled out from the
    /// assemblies' type-name sets, without binding a base list (a lookup in every namespace in scope of
    /// ~200 references, on every IDE keystroke).
    /// </summary>
    public bool MayDeclareControllerBase(string simpleName)
    {
        foreach (var assembly in MvcAwareReferences())
        {
            if (assembly.TypeNames.Contains(simpleName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The references that can declare a controller or page-model base: MVC's own assemblies and those that
    /// reference MVC. Found once per compilation, on first need (a dozen of ~200 references in an ASP.NET Core
    /// project), so that each base name is looked up in a dozen type-name sets, not in every reference's.
    /// </summary>
    private ImmutableArray<IAssemblySymbol> MvcAwareReferences()
    {
        if (_mvcAwareReferences.IsDefault)
        {
            var builder = ImmutableArray.CreateBuilder<IAssemblySymbol>();
            foreach (var assembly in Compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (IsMvcAssemblyName(assembly.Name) || ReferencesMvc(assembly))
                {
                    builder.Add(assembly);
                }
            }

            // A race computes the same list twice; ImmutableArray is a struct, so the write is one reference.
            _mvcAwareReferences = builder.ToImmutable();
        }

        return _mvcAwareReferences;
    }

    private static bool ReferencesMvc(IAssemblySymbol assembly)
    {
        foreach (var module in assembly.Modules)
        {
            foreach (var referenced in module.ReferencedAssemblies)
            {
                if (IsMvcAssemblyName(referenced.Name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsMvcAssemblyName(string name) => name.StartsWith("Microsoft.AspNetCore.Mvc", System.StringComparison.Ordinal);

    /// <summary><c>[assembly: ApiController]</c>: every controller of the assembly is an API controller.</summary>
    public bool AssemblyIsApiController { get; }

    /// <summary>True when the compilation can contain controllers (MVC is referenced).</summary>
    public bool HasMvc => ControllerBase is not null;

    /// <summary>True when the compilation can contain Minimal API endpoints (routing is referenced).</summary>
    public bool HasMinimalApis => EndpointRouteBuilderExtensions is not null;

    /// <summary>True when the compilation can contain Razor Pages.</summary>
    public bool HasRazorPages => PageModel is not null;

    /// <summary>
    /// The knowledge for <paramref name="compilation"/>, or null when it references neither MVC nor
    /// routing, so that non-web projects pay nothing for the security rules.
    /// </summary>
    public static AspNetCoreKnowledge? TryCreate(Compilation compilation)
    {
        var knowledge = new AspNetCoreKnowledge(compilation);
        return knowledge.HasMvc || knowledge.HasMinimalApis || knowledge.HasRazorPages ? knowledge : null;
    }

    /// <summary>True when <paramref name="type"/> is or implements <paramref name="interfaceType"/> (resolved) or the interface named <paramref name="fullName"/>.</summary>
    public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? interfaceType, string fullName)
    {
        if (type is null)
        {
            return false;
        }

        if (interfaceType is not null ? SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, interfaceType) : SymbolNames.IsType(type, fullName))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (interfaceType is not null
                ? SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, interfaceType)
                : SymbolNames.IsType(implemented, fullName))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsAuthorizeData(ITypeSymbol? type) => Implements(type, AuthorizeData, AspNetCoreTypeNames.AuthorizeData);

    public bool IsAllowAnonymous(ITypeSymbol? type) => Implements(type, AllowAnonymous, AspNetCoreTypeNames.AllowAnonymous);

    public bool IsAuthorizationFilter(ITypeSymbol? type) =>
        Implements(type, AuthorizationFilter, AspNetCoreTypeNames.AuthorizationFilter)
        || Implements(type, AsyncAuthorizationFilter, AspNetCoreTypeNames.AsyncAuthorizationFilter);

    public bool IsHttpMethodProvider(ITypeSymbol? type) => Implements(type, ActionHttpMethodProvider, AspNetCoreTypeNames.ActionHttpMethodProvider);

    public bool IsRouteTemplateProvider(ITypeSymbol? type) => Implements(type, RouteTemplateProvider, AspNetCoreTypeNames.RouteTemplateProvider);

    /// <summary><c>[ApiController]</c> or any attribute carrying the API behavior metadata.</summary>
    public bool IsApiBehaviorAttribute(ITypeSymbol? type) =>
        SymbolNames.IsType(type, AspNetCoreTypeNames.ApiControllerAttribute)
        || Implements(type, ApiBehaviorMetadata, AspNetCoreTypeNames.ApiBehaviorMetadata);

    private static bool HasApiControllerAttribute(ImmutableArray<AttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (SymbolNames.InheritsFromOrIs(attribute.AttributeClass, AspNetCoreTypeNames.ApiControllerAttribute))
            {
                return true;
            }
        }

        return false;
    }
}
