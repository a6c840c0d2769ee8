using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Gatekeeper.Analyzers.Infrastructure;
using Gatekeeper.Analyzers.Security.Ownership;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gatekeeper.Analyzers.Rules;

/// <summary>
/// GK1001: an endpoint that removes or updates a resource addressed by an identifier from the
/// request (route, query, body) with no ownership evidence: no comparison between a current-user
/// value and another value, no resource-based authorization, no call scoped by the current user,
/// no administrative role / policy, and no followed callee (1–2 calls deep) with such evidence.
/// Entities without an owner-like member are not reported. Controller actions and Razor Pages
/// handlers are analyzed from their declarations, Minimal API endpoints from their <c>Map*</c> calls, or
/// from the handler's declaration for a method-group / local-function handler (reported at its name).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OwnershipCheckMissingAnalyzer : GkDiagnosticAnalyzer
{
    /// <summary>Diagnostic property: <see cref="KindController"/>, <see cref="KindMinimalApi"/> or <see cref="KindRazorPage"/>.</summary>
    public const string EndpointKindProperty = "GK1001.EndpointKind";

    /// <summary>Diagnostic property: <see cref="ShapeLoadedResource"/>, <see cref="ShapeQuery"/> or <see cref="ShapeOther"/>.</summary>
    public const string ShapeProperty = "GK1001.Shape";

    /// <summary>Diagnostic property: the name of the local holding the loaded resource (shape LoadedResource).</summary>
    public const string ResourceLocalProperty = "GK1001.ResourceLocal";

    /// <summary>Diagnostic property: the entity's owner member.</summary>
    public const string OwnerMemberProperty = "GK1001.OwnerMember";

    public const string KindController = "Controller";
    public const string KindMinimalApi = "MinimalApi";
    public const string KindRazorPage = "RazorPage";

    public const string ShapeLoadedResource = "LoadedResource";
    public const string ShapeQuery = "Query";
    public const string ShapeOther = "Other";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.GK1001_OwnershipCheckMissing);

    /// <summary>
    /// Reported only inside the declaration or call being analyzed, which is generated code exactly when
    /// it is not analyzed: the driver's per-diagnostic generated-code check is redundant (see the base class).
    /// </summary>
    protected override GeneratedCodeAnalysisFlags GeneratedCodeAnalysis => GeneratedCodeAnalysisFlags.ReportDiagnostics;

    protected override void AnalyzeCompilation(CompilationStartAnalysisContext context)
    {
        var model = EndpointModel.TryCreate(context.Compilation);
        if (model is null)
        {
            return;
        }

        // Where no class can be a controller or page model and no call can map an endpoint (a test project, a
        // class library), there is nothing to report: no action at all, so no callback per node on each keystroke.
        var candidates = model.GetCandidates(context.CancellationToken);
        if (candidates.IsEmpty)
        {
            return;
        }

        var facts = new OwnershipFacts(context.Compilation, model);
        var settings = new OwnershipSettings.Cache(context.Options.AnalyzerConfigOptionsProvider);

        Action<SyntaxNodeAnalysisContext>? controllerAction = null;
        Action<SyntaxNodeAnalysisContext>? handlerDeclaration = null;
        if ((model.Knowledge.HasMvc || model.Knowledge.HasRazorPages) && !candidates.ClassDeclarations.IsEmpty)
        {
            controllerAction = nodeContext => AnalyzeMethod(nodeContext, facts, settings);
        }

        if (model.Knowledge.HasMinimalApis && candidates.HasMapCalls)
        {
            // A syntax action filtered by the Map* name, not an operation action: the driver then builds no
            // IOperation tree for the method bodies, and only the Map* calls get one (docs/performance.md).
            context.RegisterSyntaxNodeAction(nodeContext => AnalyzeInvocation(nodeContext, facts, settings), SyntaxKind.InvocationExpression);

            // A method-group / local-function handler is reported at its own name: from its declaration, so
            // that the IDE's per-document / per-span analysis (which drops diagnostics outside the analyzed
            // member) shows it.
            handlerDeclaration = nodeContext => AnalyzeHandlerDeclaration(nodeContext, facts, settings);
        }

        EndpointDeclarationActions.Register(context, controllerAction, handlerDeclaration);
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, OwnershipFacts facts, OwnershipSettings.Cache settings)
    {
        // A partial action is analyzed at its defining part, which has no body (Check reads the implementing part's).
        var declaration = (MethodDeclarationSyntax)context.Node;
        var isPartial = declaration.Modifiers.Any(SyntaxKind.PartialKeyword);
        if (declaration.Parent is not ClassDeclarationSyntax
            || EndpointDeclarationActions.IsPartialImplementation(declaration)
            || (!isPartial && declaration.Body is null && declaration.ExpressionBody is null)
            || !declaration.Modifiers.Any(SyntaxKind.PublicKeyword)
            || declaration.Modifiers.Any(SyntaxKind.StaticKeyword)
            || (declaration.AttributeLists.Count == 0
                && !isPartial
                && !declaration.Modifiers.Any(SyntaxKind.OverrideKeyword)
                && !declaration.Identifier.ValueText.StartsWith("On", StringComparison.Ordinal)))
        {
            return;
        }

        if (!facts.Model.MayBeActionOrPageHandler(declaration, context.CancellationToken)
            || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } method
            || facts.Model.GetEndpoint(method, context.CancellationToken) is not { IsMutating: true } endpoint)
        {
            return;
        }

        Check(context.ReportDiagnostic, endpoint, facts, settings.For(declaration.SyntaxTree), context.SemanticModel, context.CancellationToken);
    }

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context, OwnershipFacts facts, OwnershipSettings.Cache settings)
    {
        var syntax = (InvocationExpressionSyntax)context.Node;
        if (!MinimalApiEndpoints.MayMapMutatingEndpoint(syntax)
            || facts.Model.GetMapEndpoint(syntax, context.SemanticModel, context.CancellationToken) is not { IsMutating: true } endpoint
            || EndpointModel.IsReportedAtHandlerDeclaration(endpoint))
        {
            return;
        }

        Check(context.ReportDiagnostic, endpoint, facts, settings.For(syntax.SyntaxTree), context.SemanticModel, context.CancellationToken);
    }

    private static void AnalyzeHandlerDeclaration(SyntaxNodeAnalysisContext context, OwnershipFacts facts, OwnershipSettings.Cache settings)
    {
        foreach (var endpoint in facts.Model.GetEndpointsOfHandler(context.Node, context.CancellationToken))
        {
            if (endpoint.IsMutating && endpoint.MapInvocation is { } map)
            {
                // The options of the Map* call's tree, as when the endpoint was analyzed from there.
                Check(context.ReportDiagnostic, endpoint, facts, settings.For(map.SyntaxTree), context.SemanticModel, context.CancellationToken);
            }
        }
    }

    private static void Check(
        Action<Diagnostic> report,
        Endpoint endpoint,
        OwnershipFacts facts,
        OwnershipSettings settings,
        SemanticModel? semanticModel,
        CancellationToken cancellationToken)
    {
        if (endpoint.HandlerSyntax is not { } handlerSyntax || IsAdministrativeOrOwnerGuarded(endpoint, settings))
        {
            return;
        }

        // Every mutation the flow reports is addressed by a request value, and request values start at the handler's
        // parameters: with no identifier or id-carrying model among them (a typical POST that creates), the flow cannot
        // find one. Decided before the body's operation tree is built, which is most of what a check costs.
        var roles = Roles(endpoint, settings);
        if (!roles.ContainsValue(ParameterRole.RequestId) && !roles.ContainsValue(ParameterRole.RequestModel))
        {
            return;
        }

        if (endpoint.HandlerBodySyntax(cancellationToken) is not { } bodySyntax
            || facts.BodyOf(bodySyntax, semanticModel, cancellationToken) is not { } operation
            || Body(operation, facts, bodySyntax, cancellationToken) is not ({ } body, { } symbol))
        {
            return;
        }

        var flow = new MethodFlow(facts, settings, symbol, parameter => roles.TryGetValue(parameter.Name, out var role) ? role : ParameterRole.Other, OwnershipFacts.MaxDepth, cancellationToken);
        var summary = flow.Analyze(body);
        if (summary.HasEvidence || summary.Mutation is not { } mutation)
        {
            return;
        }

        var entity = OwnershipFacts.Unwrap(mutation.Entity);
        if (OwnershipFacts.OwnerMember(entity, settings) is not { } owner || entity is null || facts.HasOwnerQueryFilter(entity, owner, cancellationToken))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(EndpointKindProperty, endpoint.Kind switch
            {
                EndpointKind.MinimalApi => KindMinimalApi,
                EndpointKind.RazorPageHandler => KindRazorPage,
                _ => KindController,
            })
            .Add(ShapeProperty, mutation.Shape switch
            {
                MutationShape.LoadedResource => ShapeLoadedResource,
                MutationShape.Query => ShapeQuery,
                _ => ShapeOther,
            })
            .Add(ResourceLocalProperty, mutation.Resource?.Name)
            .Add(OwnerMemberProperty, owner.Name);

        report(Diagnostic.Create(
            Descriptors.GK1001_OwnershipCheckMissing,
            endpoint.ReportLocation,
            new[] { mutation.Site.GetLocation() },
            properties,
            endpoint.DisplayName,
            mutation.IsDelete ? "deletes" : "updates",
            entity.Name,
            owner.Name));
    }

    private static (IOperation? Body, IMethodSymbol? Symbol) Body(IOperation operation, OwnershipFacts facts, SyntaxNode handlerSyntax, CancellationToken cancellationToken) =>
        operation switch
        {
            IAnonymousFunctionOperation lambda => (lambda.Body, lambda.Symbol),
            ILocalFunctionOperation local => ((IOperation?)local.Body ?? local.IgnoredBody, local.Symbol),
            IMethodBodyOperation method => (method, facts.ModelFor(handlerSyntax.SyntaxTree).GetDeclaredSymbol(handlerSyntax, cancellationToken) as IMethodSymbol),
            _ => (null, null),
        };

    private static Dictionary<string, ParameterRole> Roles(Endpoint endpoint, OwnershipSettings settings)
    {
        var roles = new Dictionary<string, ParameterRole>(StringComparer.Ordinal);
        foreach (var parameter in endpoint.Parameters)
        {
            var symbol = parameter.Symbol;
            var type = symbol.Type;
            ParameterRole role;
            if (!parameter.IsFromRequest)
            {
                role = MethodFlow.IsPrincipalType(type) || settings.IsCurrentUserName(symbol.Name) || settings.IsCurrentUserName(type.Name)
                    ? ParameterRole.User
                    : ParameterRole.Other;
            }
            else if (MethodFlow.IsSimpleType(type) || type is IArrayTypeSymbol)
            {
                role = parameter.Source == BindingSource.Route || MethodFlow.IsIdLike(symbol.Name) || MethodFlow.IsIdLike(parameter.BindingName)
                    ? ParameterRole.RequestId
                    : ParameterRole.Other;
            }
            else
            {
                role = HasIdMember(type) ? ParameterRole.RequestModel : ParameterRole.Other;
            }

            roles[symbol.Name] = role;
        }

        return roles;
    }

    private static bool HasIdMember(ITypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol or IFieldSymbol && !member.IsStatic && MethodFlow.IsIdLike(member.Name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Administrative roles / policies on any level, a policy or attribute named for ownership
    /// (<c>[Authorize(Policy = "NoteOwner")]</c>, <c>[ServiceFilter(typeof(OwnerOnlyFilter))]</c>).
    /// </summary>
    private static bool IsAdministrativeOrOwnerGuarded(Endpoint endpoint, OwnershipSettings settings)
    {
        // An administrative route (api/admin/notes/{id}) or area ([Area("Admin")]).
        foreach (var template in endpoint.RouteTemplates)
        {
            foreach (var segment in template.Split('/'))
            {
                if (segment.Length > 0 && segment[0] != '{' && settings.IsAdministrative(segment))
                {
                    return true;
                }
            }
        }

        foreach (var attribute in endpoint.ContainingType?.GetAttributes() ?? ImmutableArray<AttributeData>.Empty)
        {
            if (attribute.AttributeClass?.Name == "AreaAttribute" && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string area && settings.IsAdministrative(area))
            {
                return true;
            }
        }

        foreach (var metadata in endpoint.AllAuthorization())
        {
            if (metadata.Kind != AuthorizationKind.Require)
            {
                continue;
            }

            foreach (var role in metadata.Roles)
            {
                if (settings.IsAdministrative(role))
                {
                    return true;
                }
            }

            foreach (var policy in metadata.Policies)
            {
                if (settings.IsAdministrative(policy) || policy.IndexOf("owner", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }
        }

        return HasOwnerAttribute(endpoint.Handler?.GetAttributes())
            || HasOwnerAttribute(endpoint.ContainingType?.GetAttributes())
            || HasOwnerEndpointFilter(endpoint.MapInvocation);
    }

    /// <summary><c>MapDelete(…).AddEndpointFilter&lt;NoteOwnerFilter&gt;()</c>: a filter named for ownership.</summary>
    private static bool HasOwnerEndpointFilter(InvocationExpressionSyntax? map)
    {
        for (SyntaxNode? node = map; node?.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax outer } access; node = outer)
        {
            if (access.Name.Identifier.ValueText.StartsWith("AddEndpointFilter", StringComparison.Ordinal)
                && outer.ToString().IndexOf("Owner", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasOwnerAttribute(ImmutableArray<AttributeData>? attributes)
    {
        if (attributes is not { } list)
        {
            return false;
        }

        foreach (var attribute in list)
        {
            if (attribute.AttributeClass?.Name.IndexOf("Owner", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            foreach (var argument in attribute.ConstructorArguments)
            {
                if (argument.Kind == TypedConstantKind.Type && argument.Value is ITypeSymbol filter && filter.Name.IndexOf("Owner", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
