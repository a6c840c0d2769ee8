using System;
using System.Collections.Immutable;
using System.Threading;
using Gatekeeper.Analyzers.Infrastructure;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.Analyzers.Options;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gatekeeper.Analyzers.Rules;

/// <summary>
/// GK1004: input limits that nothing validates.
/// <list type="bullet">
/// <item>A Minimal API endpoint binds a model (or a parameter) with limiting validation attributes, and
/// validation is not enabled for it: no <c>AddValidation()</c> in the compilation, no endpoint filter on
/// the endpoint or its groups, no explicit validation in the handler (<c>Validator.TryValidateObject</c>,
/// a FluentValidation <c>Validate*</c> call). Reported on the model parameter.</item>
/// <item>An action of a controller without <c>[ApiController]</c> binds such a model or parameter and never
/// consults <c>ModelState</c> (nor validates otherwise: an action filter, an <c>OnActionExecuting</c>
/// override, a global validation filter). Reported on the action's name.</item>
/// </list>
/// Limits are attributes that limit something (<c>[StringLength]</c>, <c>[MaxLength]</c>, <c>[Range]</c>,
/// <c>[RegularExpression]</c> …); <c>[Required]</c> alone does not count. One diagnostic per endpoint.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LimitNeverEnforcedAnalyzer : GkDiagnosticAnalyzer
{
    /// <summary>Diagnostic property: <see cref="KindController"/> or <see cref="KindMinimalApi"/>.</summary>
    public const string EndpointKindProperty = "GK1004.EndpointKind";

    public const string KindController = "Controller";
    public const string KindMinimalApi = "MinimalApi";

    /// <summary>Calls in a handler that validate explicitly (DataAnnotations, FluentValidation, MiniValidation).</summary>
    private static readonly string[] ValidationCalls =
    {
        "TryValidateObject", "ValidateObject", "TryValidateProperty", "TryValidateValue", "Validate", "ValidateAsync",
        "ValidateAndThrow", "ValidateAndThrowAsync", "TryValidate", "TryValidateAsync", "TryValidateModel",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.GK1004_LimitNeverEnforced);

    /// <summary>
    /// Reported only inside the declaration or call being analyzed, which is generated code exactly when
    /// it is not analyzed: the driver's per-diagnostic generated-code check is redundant (see the base class).
    /// </summary>
    protected override GeneratedCodeAnalysisFlags GeneratedCodeAnalysis => GeneratedCodeAnalysisFlags.ReportDiagnostics;

    protected override void AnalyzeCompilation(CompilationStartAnalysisContext context)
    {
        var analysis = InputAnalysis.TryCreate(context.Compilation);
        if (analysis is null)
        {
            return;
        }

        var model = analysis.Model;
        // Where no class can be a controller or page model and no call can map an endpoint (a test project, a
        // class library), there is nothing to report: no action at all, so no callback per node on each keystroke.
        var candidates = model.GetCandidates(context.CancellationToken);
        if (candidates.IsEmpty)
        {
            return;
        }

        var attributes = new OptionValueCache<LimitAttributeNames>(
            context.Options.AnalyzerConfigOptionsProvider,
            StringInputHasNoLengthLimitAnalyzer.LimitAttributesOption.Key,
            raw => new LimitAttributeNames(StringInputHasNoLengthLimitAnalyzer.LimitAttributesOption.ParseOrDefault(raw)));

        Action<SyntaxNodeAnalysisContext>? controllerAction = null;
        Action<SyntaxNodeAnalysisContext>? handlerDeclaration = null;
        if (model.Knowledge.HasMvc && !candidates.ClassDeclarations.IsEmpty)
        {
            var globalFilters = new LazyPerCompilation<object>(cancellationToken => HasGlobalValidationFilter(model.SyntaxIndex, cancellationToken) ? Yes : No);
            controllerAction = node => AnalyzeAction(node, analysis, attributes, globalFilters);
        }

        if (model.Knowledge.HasMinimalApis && candidates.HasMapCalls)
        {
            var validationEnabled = new LazyPerCompilation<object>(cancellationToken => EnablesValidation(analysis, cancellationToken) ? Yes : No);
            // A syntax action filtered by the Map* name, not an operation action (docs/performance.md).
            context.RegisterSyntaxNodeAction(node => AnalyzeMapCall(node, analysis, attributes, validationEnabled), SyntaxKind.InvocationExpression);

            // A method-group / local-function handler's parameter is reported from the handler's declaration, so
            // that the IDE's per-document / per-span analysis (which drops diagnostics outside the analyzed
            // member) shows it.
            handlerDeclaration = node => AnalyzeHandlerDeclaration(node, analysis, attributes, validationEnabled);
        }

        EndpointDeclarationActions.Register(context, controllerAction, handlerDeclaration);
    }

    private static readonly object Yes = new();
    private static readonly object No = new();

    // ---------------------------------------------------------------------------------------------
    // Controllers
    // ---------------------------------------------------------------------------------------------

    private static void AnalyzeAction(SyntaxNodeAnalysisContext context, InputAnalysis analysis, OptionValueCache<LimitAttributeNames> attributes, LazyPerCompilation<object> globalFilters)
    {
        var declaration = (MethodDeclarationSyntax)context.Node;
        if (declaration.Parent is not ClassDeclarationSyntax
            || declaration.ParameterList.Parameters.Count == 0
            || !declaration.Modifiers.Any(SyntaxKind.PublicKeyword)
            || declaration.Modifiers.Any(SyntaxKind.StaticKeyword)
            || EndpointDeclarationActions.IsPartialImplementation(declaration))
        {
            return;
        }

        var cancellationToken = context.CancellationToken;
        if (!analysis.Model.MayBeActionOrPageHandler(declaration, cancellationToken)
            || context.SemanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not { } method
            || analysis.Model.GetEndpoint(method, cancellationToken) is not { Kind: EndpointKind.ControllerAction, IsApiController: false } endpoint)
        {
            return;
        }

        var extra = attributes.For(declaration.SyntaxTree).Names;
        if (FirstLimitedParameter(endpoint, analysis, extra, modelsOnly: false) is null
            || ConsultsModelState(endpoint.HandlerBodySyntax(cancellationToken) ?? declaration)
            || ValidatesThroughFilters(method)
            || globalFilters.Get(cancellationToken) == Yes)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.GK1004_LimitNeverEnforced,
            endpoint.ReportLocation,
            ImmutableDictionary<string, string?>.Empty.Add(EndpointKindProperty, KindController),
            $"Action '{method.Name}'",
            "its controller has no [ApiController] and the action never checks ModelState.IsValid"));
    }

    /// <summary>The action reads <c>ModelState</c> (or validates explicitly).</summary>
    private static bool ConsultsModelState(SyntaxNode declaration)
    {
        foreach (var node in declaration.DescendantNodes())
        {
            if (node is IdentifierNameSyntax { Identifier.ValueText: "ModelState" })
            {
                return true;
            }

            if (node is InvocationExpressionSyntax invocation && SyntaxTreeIndex.InvokedName(invocation) is { } name && Array.IndexOf(ValidationCalls, name) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An action filter on the action, the controller or a base class (a <c>[ValidateModel]</c> attribute,
    /// any <c>IActionFilter</c>), or an <c>OnActionExecuting</c> override in the controller hierarchy.
    /// </summary>
    private static bool ValidatesThroughFilters(IMethodSymbol action)
    {
        if (HasValidationFilter(action.GetAttributes()))
        {
            return true;
        }

        for (var type = action.ContainingType; type is not null; type = type.BaseType)
        {
            if (HasValidationFilter(type.GetAttributes()))
            {
                return true;
            }

            if (type.Locations.Length > 0 && type.Locations[0].IsInSource
                && (!type.GetMembers("OnActionExecuting").IsEmpty || !type.GetMembers("OnActionExecutionAsync").IsEmpty))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasValidationFilter(ImmutableArray<AttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is not { } type)
            {
                continue;
            }

            // A validation filter of the team's own; the framework's [ValidateAntiForgeryToken] validates
            // a token, not the model.
            if (type.Name.IndexOf("Valid", StringComparison.Ordinal) >= 0 && !SymbolNames.IsInNamespace(type.ContainingNamespace, "Microsoft.AspNetCore"))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.Name is "IActionFilter" or "IAsyncActionFilter" && SymbolNames.IsInNamespace(implemented.ContainingNamespace, "Microsoft.AspNetCore.Mvc.Filters")
                    && !SymbolNames.IsInNamespace(type.ContainingNamespace, "Microsoft.AspNetCore"))
                {
                    return true;
                }
            }

            // [ServiceFilter(typeof(ValidateModelFilter))], [TypeFilter(typeof(…))].
            if (AttributeArguments.ConstructorType(attribute, 0) is { } filterType && filterType.Name.IndexOf("Valid", StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>options.Filters.Add&lt;ValidateModelFilter&gt;()</c> or any filter named like validation, registered globally.</summary>
    private static bool HasGlobalValidationFilter(CompilationSyntaxIndex index, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "Add", "AddService" })
        {
            foreach (var invocation in index.InvocationsNamed(name, alsoNamed: "Filters", cancellationToken))
            {
                if (invocation.Expression is MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Filters" } }
                    && invocation.ToString() is var text
                    && text.IndexOf("Valid", StringComparison.OrdinalIgnoreCase) >= 0
                    && text.IndexOf("Antiforgery", StringComparison.OrdinalIgnoreCase) < 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // Minimal APIs
    // ---------------------------------------------------------------------------------------------

    private static void AnalyzeMapCall(SyntaxNodeAnalysisContext context, InputAnalysis analysis, OptionValueCache<LimitAttributeNames> attributes, LazyPerCompilation<object> validationEnabled)
    {
        var model = analysis.Model;
        var cancellationToken = context.CancellationToken;
        var syntax = (InvocationExpressionSyntax)context.Node;
        if (model.GetMapEndpoint(syntax, context.SemanticModel, cancellationToken) is not { } endpoint
            || EndpointModel.IsReportedAtHandlerDeclaration(endpoint))
        {
            return;
        }

        CheckMapCall(context.ReportDiagnostic, endpoint, syntax.SyntaxTree, analysis, attributes, validationEnabled, cancellationToken);
    }

    private static void AnalyzeHandlerDeclaration(SyntaxNodeAnalysisContext context, InputAnalysis analysis, OptionValueCache<LimitAttributeNames> attributes, LazyPerCompilation<object> validationEnabled)
    {
        foreach (var endpoint in analysis.Model.GetEndpointsOfHandler(context.Node, context.CancellationToken))
        {
            if (endpoint.MapInvocation is { } map)
            {
                CheckMapCall(context.ReportDiagnostic, endpoint, map.SyntaxTree, analysis, attributes, validationEnabled, context.CancellationToken);
            }
        }
    }

    private static void CheckMapCall(
        Action<Diagnostic> report,
        Endpoint endpoint,
        SyntaxTree mapTree,
        InputAnalysis analysis,
        OptionValueCache<LimitAttributeNames> attributes,
        LazyPerCompilation<object> validationEnabled,
        CancellationToken cancellationToken)
    {
        if (endpoint is not { Handler: { Parameters.Length: > 0 } } || endpoint.HasEndpointFilters)
        {
            return;
        }

        var extra = attributes.For(mapTree).Names;
        if (FirstLimitedParameter(endpoint, analysis, extra, modelsOnly: true) is not { } parameter
            || parameter.Locations.Length == 0
            || HandlerValidates(endpoint.HandlerBodySyntax(cancellationToken))
            || validationEnabled.Get(cancellationToken) == Yes)
        {
            return;
        }

        report(Diagnostic.Create(
            Descriptors.GK1004_LimitNeverEnforced,
            parameter.Locations[0],
            ImmutableDictionary<string, string?>.Empty.Add(EndpointKindProperty, KindMinimalApi),
            $"Parameter '{parameter.Name}' of endpoint '{endpoint.DisplayName}'",
            "the project never calls AddValidation(), and the endpoint has no endpoint filter and validates nothing itself"));
    }

    private static bool HandlerValidates(SyntaxNode? handler)
    {
        if (handler is null)
        {
            return false;
        }

        foreach (var node in handler.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation && SyntaxTreeIndex.InvokedName(invocation) is { } name && Array.IndexOf(ValidationCalls, name) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>services.AddValidation()</c> (.NET 10's Minimal API validation) or a FluentValidation auto-validation
    /// hook for endpoints (<c>AddFluentValidationAutoValidation()</c>) anywhere in the compilation.
    /// MVC's <c>IClientModelValidator.AddValidation(context)</c> is a different method and does not count.
    /// </summary>
    private static bool EnablesValidation(InputAnalysis analysis, CancellationToken cancellationToken)
    {
        var index = analysis.Model.SyntaxIndex;
        foreach (var _ in index.InvocationsNamed("AddFluentValidationAutoValidation", cancellationToken))
        {
            return true;
        }

        foreach (var invocation in index.InvocationsNamed("AddValidation", cancellationToken))
        {
            var symbol = analysis.Models.For(invocation.SyntaxTree).GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol;
            if (symbol is not null)
            {
                var extension = symbol.ReducedFrom ?? symbol;
                if (extension.IsExtensionMethod && extension.Parameters.Length > 0 && extension.Parameters[0].Type.Name == "IServiceCollection")
                {
                    return true;
                }
            }
            else if (invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver }
                && receiver.ToString().EndsWith("ervices", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // Shared
    // ---------------------------------------------------------------------------------------------

    /// <summary>
    /// The first request-bound parameter whose model (or itself) carries a limiting attribute; models before
    /// simple parameters. Minimal APIs ask for body / form models only (RULES.md: "a Minimal API body model"):
    /// a limit on a simple or [AsParameters] parameter is left to GK1002's reading of limits, which keeps
    /// GK1004 to the case the contract names.
    /// </summary>
    private static IParameterSymbol? FirstLimitedParameter(Endpoint endpoint, InputAnalysis analysis, ImmutableArray<string> extra, bool modelsOnly)
    {
        IParameterSymbol? simple = null;
        foreach (var parameter in endpoint.Parameters)
        {
            if (!parameter.IsFromRequest || parameter.Source == BindingSource.Custom)
            {
                continue;
            }

            var symbol = parameter.Symbol;
            var isModel = parameter.Source is BindingSource.Body or BindingSource.Form or BindingSource.ModelBinding;
            if (modelsOnly && !isModel)
            {
                continue;
            }

            if (!ParameterBinding.IsSimple(symbol.Type) && analysis.ModelHasLimits(symbol.Type, extra))
            {
                return symbol;
            }

            if (!modelsOnly && simple is null && InputAnalysis.HasEnforceableLimit(symbol, extra))
            {
                simple = symbol;
            }
        }

        return simple;
    }

    private sealed class LimitAttributeNames
    {
        public LimitAttributeNames(ImmutableArray<string> names)
        {
            Names = names;
        }

        public ImmutableArray<string> Names { get; }
    }
}
