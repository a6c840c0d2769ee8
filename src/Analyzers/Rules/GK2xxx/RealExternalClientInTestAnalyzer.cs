using System;
using System.Collections.Immutable;
using Gatekeeper.Analyzers.Infrastructure;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.Analyzers.Options;
using Gatekeeper.Analyzers.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Gatekeeper.Analyzers.Rules;

/// <summary>
/// GK2002: test code (a test method, skipped or not, or a member of a test class or fixture, see
/// <see cref="TestCodeIndex"/>) that creates a client which reaches a real external service
/// (<see cref="ExternalClients"/>, plus <c>gatekeeper.GK2002.client_types</c>). Silent for tests
/// that say they are integration tests (<see cref="IntegrationTestMarkers"/>), for <c>HttpClient</c>s
/// over a stub handler, and for clients pointed at a stand-in the test runs itself (a Testcontainers
/// container, a WireMock server, the ASP.NET Core test server, a local <c>TcpListener</c>).
/// Reported on the <c>new</c> expression or the factory call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RealExternalClientInTestAnalyzer : GkDiagnosticAnalyzer
{
    /// <summary>Family named in the message for clients listed in <c>gatekeeper.GK2002.client_types</c>.</summary>
    public const string ConfiguredFamily = "external";

    /// <summary>More client types: full type names; constructing one of them (or a type derived from one) is reported.</summary>
    public static readonly NameListOption ClientTypesOption = new(OptionKeys.GK2002ClientTypes, ImmutableArray<string>.Empty);

    /// <summary>The words that mark integration tests; a configured list replaces the default one.</summary>
    public static readonly NameListOption IntegrationMarkersOption = new(OptionKeys.GK2002IntegrationMarkers, IntegrationTestMarkers.DefaultMarkers);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.GK2002_RealExternalClientInTest);

    /// <summary>
    /// Reported only on the creation or factory call being analyzed, which is generated code exactly when
    /// its document is (not analyzed) or its declaration is marked <c>[GeneratedCode]</c> (skipped by the rule):
    /// the driver's per-diagnostic check is redundant here.
    /// </summary>
    protected override GeneratedCodeAnalysisFlags GeneratedCodeAnalysis => GeneratedCodeAnalysisFlags.ReportDiagnostics;

    protected override void AnalyzeCompilation(CompilationStartAnalysisContext context)
    {
        var knowledge = TestFrameworkKnowledge.TryCreate(context.Compilation);
        if (knowledge is null)
        {
            return;
        }

        var index = new TestCodeIndex(context.Compilation, knowledge);
        var provider = context.Options.AnalyzerConfigOptionsProvider;
        var clientTypes = new OptionValueCache<ConfiguredClientTypes>(
            provider,
            ClientTypesOption.Key,
            raw => new ConfiguredClientTypes(ClientTypesOption.ParseOrDefault(raw)));
        var markers = new OptionValueCache<IntegrationTestMarkers>(
            provider,
            IntegrationMarkersOption.Key,
            raw => raw is null ? IntegrationTestMarkers.Default : new IntegrationTestMarkers(IntegrationMarkersOption.ParseOrDefault(raw)));
        var rule = new Rule(index, markers);
        var filter = new ClientCreationSyntax(context.Compilation);

        // One action per document: the calls and creations that may be clients are found from the text, and only those
        // are asked for their IOperation. A node action on every invocation and creation of a test project cost the driver
        // more than the rule's checks (docs/performance.md, fifteenth pass); an operation action would make the driver build
        // the IOperation tree of every method body.
        context.RegisterSemanticModelAction(document => AnalyzeDocument(document, rule, filter, clientTypes));
    }

    private static void AnalyzeDocument(SemanticModelAnalysisContext context, Rule rule, ClientCreationSyntax filter, OptionValueCache<ConfiguredClientTypes> clientTypes)
    {
        var model = context.SemanticModel;
        var configured = clientTypes.For(model.SyntaxTree).IsConfigured;
        foreach (var node in ClientCreationCandidates.In(model.SyntaxTree, filter, anyTypeMayBeClient: configured, context.CancellationToken))
        {
            var scope = new NodeScope(node, model, context.ReportDiagnostic, context.CancellationToken);
            if (node is InvocationExpressionSyntax invocation)
            {
                AnalyzeInvocation(invocation, scope, rule, filter);
            }
            else
            {
                AnalyzeCreation(scope, rule, filter, clientTypes, configured);
            }
        }
    }

    private static void AnalyzeCreation(NodeScope context, Rule rule, ClientCreationSyntax filter, OptionValueCache<ConfiguredClientTypes> clientTypes, bool configured)
    {
        // Syntax first: the name written for the type must end in "Client" (or be an alias) unless client types are configured,
        // so that a test creating no client is not bound for this rule. Then the type; the IOperation only for a client.
        if ((!configured && !filter.MayCreateTypeNamedClient(context.Node, context.CancellationToken))
            || context.SemanticModel.GetTypeInfo(context.Node, context.CancellationToken).Type is not INamedTypeSymbol candidate
            || !MayBeClient(candidate, context.Node.SyntaxTree, clientTypes)
            || OperationOf(context.SemanticModel.GetOperation(context.Node, context.CancellationToken)) is not IObjectCreationOperation creation
            || creation.Type is not INamedTypeSymbol type)
        {
            return;
        }

        // Every built-in client's name ends in "Client": the options are read only for other names.
        string? family = null;
        if (type.Name.EndsWith("Client", StringComparison.Ordinal))
        {
            family = ExternalClients.IsHttpClient(type)
                ? (HttpClientUsesNetwork(creation) ? "HTTP" : null)
                : ExternalClients.FamilyOfConstructedClient(type);
        }

        if (family is null && !ExternalClients.IsHttpClient(type) && clientTypes.For(creation.Syntax.SyntaxTree).Matches(type))
        {
            family = ConfiguredFamily;
        }

        if (family is not null && !ExternalClients.IsHandWrittenDouble(type))
        {
            rule.ReportIfTestCode(context, creation, family, type.Name);
        }
    }

    /// <summary>The filter of <see cref="AnalyzeCreation"/> on the type alone: a built-in client's name ends in "Client", other types must be configured.</summary>
    private static bool MayBeClient(INamedTypeSymbol type, SyntaxTree tree, OptionValueCache<ConfiguredClientTypes> clientTypes) =>
        type.Name.EndsWith("Client", StringComparison.Ordinal) || clientTypes.For(tree).Matches(type);

    /// <summary>The operation of a node, without the implicit conversions around it.</summary>
    private static IOperation? OperationOf(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static void AnalyzeInvocation(InvocationExpressionSyntax syntax, NodeScope context, Rule rule, ClientCreationSyntax filter)
    {
        var name = syntax.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };

        // Syntax first: a factory's name is written at the call, its library must be referenced (`Build()` is every builder's),
        // and a static factory is not called through a value (`_controller.Create(dto)`).
        if (!ExternalClients.IsFactoryMethodName(name)
            || !filter.MayBeFactoryCall(syntax, name, context.CancellationToken)
            || context.SemanticModel.GetOperation(syntax, context.CancellationToken) is not IInvocationOperation invocation)
        {
            return;
        }

        var method = invocation.TargetMethod;
        if (!ExternalClients.IsFactoryMethodName(method.Name) || ExternalClients.FamilyOfFactoryMethod(method) is not { } family)
        {
            return;
        }

        // WebRequest.Create("file:///…") reads a file.
        if (family == "HTTP" && invocation.Arguments.Length > 0
            && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string uri }
            && uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        rule.ReportIfTestCode(context, invocation, family, method.ContainingType.Name + "." + method.Name);
    }

    /// <summary><c>new HttpClient()</c> makes its own network handler; otherwise the handler given decides.</summary>
    private static bool HttpClientUsesNetwork(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            if (ExternalClients.IsHttpMessageHandler(argument.Parameter?.Type))
            {
                return HandlerUsesNetwork(argument.Value, depth: 0);
            }
        }

        return true;
    }

    /// <summary>
    /// True when the handler <paramref name="value"/> sends requests over the network: a network
    /// handler, or a delegating handler whose inner handler is one. Anything else (a stub, a mock,
    /// the test server's handler, an unknown <c>HttpMessageHandler</c>) is taken for a test double.
    /// </summary>
    private static bool HandlerUsesNetwork(IOperation value, int depth)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (ExternalClients.IsNetworkHandler(value.Type))
        {
            return true;
        }

        switch (value)
        {
            case IObjectCreationOperation creation when ExternalClients.IsDelegatingHandler(creation.Type) && depth < 4:
                foreach (var argument in creation.Arguments)
                {
                    if (ExternalClients.IsHttpMessageHandler(argument.Parameter?.Type) && HandlerUsesNetwork(argument.Value, depth + 1))
                    {
                        return true;
                    }
                }

                if (creation.Initializer is { } initializer)
                {
                    foreach (var member in initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "InnerHandler" } } assignment
                            && HandlerUsesNetwork(assignment.Value, depth + 1))
                        {
                            return true;
                        }
                    }
                }

                return false;
            case ILocalReferenceOperation local when depth < 4 && value.SemanticModel is { } model:
                // `HttpMessageHandler handler = new HttpClientHandler();`: the declaration tells.
                foreach (var reference in local.Local.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator
                        && declarator.SyntaxTree == model.SyntaxTree
                        && model.GetOperation(initial) is { } initialOperation
                        && HandlerUsesNetwork(initialOperation, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>The per-compilation state of the rule and the checks that decide whether to report.</summary>
    private sealed class Rule
    {
        private readonly TestCodeIndex _index;
        private readonly OptionValueCache<IntegrationTestMarkers> _markers;

        public Rule(TestCodeIndex index, OptionValueCache<IntegrationTestMarkers> markers)
        {
            _index = index;
            _markers = markers;
        }

        public void ReportIfTestCode(NodeScope context, IOperation creation, string family, string clientName)
        {
            if (context.SemanticModel.GetEnclosingSymbol(context.Node.SpanStart, context.CancellationToken) is not { } containing)
            {
                return;
            }

            // A document action sees generated declarations too: one marked [GeneratedCode] is skipped, as the driver would.
            var member = TestCodeIndex.EnclosingMember(containing);
            if (GeneratedCodeDeclarations.IsMarked(containing, context.Node)
                || !_index.IsTestCode(member, out var testType)
                || _index.IsIntegrationTestCode(member, testType, _markers.For(creation.Syntax.SyntaxTree))
                || ReferencesLocalStandIn(creation)
                || (testType is not null && _index.HoldsLocalServer(testType))
                || (family == "TCP" && UsesLocalListener(creation.Syntax)))
            {
                return;
            }

            context.Report(Diagnostic.Create(
                Descriptors.GK2002_RealExternalClientInTest,
                creation.Syntax.GetLocation(),
                clientName,
                family));
        }

        /// <summary>A client configured from a container, stub server or test server (<c>Connect(container.GetConnectionString())</c>).</summary>
        private static bool ReferencesLocalStandIn(IOperation creation)
        {
            foreach (var operation in creation.Descendants())
            {
                var symbol = operation switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IMemberReferenceOperation member => member.Member,
                    _ => null,
                };

                if (ExternalClients.IsLocalStandIn(symbol) || ExternalClients.IsLocalServerType(operation.Type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A test class that opens its own <c>TcpListener</c> talks to itself.</summary>
        private static bool UsesLocalListener(SyntaxNode creation)
        {
            foreach (var ancestor in creation.Ancestors())
            {
                if (ancestor is TypeDeclarationSyntax type)
                {
                    foreach (var token in type.DescendantTokens())
                    {
                        if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "TcpListener")
                        {
                            return true;
                        }
                    }

                    return false;
                }
            }

            return false;
        }
    }

    /// <summary>One candidate node of a document, with what its checks need.</summary>
    private readonly struct NodeScope
    {
        public NodeScope(SyntaxNode node, SemanticModel semanticModel, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            Node = node;
            SemanticModel = semanticModel;
            Report = report;
            CancellationToken = cancellationToken;
        }

        public SyntaxNode Node { get; }

        public SemanticModel SemanticModel { get; }

        public Action<Diagnostic> Report { get; }

        public System.Threading.CancellationToken CancellationToken { get; }
    }

    /// <summary>The client types of <c>gatekeeper.GK2002.client_types</c>: full names, matched with derived types.</summary>
    private sealed class ConfiguredClientTypes
    {
        private readonly ImmutableArray<string> _fullNames;

        public ConfiguredClientTypes(ImmutableArray<string> fullNames)
        {
            _fullNames = fullNames;
        }

        /// <summary>True when the option names at least one type.</summary>
        public bool IsConfigured => !_fullNames.IsDefaultOrEmpty;

        public bool Matches(INamedTypeSymbol type)
        {
            if (_fullNames.IsDefaultOrEmpty)
            {
                return false;
            }

            foreach (var name in _fullNames)
            {
                if (SymbolNames.InheritsFromOrIs(type, name))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
