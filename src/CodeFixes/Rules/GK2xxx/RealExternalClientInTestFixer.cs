using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gatekeeper.Analyzers;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.CodeFixes.Rules;

/// <summary>
/// GK2002: replaces a real external client in test code with a test double.
/// <list type="bullet">
/// <item>A service client (AWS, Azure, Redis, RabbitMQ, Kafka, MongoDB, MailKit) becomes a double from
/// the mocking library the project references — Moq <c>new Mock&lt;IAmazonS3&gt;().Object</c>, NSubstitute
/// <c>Substitute.For&lt;IAmazonS3&gt;()</c>, FakeItEasy <c>A.Fake&lt;IAmazonS3&gt;()</c> — of the interface the
/// target expects: the declared interface type, else the interface the SDK pairs with the client
/// (<see cref="ExternalClients.ServiceInterfaceOf"/>; a declaration typed as the client class is retyped
/// to it), else the client class itself when the SDK designs it for mocking (Azure).</item>
/// <item>An <c>HttpClient</c> is built over RichardSzalay.MockHttp's <c>MockHttpMessageHandler</c> when the
/// project references it, otherwise over a <c>StubHttpMessageHandler</c> that the fix adds once per
/// project (next to the test class) or reuses.</item>
/// </list>
/// No fix is offered when no mocking library is referenced (HttpClient aside), when no interface
/// fits (System.Net.Mail's <c>SmtpClient</c>, <c>TcpClient</c>, <c>WebClient</c>, <c>WebRequest</c>), when the
/// code does not compile yet, or when the changed code would not compile.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RealExternalClientInTestFixer)), Shared]
public sealed class RealExternalClientInTestFixer : GkCodeFixProvider
{
    /// <summary>The equivalence key of the "replace with a test double" action (Fix All applies it everywhere).</summary>
    public const string EquivalenceKey = "GK2002.ReplaceWithTestDouble";

    /// <summary>The name of the handler class the fix adds when the project has none.</summary>
    public const string StubHandlerName = "StubHttpMessageHandler";

    public RealExternalClientInTestFixer()
        : base(RuleIds.RealExternalClientInTest)
    {
    }

    /// <summary>
    /// Fix All applies one fix after another, each on the solution the previous one left, so the
    /// stub handler is added once per project however many clients are fixed.
    /// </summary>
    public override FixAllProvider? GetFixAllProvider() => SequentialFixAll.Instance;

