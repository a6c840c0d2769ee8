using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Gatekeeper.Analyzers.Infrastructure;
using Gatekeeper.Analyzers.Options;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gatekeeper.Analyzers.Rules;

/// <summary>
/// GK1003: a DELETE / PUT / PATCH / POST endpoint that no authorization covers, or that is opened
/// with <c>[AllowAnonymous]</c> / <c>.AllowAnonymous()</c>, unless its name says it is anonymous by
/// design (login, register, token …). Controller actions and Razor Pages handlers are analyzed from
/// their declarations, Minimal API endpoints from their <c>Map*</c> calls, or from the handler's
/// declaration for a method-group / local-function handler. Reported on the handler method's name, or
/// on the <c>Map*</c> name for a lambda handler; one diagnostic per endpoint.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MutatingEndpointAllowsAnonymousAnalyzer : GkDiagnosticAnalyzer
{
    /// <summary>Diagnostic property: which fix applies (<see cref="KindController"/>, <see cref="KindMinimalApi"/>, <see cref="KindRazorPage"/>).</summary>
    public const string EndpointKindProperty = "GK1003.EndpointKind";

    /// <summary>Diagnostic property: "true" when <c>AllowAnonymous</c> opens the endpoint (the markers follow the anchor in the additional locations).</summary>
    public const string AllowsAnonymousProperty = "GK1003.AllowsAnonymous";

    public const string KindController = "Controller";
    public const string KindMinimalApi = "MinimalApi";
    public const string KindRazorPage = "RazorPage";

    /// <summary>The names of endpoints that are anonymous by design (RULES.md, GK1003).</summary>
    public static readonly ImmutableArray<string> DefaultAnonymousNames = ImmutableArray.Create(
        "login", "signin", "sign-in", "register", "signup", "sign-up", "token", "refresh", "forgot", "reset-password", "confirm", "webhook");

    /// <summary><c>gatekeeper.GK1003.anonymous_names</c>: replaces <see cref="DefaultAnonymousNames"/>.</summary>
    public static readonly NameListOption AnonymousNamesOption = new(OptionKeys.GK1003AnonymousNames, DefaultAnonymousNames);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.GK1003_MutatingEndpointAllowsAnonymous);

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

        var names = new OptionValueCache<AnonymousEndpointNames>(
            context.Options.AnalyzerConfigOptionsProvider,
            AnonymousNamesOption.Key,
            raw => new AnonymousEndpointNames(AnonymousNamesOption.ParseOrDefault(raw)));

        Action<SyntaxNodeAnalysisContext>? controllerAction = null;
        Action<SyntaxNodeAnalysisContext>? handlerDeclaration = null;
        if ((model.Knowledge.HasMvc || model.Knowledge.HasRazorPages) && !candidates.ClassDeclarations.IsEmpty)
        {
            controllerAction = nodeContext => AnalyzeMethod(nodeContext, model, names);
        }

        if (model.Knowledge.HasMinimalApis && candidates.HasMapCalls)
        {
            // A syntax action filtered by the Map* name, not an operation action: the driver then builds no
            // IOperation tree for the method bodies, and only the Map* calls get one (docs/performance.md).
            context.RegisterSyntaxNodeAction(nodeContext => AnalyzeInvocation(nodeContext, model, names), SyntaxKind.InvocationExpression);

            // A method-group / local-function handler is reported at its own name: from its declaration, so
            // that the IDE's per-document / per-span analysis (which drops diagnostics outside the analyzed
            // member) shows it.
            handlerDeclaration = nodeContext => AnalyzeHandlerDeclaration(nodeContext, model, names);
        }

        EndpointDeclarationActions.Register(context, controllerAction, handlerDeclaration);
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, EndpointModel model, OptionValueCache<AnonymousEndpointNames> names)
    {
        var declaration = (MethodDeclarationSyntax)context.Node;

        // Syntax first: a mutating action names its verb in an attribute (or inherits it by overriding);
        // a page handler is named On{Verb}…. Actions are public instance methods of classes. A partial action is analyzed
        // at its defining part, whose attributes may all sit on the implementing part.
        var isPartial = declaration.Modifiers.Any(SyntaxKind.PartialKeyword);
        if (declaration.Parent is not ClassDeclarationSyntax
            || !declaration.Modifiers.Any(SyntaxKind.PublicKeyword)
            || declaration.Modifiers.Any(SyntaxKind.StaticKeyword)
            || EndpointDeclarationActions.IsPartialImplementation(declaration)
            || (declaration.AttributeLists.Count == 0
                && !isPartial
                && !declaration.Modifiers.Any(SyntaxKind.OverrideKeyword)
                && !declaration.Identifier.ValueText.StartsWith("On", System.StringComparison.Ordinal)))
        {
            return;
        }

        if (!model.MayBeActionOrPageHandler(declaration, context.CancellationToken)
            || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } method
            || model.GetEndpoint(method, context.CancellationToken) is not { IsMutating: true } endpoint)
        {
            return;
        }

        Check(context.ReportDiagnostic, endpoint, model, names, declaration.SyntaxTree, context.CancellationToken);
    }

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context, EndpointModel model, OptionValueCache<AnonymousEndpointNames> names)
    {
        // Syntax first: only a call named like a mapping method of a changing verb (MapPost, MapDelete, …) can map one.
        var syntax = (InvocationExpressionSyntax)context.Node;
        if (!MinimalApiEndpoints.MayMapMutatingEndpoint(syntax)
            || model.GetMapEndpoint(syntax, context.SemanticModel, context.CancellationToken) is not { IsMutating: true } endpoint
            || EndpointModel.IsReportedAtHandlerDeclaration(endpoint))
        {
            return;
        }

        Check(context.ReportDiagnostic, endpoint, model, names, syntax.SyntaxTree, context.CancellationToken);
    }

    private static void AnalyzeHandlerDeclaration(SyntaxNodeAnalysisContext context, EndpointModel model, OptionValueCache<AnonymousEndpointNames> names)
    {
        foreach (var endpoint in model.GetEndpointsOfHandler(context.Node, context.CancellationToken))
        {
            if (endpoint.IsMutating && endpoint.MapInvocation is { } map)
            {
                Check(context.ReportDiagnostic, endpoint, model, names, map.SyntaxTree, context.CancellationToken);
            }
        }
    }

    private static void Check(
        System.Action<Diagnostic> report,
        Endpoint endpoint,
        EndpointModel model,
        OptionValueCache<AnonymousEndpointNames> names,
        SyntaxTree analyzedTree,
        System.Threading.CancellationToken cancellationToken)
    {
        var resolution = model.ResolveAuthorization(endpoint, cancellationToken);
        if (resolution.Verdict is not (AuthorizationVerdict.AllowsAnonymous or AuthorizationVerdict.NoAuthorization))
        {
            return;
        }

        if (names.For(endpoint.ReportLocation.SourceTree ?? analyzedTree).Matches(endpoint))
        {
            return;
        }

        var additionalLocations = new List<Location>(1 + resolution.AnonymousMarkers.Length) { AnchorLocation(endpoint) };
        foreach (var marker in resolution.AnonymousMarkers)
        {
            if (marker.Syntax is { } syntax)
            {
                additionalLocations.Add(syntax.GetLocation());
            }
        }

        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(EndpointKindProperty, endpoint.Kind switch
            {
                EndpointKind.MinimalApi => KindMinimalApi,
                EndpointKind.RazorPageHandler => KindRazorPage,
                _ => KindController,
            })
            .Add(AllowsAnonymousProperty, resolution.Verdict == AuthorizationVerdict.AllowsAnonymous ? "true" : "false");

        report(Diagnostic.Create(
            Descriptors.GK1003_MutatingEndpointAllowsAnonymous,
            endpoint.ReportLocation,
            additionalLocations,
            properties,
            HttpVerbNames.Format(endpoint.Verbs & HttpVerbs.Mutating),
            endpoint.DisplayName,
            Reason(endpoint, resolution)));
    }

    /// <summary>The Map* call of a Minimal API endpoint, else the declaration of the action / handler.</summary>
    private static Location AnchorLocation(Endpoint endpoint) =>
        endpoint.MapInvocation?.GetLocation() ?? endpoint.HandlerSyntax?.GetLocation() ?? endpoint.ReportLocation;

    private static string Reason(Endpoint endpoint, AuthorizationResolution resolution)
    {
        if (resolution.Verdict == AuthorizationVerdict.AllowsAnonymous && resolution.DecidedBy is { } marker)
        {
            var written = marker.Syntax is InvocationExpressionSyntax ? ".AllowAnonymous()" : "[AllowAnonymous]";
            var where = marker.Level switch
            {
                AuthorizationLevel.Controller => endpoint.Kind == EndpointKind.RazorPageHandler ? " on its page model" : " on its controller",
                AuthorizationLevel.BaseClass => " on a base class",
                AuthorizationLevel.Group => " on its route group",
                _ => string.Empty,
            };
            return written + where + " skips every authorization check";
        }

        return endpoint.Kind == EndpointKind.MinimalApi
            ? "no RequireAuthorization(), [Authorize] or fallback policy applies to it"
            : "no [Authorize], authorization filter or fallback policy applies to it";
    }
}
