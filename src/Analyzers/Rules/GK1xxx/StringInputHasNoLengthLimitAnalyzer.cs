using System;
using System.Collections.Immutable;
using System.Globalization;
using Gatekeeper.Analyzers.Infrastructure;
using Gatekeeper.Analyzers.Options;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Analyzers.Rules;

/// <summary>
/// GK1002: a string (or collection of strings) that an endpoint binds from the request has no length
/// (count) limit. Inputs come from <see cref="BoundInputs"/>: handler parameters bound from the route,
/// query, header, form or body, <c>[AsParameters]</c> members, and the members of body / form models
/// (nested models, collections of models and positional records included). Reported on the
/// declaration (property, positional record parameter, handler parameter) from its own syntax action,
/// so the diagnostic shows up in the document that declares the member; once per declaration, however
/// many endpoints bind it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StringInputHasNoLengthLimitAnalyzer : GkDiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the length (count) the fix writes.</summary>
    public const string MaxLengthProperty = "GK1002.MaxLength";

    /// <summary>Diagnostic property: <see cref="ShapeString"/> or <see cref="ShapeCollection"/>.</summary>
    public const string ShapeProperty = "GK1002.Shape";

    public const string ShapeString = "String";
    public const string ShapeCollection = "Collection";

    /// <summary>The length written when no name-based default applies and the option is not set.</summary>
    public const int DefaultMaxLength = 256;

    /// <summary>The item count the fix writes for a collection of strings.</summary>
    public const int DefaultMaxCount = 100;

    /// <summary><c>gatekeeper.GK1002.default_max_length</c>.</summary>
    public static readonly PositiveIntegerOption DefaultMaxLengthOption = new(OptionKeys.GK1002DefaultMaxLength, DefaultMaxLength);

    /// <summary><c>gatekeeper.GK1002.limit_attributes</c>: more attributes that count as a limit (none by default).</summary>
    public static readonly NameListOption LimitAttributesOption = new(OptionKeys.GK1002LimitAttributes, ImmutableArray<string>.Empty);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.GK1002_StringInputHasNoLengthLimit);

    /// <summary>
    /// The length the fix writes for a member named <paramref name="name"/>: email 254, URL / URI / link
    /// 2048, phone 32, long text (description, body, content, text, comment, notes, message, bio, summary)
    /// 4000, name / title 200, else <paramref name="fallback"/>. Matched case-insensitively on parts of
    /// the name, in that order (<c>CommentText</c> is long text, <c>EmailAddress</c> an email).
    /// </summary>
    public static int SuggestedLength(string name, int fallback)
    {
        if (Contains(name, "email") || Contains(name, "e_mail"))
        {
            return 254;
        }

        if (Contains(name, "url") || Contains(name, "uri") || Contains(name, "link") || Contains(name, "href") || Contains(name, "website"))
        {
            return 2048;
        }

        if (Contains(name, "phone") || Contains(name, "mobile") || Contains(name, "fax"))
        {
            return 32;
        }

        if (Contains(name, "description") || Contains(name, "body") || Contains(name, "content") || Contains(name, "text")
            || Contains(name, "comment") || Contains(name, "note") || Contains(name, "message") || Contains(name, "bio") || Contains(name, "summary"))
        {
            return 4000;
        }

        if (Contains(name, "name") || Contains(name, "title"))
        {
            return 200;
        }

        return fallback;
    }

    private static bool Contains(string name, string part) => name.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;

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

        // Where no class can be a controller or page model and no call can map an endpoint (a test project, a
        // class library), there is nothing to report: no action at all, so no callback per node on each keystroke.
        if (analysis.Model.GetCandidates(context.CancellationToken).IsEmpty)
        {
            return;
        }

        var provider = context.Options.AnalyzerConfigOptionsProvider;
        var settings = new OptionValueCache<Settings>(provider, DefaultMaxLengthOption.Key, raw => new Settings(DefaultMaxLengthOption.ParseOrDefault(raw)));
        var attributes = new OptionValueCache<LimitAttributes>(provider, LimitAttributesOption.Key, raw => new LimitAttributes(LimitAttributesOption.ParseOrDefault(raw)));

        // One action per document, not per node: the driver runs it once the compiler has finished the document, and in
        // a build that is after every symbol is declared. The compilation-wide input model reads the endpoints' symbols;
        // asked from the first property's node action, it declared them ahead of the compiler, inside this rule's time
        // (three quarters of the rule's time at 4×, eleventh pass of docs/performance.md).
        context.RegisterSemanticModelAction(document => AnalyzeDocument(document, analysis, settings, attributes));
    }

    private static void AnalyzeDocument(SemanticModelAnalysisContext context, InputAnalysis analysis, OptionValueCache<Settings> settings, OptionValueCache<LimitAttributes> attributes)
    {
        var tree = context.SemanticModel.SyntaxTree;
        var cancellationToken = context.CancellationToken;

        // Properties, records' and methods' parameters are members; only a lambda or local function handler is declared
        // inside a body, and it is passed to a Map* call in the same body: bodies are read only where a Map* call may be.
        var readBodies = CompilationSyntaxIndex.MayMapEndpoint(tree, cancellationToken);
        var scope = new DocumentScope(context.SemanticModel, context.ReportDiagnostic, cancellationToken);
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(readBodies ? MayHoldHandlerOrMember : MayHoldMember))
        {
            switch (node)
            {
                case PropertyDeclarationSyntax property:
                    AnalyzeProperty(property, scope, analysis, settings, attributes);
                    break;
                case ParameterSyntax parameter:
                    AnalyzeParameter(parameter, scope, analysis, settings, attributes);
                    break;
            }
        }
    }

    /// <summary>
    /// Where a property or a bound parameter list can be, outside bodies: types, their members and those members'
    /// parameter lists. Attributes, base lists, accessors, parameters' types and default values hold neither, and
    /// are a good share of a model's or controller's nodes.
    /// </summary>
    private static bool MayHoldMember(SyntaxNode node) =>
        node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or BaseMethodDeclarationSyntax or ParameterListSyntax;

    /// <summary>Also in bodies, where a lambda or local function handler is declared; attributes and usings hold no handler.</summary>
    private static bool MayHoldHandlerOrMember(SyntaxNode node) =>
        node is not (AttributeListSyntax or UsingDirectiveSyntax or BaseListSyntax);

    private static void AnalyzeProperty(PropertyDeclarationSyntax declaration, DocumentScope context, InputAnalysis analysis, OptionValueCache<Settings> settings, OptionValueCache<LimitAttributes> attributes)
    {
        // Syntax first: bound properties are public instance properties with accessors (not `=> …`).
        if (!declaration.Modifiers.Any(SyntaxKind.PublicKeyword) || declaration.Modifiers.Any(SyntaxKind.StaticKeyword) || declaration.AccessorList is null)
        {
            return;
        }

        if (context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } property)
        {
            return;
        }

        Check(context, declaration, property, property.Type, declaration.Identifier, analysis, settings, attributes);
    }

    private static void AnalyzeParameter(ParameterSyntax declaration, DocumentScope context, InputAnalysis analysis, OptionValueCache<Settings> settings, OptionValueCache<LimitAttributes> attributes)
    {
        if (declaration.Type is null || declaration.Parent is not ParameterListSyntax || !MayBeBound(declaration, analysis.Model, context.CancellationToken))
        {
            return;
        }

        if (context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } parameter)
        {
            return;
        }

        Check(context, declaration, parameter, parameter.Type, declaration.Identifier, analysis, settings, attributes);
    }

    /// <summary>
    /// Syntax only, before any symbol: the parameter lists that can declare a request-bound input are those
    /// of an action or page handler (a candidate class), a Minimal API handler (a lambda, or a method or
    /// local function passed by name to a <c>Map*</c> call) and a positional record (a model member).
    /// A service's or repository's parameters are none of these: no compilation-wide input model for them.
    /// </summary>
    private static bool MayBeBound(ParameterSyntax parameter, EndpointModel model, System.Threading.CancellationToken cancellationToken)
    {
        var candidates = model.GetCandidates(cancellationToken);
        return parameter.Parent?.Parent switch
        {
            MethodDeclarationSyntax method => model.MayBeActionOrPageHandler(method, cancellationToken) || model.MayBeHandlerName(method.Identifier.ValueText, cancellationToken),
            LocalFunctionStatementSyntax local => model.MayBeHandlerName(local.Identifier.ValueText, cancellationToken),
            ParenthesizedLambdaExpressionSyntax or AnonymousMethodExpressionSyntax => candidates.HasMapCalls,
            RecordDeclarationSyntax => true,
            _ => false,
        };
    }

    private static void Check(
        DocumentScope context,
        SyntaxNode declaration,
        ISymbol symbol,
        ITypeSymbol type,
        SyntaxToken identifier,
        InputAnalysis analysis,
        OptionValueCache<Settings> settings,
        OptionValueCache<LimitAttributes> attributes)
    {
        // Cheap before the compilation-wide inputs: only strings and string collections can be reported.
        if ((!BoundInputs.IsString(type) && !BoundInputs.IsStringCollection(type)) || GeneratedCodeDeclarations.IsMarked(symbol, declaration))
        {
            return;
        }

        var cancellationToken = context.CancellationToken;
        if (!analysis.Inputs(cancellationToken).TryGet(DeclarationKey.Of(declaration), out var input) || input.RouteBounded)
        {
            return;
        }

        var tree = declaration.SyntaxTree;
        var kind = input.Shape == BoundInputShape.String ? LimitKind.Length : LimitKind.Count;
        if (analysis.IsLimited(symbol, kind, attributes.For(tree).Names, cancellationToken))
        {
            return;
        }

        var length = kind == LimitKind.Length ? SuggestedLength(symbol.Name, settings.For(tree).DefaultMaxLength) : DefaultMaxCount;
        var lengthText = length.ToString(CultureInfo.InvariantCulture);
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(MaxLengthProperty, lengthText)
            .Add(ShapeProperty, kind == LimitKind.Length ? ShapeString : ShapeCollection);

        context.Report(Diagnostic.Create(
            Descriptors.GK1002_StringInputHasNoLengthLimit,
            identifier.GetLocation(),
            properties,
            symbol.Name,
            Describe(input),
            kind == LimitKind.Length ? "length" : "count",
            (kind == LimitKind.Length ? "StringLength(" : "MaxLength(") + lengthText + ")"));
    }

    /// <summary>What the checks of one document share: its model, where findings go, and the cancellation token.</summary>
    private sealed class DocumentScope
    {
        public DocumentScope(SemanticModel semanticModel, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            SemanticModel = semanticModel;
            Report = report;
            CancellationToken = cancellationToken;
        }

        public SemanticModel SemanticModel { get; }

        public System.Action<Diagnostic> Report { get; }

        public System.Threading.CancellationToken CancellationToken { get; }
    }

    private static string Describe(BoundInput input)
    {
        var what = input.Shape == BoundInputShape.String ? "string" : "string collection";
        if (input.IsModelMember)
        {
            return input.Source switch
            {
                BindingSource.Form => what + " of a model bound from the form",
                BindingSource.Body => what + " of a model bound from the request body",
                BindingSource.Query => what + " of a model bound from the query string",
                _ => what + " of a model bound from the request",
            };
        }

        return input.Source switch
        {
            BindingSource.Route => what + " bound from the route",
            BindingSource.Query => what + " bound from the query string",
            BindingSource.Header => what + " bound from a header",
            BindingSource.Form => what + " bound from the form",
            BindingSource.Body => what + " bound from the request body",
            _ => what + " bound from the request",
        };
    }

    private sealed class Settings
    {
        public Settings(int defaultMaxLength)
        {
            DefaultMaxLength = defaultMaxLength;
        }

        public int DefaultMaxLength { get; }
    }

    private sealed class LimitAttributes
    {
        public LimitAttributes(ImmutableArray<string> names)
        {
            Names = names;
        }

        public ImmutableArray<string> Names { get; }
    }
}