    protected override async Task RegisterFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id != RuleIds.RealExternalClientInTest)
            {
                continue;
            }

            var span = diagnostic.Location.SourceSpan;
            var fix = await CreateFixAsync(context.Document, root => ClientAt(root, span), context.CancellationToken).ConfigureAwait(false);
            if (fix is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(fix.Value.Title, _ => Task.FromResult(fix.Value.Document), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>The reported <c>new</c> expression or factory call.</summary>
    private static ExpressionSyntax? ClientAt(SyntaxNode root, TextSpan span)
    {
        if (!root.FullSpan.Contains(span))
        {
            return null;
        }

        for (SyntaxNode? node = root.FindNode(span, getInnermostNodeForTie: true); node is not null; node = node.Parent)
        {
            if (node.Span == span && node is BaseObjectCreationExpressionSyntax or InvocationExpressionSyntax)
            {
                return (ExpressionSyntax)node;
            }

            if (node.Span.Length > span.Length)
            {
                break;
            }
        }

        return null;
    }

    private static async Task<(string Title, Document Document)?> CreateFixAsync(
        Document document,
        Func<SyntaxNode, ExpressionSyntax?> findClient,
        CancellationToken cancellationToken)
    {
        if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root
            || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model
            || findClient(root) is not { } client
            || client.ContainsDiagnostics)
        {
            return null;
        }

        // Half-typed code: nothing can be promised about a member that does not compile yet.
        var member = client.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (member is null || model.GetDiagnostics(member.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        var plan = client is BaseObjectCreationExpressionSyntax creation && ExternalClients.IsHttpClient(model.GetTypeInfo(creation, cancellationToken).Type)
            ? PlanHttpClient(creation, root, model, cancellationToken)
            : PlanServiceDouble(client, root, model, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var errorsBefore = model.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        foreach (var qualify in new[] { false, true })
        {
            var names = new TypeNames(model, client.SpanStart, qualify);
            if (plan.Apply(names) is not { } edited)
            {
                return null;
            }

            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var layout = TextLayout.For(text, root, document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree));
            var newRoot = UsingDirectives.Add(edited, names.Imports, layout);
            var newDocument = document.WithSyntaxRoot(newRoot);
            if (await CompilesAsWellAsync(newDocument, errorsBefore, cancellationToken).ConfigureAwait(false))
            {
                return (plan.Title, newDocument);
            }

            if (names.Imports.Count == 0)
            {
                break;
            }
        }

        return null;
    }

    private static async Task<bool> CompilesAsWellAsync(Document document, int errorsBefore, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return model is not null
            && model.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error) <= errorsBefore;
    }

    // ---- HttpClient: over a stub handler ----

    private static Plan? PlanHttpClient(BaseObjectCreationExpressionSyntax creation, CompilationUnitSyntax root, SemanticModel model, CancellationToken cancellationToken)
    {
        var compilation = model.Compilation;
        if (compilation.GetTypeByMetadataName("RichardSzalay.MockHttp.MockHttpMessageHandler") is { } mockHttp)
        {
            return new Plan(
                "Send the HttpClient's requests to MockHttpMessageHandler",
                names =>
                {
                    var handler = "new " + names.Of(mockHttp) + "()";
                    if (creation.Initializer is null)
                    {
                        var replacement = SyntaxFactory.ParseExpression(handler + ".ToHttpClient()").WithTriviaFrom(creation);
                        return root.ReplaceNode(creation, replacement);
                    }

                    return root.ReplaceNode(creation, WithHandler(creation, handler));
                });
        }

        var stub = ExistingStubHandler(compilation, cancellationToken, out var nameTaken);
        if (stub is null && nameTaken)
        {
            // Something else is called StubHttpMessageHandler: do not guess.
            return null;
        }

        return new Plan(
            "Send the HttpClient's requests to a stub handler",
            names =>
            {
                if (stub is not null)
                {
                    return root.ReplaceNode(creation, WithHandler(creation, "new " + names.Of(stub) + "()"));
                }

                var outerType = creation.Ancestors().OfType<BaseTypeDeclarationSyntax>().LastOrDefault();
                if (outerType is null || !names.CanUseSimpleNames(StubHandlerNamespaces, outerType.Span.End))
                {
                    return null;
                }

                var annotation = new SyntaxAnnotation();
                var withHandler = root.ReplaceNodes(
                    new SyntaxNode[] { creation, outerType },
                    (original, rewritten) => original == creation
                        ? WithHandler((BaseObjectCreationExpressionSyntax)rewritten, "new " + StubHandlerName + "()")
                        : rewritten.WithAdditionalAnnotations(annotation));
                var annotatedType = withHandler.GetAnnotatedNodes(annotation).OfType<BaseTypeDeclarationSyntax>().Single();
                var layout = TextLayout.For(root.SyntaxTree.GetText(cancellationToken), root, null);
                var stubClass = StubHandlerClass(layout, layout.MemberIndentation(outerType), EndsWithNewLine(outerType));
                return InsertAfter(withHandler, annotatedType, stubClass);
            });
    }

    /// <summary>Namespaces whose types the added stub handler names, and the imports they need.</summary>
    private static readonly (string Namespace, string TypeName)[] StubHandlerNamespaces =
    {
        ("System", "Func"),
        ("System.Collections.Generic", "List"),
        ("System.Net", "HttpStatusCode"),
        ("System.Net.Http", "HttpMessageHandler"),
        ("System.Threading", "CancellationToken"),
        ("System.Threading.Tasks", "Task"),
    };

    /// <summary><c>new HttpClient(handler)</c> with the initializer kept; the original arguments go (they named the real handler).</summary>
    private static BaseObjectCreationExpressionSyntax WithHandler(BaseObjectCreationExpressionSyntax creation, string handler)
    {
        var arguments = SyntaxFactory.ParseArgumentList("(" + handler + ")");
        switch (creation)
        {
            case ObjectCreationExpressionSyntax { ArgumentList: null } explicitCreation:
                // `new HttpClient { … }`: the space before the brace moves behind the new arguments.
                return explicitCreation
                    .WithType(explicitCreation.Type.WithoutTrailingTrivia())
                    .WithArgumentList(arguments.WithTrailingTrivia(explicitCreation.Type.GetTrailingTrivia()));
            case ObjectCreationExpressionSyntax { ArgumentList: { } existing } explicitCreation:
                return explicitCreation.WithArgumentList(arguments.WithTriviaFrom(existing));
            case ImplicitObjectCreationExpressionSyntax implicitCreation:
                return implicitCreation.WithArgumentList(arguments.WithTriviaFrom(implicitCreation.ArgumentList));
            default:
                return creation;
        }
    }

    /// <summary>
    /// A <c>StubHttpMessageHandler</c> of this compilation that the fix can use (derived from
    /// <c>HttpMessageHandler</c>, with an accessible parameterless constructor), or null;
    /// <paramref name="nameTaken"/> tells whether something unusable already has the name.
    /// </summary>
    private static INamedTypeSymbol? ExistingStubHandler(Compilation compilation, CancellationToken cancellationToken, out bool nameTaken)
    {
        nameTaken = false;
        foreach (var symbol in compilation.GetSymbolsWithName(StubHandlerName, SymbolFilter.Type, cancellationToken))
        {
            if (symbol is INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, Arity: 0 } type
                && ExternalClients.IsHttpMessageHandler(type)
                && type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
            {
                return type;
            }

            nameTaken = true;
        }

        return null;
    }

    private static bool EndsWithNewLine(SyntaxNode node) => node.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));

    private static MemberDeclarationSyntax StubHandlerClass(TextLayout layout, string indentation, bool previousEndsWithNewLine)
    {
        var unit = layout.IndentUnit;
        string[] lines =
        {
            "/// <summary>",
            "/// Answers every request without the network: 200 OK with an empty body, unless the test passes",
            "/// its own responder. <see cref=\"Requests\"/> holds what the code under test sent.",
            "/// </summary>",
            "internal sealed class " + StubHandlerName + " : HttpMessageHandler",
            "{",
            unit + "private readonly Func<HttpRequestMessage, HttpResponseMessage> _respond;",
            string.Empty,
            unit + "public " + StubHandlerName + "()",
            unit + unit + ": this(request => new HttpResponseMessage(HttpStatusCode.OK))",
            unit + "{",
            unit + "}",
            string.Empty,
            unit + "public " + StubHandlerName + "(Func<HttpRequestMessage, HttpResponseMessage> respond)",
            unit + "{",
            unit + unit + "_respond = respond;",
            unit + "}",
            string.Empty,
            unit + "public List<HttpRequestMessage> Requests { get; } = new List<HttpRequestMessage>();",
            string.Empty,
            unit + "protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)",
            unit + "{",
            unit + unit + "Requests.Add(request);",
            unit + unit + "return Task.FromResult(_respond(request));",
            unit + "}",
            "}",
        };

        var eol = layout.EndOfLine;
        var text = (previousEndsWithNewLine ? string.Empty : eol) + eol
            + string.Join(eol, lines.Select(line => line.Length == 0 ? line : indentation + line))
            + (previousEndsWithNewLine ? eol : string.Empty);
        return SyntaxFactory.ParseMemberDeclaration(text)!;
    }

    private static CompilationUnitSyntax? InsertAfter(CompilationUnitSyntax root, BaseTypeDeclarationSyntax type, MemberDeclarationSyntax added)
    {
        switch (type.Parent)
        {
            case CompilationUnitSyntax unit:
                return unit.WithMembers(unit.Members.Insert(unit.Members.IndexOf(type) + 1, added));
            case BaseNamespaceDeclarationSyntax ns:
                return root.ReplaceNode(ns, ns.WithMembers(ns.Members.Insert(ns.Members.IndexOf(type) + 1, added)));
            default:
                return null;
        }
    }

    // ---- Service clients: a double from the mocking library ----

    private static Plan? PlanServiceDouble(ExpressionSyntax client, CompilationUnitSyntax root, SemanticModel model, CancellationToken cancellationToken)
    {
        var libraries = MockingLibraries.Referenced(model.Compilation);
        if (libraries.IsEmpty)
        {
            return null;
        }

        var library = PreferredLibrary(libraries, root);

        // `await ConnectionMultiplexer.ConnectAsync(…)` (with or without ConfigureAwait): the double replaces the awaited value.
        var replaced = AwaitOf(client) ?? client;
        if (model.GetTypeInfo(replaced, cancellationToken) is not { Type: INamedTypeSymbol clientType } typeInfo)
        {
            return null;
        }

        var converted = typeInfo.ConvertedType;
        var serviceInterface = ExternalClients.ServiceInterfaceOf(clientType);
        var declaredType = DeclaredClientType(replaced, model, clientType, cancellationToken);
        INamedTypeSymbol? doubleType;
        TypeSyntax? retype = null;
        if (converted is INamedTypeSymbol { TypeKind: TypeKind.Interface } expected && Implements(clientType, expected))
        {
            doubleType = expected;
        }
        else if (serviceInterface is not null)
        {
            doubleType = serviceInterface;
            retype = declaredType;
        }
        else if (ExternalClients.IsDesignedForMocking(clientType))
        {
            doubleType = clientType;
        }
        else
        {
            return null;
        }

        var libraryName = library switch
        {
            MockingLibraryNames.Moq => "a Moq mock",
            MockingLibraryNames.NSubstitute => "an NSubstitute substitute",
            _ => "a FakeItEasy fake",
        };

        return new Plan(
            $"Replace with {libraryName} of '{doubleType.Name}'",
            names =>
            {
                var typeName = names.Of(doubleType);
                var doubleText = library switch
                {
                    MockingLibraryNames.Moq => "new " + names.NameOf(model.Compilation.GetTypeByMetadataName("Moq.Mock`1")!) + "<" + typeName + ">().Object",
                    MockingLibraryNames.NSubstitute => names.NameOf(model.Compilation.GetTypeByMetadataName("NSubstitute.Substitute")!) + ".For<" + typeName + ">()",
                    _ => names.NameOf(model.Compilation.GetTypeByMetadataName("FakeItEasy.A")!) + ".Fake<" + typeName + ">()",
                };

                var replacement = SyntaxFactory.ParseExpression(doubleText).WithTriviaFrom(replaced);
                if (retype is null)
                {
                    return root.ReplaceNode(replaced, replacement);
                }

                var newType = SyntaxFactory.ParseTypeName(typeName).WithTriviaFrom(retype);
                return root.ReplaceNodes(
                    new SyntaxNode[] { replaced, retype },
                    (original, _) => original == replaced ? replacement : newType);
            });
    }

    /// <summary>The library the file already imports, else the first one the project references (Moq, NSubstitute, FakeItEasy).</summary>
    private static string PreferredLibrary(ImmutableArray<string> referenced, CompilationUnitSyntax root)
    {
        var imported = root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>()
            .Select(directive => directive.Name?.ToString())
            .ToImmutableHashSet();
        foreach (var library in referenced)
        {
            if (imported.Contains(MockingLibraries.NamespaceOf(library)))
            {
                return library;
            }
        }

        return referenced[0];
    }

    private static ExpressionSyntax? AwaitOf(ExpressionSyntax client)
    {
        SyntaxNode current = client;
        if (current.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access
            && access.Expression == current
            && access.Parent is InvocationExpressionSyntax configureAwait)
        {
            current = configureAwait;
        }

        return current.Parent is AwaitExpressionSyntax await ? await : null;
    }

    private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol @interface) =>
        SymbolEqualityComparer.Default.Equals(type, @interface)
        || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, @interface));

    /// <summary>
    /// The written type of what receives the client when it names the client's class: the type of
    /// a local, field or property declaration it initializes, or of a field or property (declared in
    /// this document, one per declaration) it is assigned to. Retyping it to the interface lets the
    /// double fit. Null for <c>var</c> and anything else.
    /// </summary>
    private static TypeSyntax? DeclaredClientType(ExpressionSyntax replaced, SemanticModel model, INamedTypeSymbol clientType, CancellationToken cancellationToken)
    {
        TypeSyntax? written = replaced.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1 } declaration } } => declaration.Type,
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
            AssignmentExpressionSyntax { Right: var right, Left: var left } assignment when right == replaced && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) =>
                AssignedMemberType(left, model, replaced.SyntaxTree, cancellationToken),
            _ => null,
        };

        if (written is null || written.IsVar)
        {
            return null;
        }

        return SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(written, cancellationToken).Type, clientType) ? written : null;
    }

    private static TypeSyntax? AssignedMemberType(ExpressionSyntax left, SemanticModel model, SyntaxTree tree, CancellationToken cancellationToken)
    {
        var symbol = model.GetSymbolInfo(left, cancellationToken).Symbol;
        if (symbol is not (IFieldSymbol or IPropertySymbol) || symbol.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var declaration = symbol.DeclaringSyntaxReferences[0];
        if (declaration.SyntaxTree != tree)
        {
            return null;
        }

        return declaration.GetSyntax(cancellationToken) switch
        {
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1 } fieldDeclaration } => fieldDeclaration.Type,
            PropertyDeclarationSyntax property => property.Type,
            _ => null,
        };
    }

    /// <summary>What a fix does, with type names decided later (simple with imports, or qualified).</summary>
    private sealed class Plan
    {
        private readonly Func<TypeNames, CompilationUnitSyntax?> _apply;

        public Plan(string title, Func<TypeNames, CompilationUnitSyntax?> apply)
        {
            Title = title;
            _apply = apply;
        }

        public string Title { get; }

        public CompilationUnitSyntax? Apply(TypeNames names) => _apply(names);
    }

    /// <summary>
    /// Names types in generated code the way a developer would: by simple name when it binds to the
    /// type, by simple name plus a <c>using</c> when nothing of that name and arity is in scope,
    /// otherwise by full name (always, in the qualified retry).
    /// </summary>
    private sealed class TypeNames
    {
        private readonly SemanticModel _model;
        private readonly int _position;
        private readonly bool _qualify;

        public TypeNames(SemanticModel model, int position, bool qualify)
        {
            _model = model;
            _position = position;
            _qualify = qualify;
        }

        public SortedSet<string> Imports { get; } = new(StringComparer.Ordinal);

        public string Of(INamedTypeSymbol type)
        {
            var definition = type.OriginalDefinition;
            var name = NameOf(definition);
            if (type.TypeArguments.Length == 0)
            {
                return name;
            }

            return name + "<" + string.Join(", ", type.TypeArguments.Select(argument => argument is INamedTypeSymbol named && named.SpecialType == SpecialType.None && named.ContainingType is null
                ? Of(named)
                : argument.ToMinimalDisplayString(_model, _position))) + ">";
        }

        /// <summary>True when every listed type can be named simply at <paramref name="position"/> (importing its namespace where needed).</summary>
        public bool CanUseSimpleNames(IEnumerable<(string Namespace, string TypeName)> types, int position)
        {
            foreach (var (ns, typeName) in types)
            {
                var found = _model.LookupNamespacesAndTypes(position, name: typeName).OfType<INamedTypeSymbol>().ToList();
                if (found.Count == 0)
                {
                    Imports.Add(ns);
                }
                else if (!found.Any(t => t.ContainingNamespace?.ToDisplayString() == ns))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The name of a type (a generic one without its type arguments).</summary>
        public string NameOf(INamedTypeSymbol definition)
        {
            definition = definition.OriginalDefinition;
            if (definition.ContainingType is not null || definition.ContainingNamespace is null || definition.ContainingNamespace.IsGlobalNamespace)
            {
                return definition.ToMinimalDisplayString(_model, _position, SymbolDisplayFormat.MinimallyQualifiedFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None));
            }

            var ns = definition.ContainingNamespace.ToDisplayString();
            if (!_qualify)
            {
                var sameArity = _model.LookupNamespacesAndTypes(_position, name: definition.Name)
                    .OfType<INamedTypeSymbol>()
                    .Where(t => t.Arity == definition.Arity)
                    .ToList();
                if (sameArity.Count == 1 && SymbolEqualityComparer.Default.Equals(sameArity[0].OriginalDefinition, definition))
                {
                    return definition.Name;
                }

                if (sameArity.Count == 0)
                {
                    Imports.Add(ns);
                    return definition.Name;
                }
            }

            var firstSegment = ns.Split('.')[0];
            var bound = _model.LookupNamespacesAndTypes(_position, name: firstSegment);
            var prefix = bound.Length == 1 && bound[0] is INamespaceSymbol { ContainingNamespace.IsGlobalNamespace: true } ? ns : "global::" + ns;
            return prefix + "." + definition.Name;
        }
    }

    /// <summary>
    /// Fix All, one fix at a time: each fix runs on the document the previous one produced, so
    /// later fixes see the stub handler an earlier one added (in this document or another one of the project).
    /// </summary>
    private sealed class SequentialFixAll : FixAllProvider
    {
        public static readonly SequentialFixAll Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var documents = fixAllContext.Scope switch
            {
                FixAllScope.Document when fixAllContext.Document is { } document => new[] { document },
                FixAllScope.Project => fixAllContext.Project.Documents.ToArray(),
                FixAllScope.Solution => fixAllContext.Solution.Projects.SelectMany(p => p.Documents).ToArray(),
                _ => Array.Empty<Document>(),
            };

            var work = new List<(DocumentId Document, ImmutableArray<Diagnostic> Diagnostics)>();
            foreach (var document in documents)
            {
                var diagnostics = await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
                var ours = diagnostics.Where(d => d.Id == RuleIds.RealExternalClientInTest).ToImmutableArray();
                if (!ours.IsEmpty)
                {
                    work.Add((document.Id, ours));
                }
            }

            if (work.Count == 0)
            {
                return null;
            }

            var solution = fixAllContext.Solution;
            return CodeAction.Create(
                "Replace every real external client with a test double",
                async cancellationToken =>
                {
                    var current = solution;
                    foreach (var (documentId, diagnostics) in work)
                    {
                        current = await FixDocumentAsync(current, documentId, diagnostics, cancellationToken).ConfigureAwait(false);
                    }

                    return current;
                },
                fixAllContext.CodeActionEquivalenceKey);
        }

        private static async Task<Solution> FixDocumentAsync(Solution solution, DocumentId documentId, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            try
            {
                if (solution.GetDocument(documentId) is not { } document
                    || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
                {
                    return solution;
                }

                // Mark every reported client first: positions move as the fixes are applied.
                var targets = new List<SyntaxAnnotation>();
                var annotated = new Dictionary<SyntaxNode, SyntaxAnnotation>();
                foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
                {
                    if (ClientAt(root, diagnostic.Location.SourceSpan) is { } client && !annotated.ContainsKey(client))
                    {
                        var annotation = new SyntaxAnnotation();
                        annotated.Add(client, annotation);
                        targets.Add(annotation);
                    }
                }

                var current = document.WithSyntaxRoot(root.ReplaceNodes(annotated.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(annotated[original])));
                foreach (var annotation in targets)
                {
                    var fix = await CreateFixAsync(
                        current,
                        newRoot => newRoot.GetAnnotatedNodes(annotation).OfType<ExpressionSyntax>().FirstOrDefault(),
                        cancellationToken).ConfigureAwait(false);
                    if (fix is not null)
                    {
                        current = fix.Value.Document;
                    }
                }

                return current.Project.Solution;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Fix All must not throw either: leave the document as it is.
                return solution;
            }
        }
    }
}
