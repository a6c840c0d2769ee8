using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>What a search for assertions found; ordered so that the larger value wins when results combine.</summary>
internal enum AssertionPresence
{
    /// <summary>No assertion at all.</summary>
    None = 0,

    /// <summary>Only assertions that can never fail (<see cref="CannotFailAssertions"/>): GK2004 reports them, GK2001 stays silent.</summary>
    OnlyCannotFail = 1,

    /// <summary>At least one assertion that can fail.</summary>
    Asserts = 2,
}

/// <summary>
/// Answers "does this code assert?" for test methods, following the helpers they call within the
/// compilation (transitively, up to <see cref="MaxHelperDepth"/> calls deep). One instance lives
/// for one compilation; it caches the answer per helper method, and per test class for the
/// clean-up hooks that assert for every test. Cycles are safe: a helper whose answer depended on
/// a method still being examined is not cached as "does not assert".
/// An assertion that can never fail (<c>Assert.True(true)</c>, see <see cref="CannotFailAssertions"/>)
/// does not count as an assertion, but is remembered: a test whose only assertions cannot fail is
/// <see cref="AssertionPresence.OnlyCannotFail"/>, GK2004's business rather than GK2001's.
/// </summary>
internal sealed class AssertionFinder
{
    /// <summary>Deep enough for real helper chains (test → arrange/act helper → assertion helper …).</summary>
    private const int MaxHelperDepth = 6;

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly ConcurrentDictionary<ConfiguredAssertionMethods, ConcurrentDictionary<IMethodSymbol, AssertionPresence>> _helperCache = new();
    private readonly ConcurrentDictionary<INamedTypeSymbol, AssertionPresence> _cleanupAssertsCache = new(SymbolEqualityComparer.Default);

    public AssertionFinder(Compilation compilation)
    {
        _compilation = compilation;
    }

    /// <summary>
    /// Whether the body of <paramref name="test"/> (with its lambdas and local functions), a helper
    /// it calls, or a per-test clean-up hook of its class performs an assertion, one that can fail or
    /// only ones that cannot.
    /// </summary>
    public AssertionPresence Find(
        IMethodSymbol test,
        SyntaxNode body,
        SemanticModel model,
        ConfiguredAssertionMethods configured,
        CancellationToken cancellationToken)
    {
        // TryAdd takes the dictionary's lock even when the tree is known: the test's tree is known after its first test.
        if (!_models.ContainsKey(model.SyntaxTree))
        {
            _models.TryAdd(model.SyntaxTree, model);
        }

        var walk = new Walk(this, configured, cancellationToken);
        walk.Visiting.Add(test.OriginalDefinition);
        var inBody = walk.NodeAsserts(body, model, isTestBody: true, depth: 0);
        return inBody == AssertionPresence.Asserts ? inBody : Max(inBody, CleanupAsserts(test.ContainingType, walk));
    }

    private static AssertionPresence Max(AssertionPresence left, AssertionPresence right) => left > right ? left : right;

    /// <summary>A clean-up hook (Dispose, [TearDown], [TestCleanup]) that asserts covers every test of the class.</summary>
    private AssertionPresence CleanupAsserts(INamedTypeSymbol? testClass, Walk walk)
    {
        if (testClass is null)
        {
            return AssertionPresence.None;
        }

        if (_cleanupAssertsCache.TryGetValue(testClass, out var cached))
        {
            return cached;
        }

        var asserts = AssertionPresence.None;
        for (var type = testClass; type is not null && asserts != AssertionPresence.Asserts; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method
                    && method.DeclaringSyntaxReferences.Length > 0
                    && TestFrameworkKnowledge.IsPerTestCleanup(method))
                {
                    asserts = Max(asserts, walk.HelperAsserts(method, depth: 1));
                    if (asserts == AssertionPresence.Asserts)
                    {
                        break;
                    }
                }
            }
        }

        if (asserts == AssertionPresence.Asserts || walk.IsComplete)
        {
            _cleanupAssertsCache.TryAdd(testClass, asserts);
        }

        return asserts;
    }

    // Helpers live in other documents, whose models the driver does not hand us (RS1030's concern):
    // one model per tree is created and reused for the whole compilation.
    private SemanticModel ModelFor(SyntaxTree tree) => _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));

    /// <summary>
    /// Whether a declaration is source of THIS compilation. In the IDE a project reference is a
    /// compilation reference, so symbols of the referenced project have syntax too, in trees that are
    /// not part of this compilation (GetSemanticModel would throw): those are judged like metadata,
    /// as the command-line build, which references the project's assembly, judges them.
    /// </summary>
    private bool IsHere(SyntaxReference reference) => _compilation.ContainsSyntaxTree(reference.SyntaxTree);

    private bool HasSourceHere(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (IsHere(reference))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasReadableBody(IMethodSymbol method)
    {
        foreach (var reference in (method.PartialImplementationPart ?? method).DeclaringSyntaxReferences)
        {
            if (IsHere(reference) && reference.GetSyntax() is BaseMethodDeclarationSyntax { Body: not null } or BaseMethodDeclarationSyntax { ExpressionBody: not null })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One search from one test method: the methods on the current call path, and whether the answer is final.</summary>
    private sealed class Walk
    {
        private readonly AssertionFinder _finder;
        private readonly ConfiguredAssertionMethods _configured;
        private readonly ConcurrentDictionary<IMethodSymbol, AssertionPresence> _cache;
        private readonly CancellationToken _cancellationToken;

        public Walk(AssertionFinder finder, ConfiguredAssertionMethods configured, CancellationToken cancellationToken)
        {
            _finder = finder;
            _configured = configured;
            _cancellationToken = cancellationToken;
            _cache = finder._helperCache.GetOrAdd(configured, static _ => new ConcurrentDictionary<IMethodSymbol, AssertionPresence>(SymbolEqualityComparer.Default));
        }

        public HashSet<IMethodSymbol> Visiting { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>False once the walk cut a cycle or hit the depth limit: a "no" is then not final.</summary>
        public bool IsComplete { get; private set; } = true;

        public AssertionPresence NodeAsserts(SyntaxNode root, SemanticModel model, bool isTestBody, int depth)
        {
            // Most tests end with an assertion of a library: find it first, from the end, with one
            // semantic query per call whose name can be one. The answer is the same as the full walk's
            // below (any call that asserts makes the whole body assert); only the order of the questions changes.
            if (QuickAsserts(root, model, isTestBody, depth))
            {
                return AssertionPresence.Asserts;
            }

            var found = AssertionPresence.None;
            foreach (var node in root.DescendantNodes(child => !IsNeverRun(child, root)))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                switch (node)
                {
                    case ThrowStatementSyntax { Expression: { } thrown } when isTestBody || !IsGuardClauseException(thrown):
                        // A throw fails the test: in the test itself, or in a helper that checks something
                        // (argument guards and "not implemented" in helpers check nothing about the code under test).
                        return AssertionPresence.Asserts;
                    case ThrowExpressionSyntax when isTestBody:
                        // `var user = find() ?? throw new …` fails the test when the value is missing.
                        return AssertionPresence.Asserts;
                    case InvocationExpressionSyntax invocation:
                        found = Max(found, InvocationAsserts(invocation, model, isTestBody, depth));
                        break;
                    case ArgumentSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax } argument
                        when LooksLikeMethodGroup(argument.Expression):
                        found = Max(found, MethodGroupAsserts(argument.Expression, model, depth));
                        break;
                }

                if (found == AssertionPresence.Asserts)
                {
                    return found;
                }
            }

            return found;
        }

        /// <summary>
        /// True when a call in <paramref name="root"/> whose name can be a library assertion binds to one
        /// (or to a configured or <c>[AssertionMethod]</c> method) that can fail, a call of a helper named
        /// like an assertion asserts, or the test body throws: the calls are checked from the last one up,
        /// and only the helpers named like assertions are followed. False means "not decided here".
        /// </summary>
        private bool QuickAsserts(SyntaxNode root, SemanticModel model, bool isTestBody, int depth)
        {
            if (root is not BlockSyntax block)
            {
                return QuickAssertsIn(root, root, model, isTestBody, depth);
            }

            // Statement by statement from the last one: a test asserts at its end, so most bodies are decided by
            // their last statement, without a walk over the arrange and act statements before it. The calls are
            // still checked from the last one up, and any call that asserts (or a throw) gives the same answer
            // wherever it is: only the order of the questions changes.
            var statements = block.Statements;
            for (var i = statements.Count - 1; i >= 0; i--)
            {
                if (QuickAssertsIn(statements[i], root, model, isTestBody, depth))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <see cref="QuickAsserts"/> for <paramref name="node"/> and its descendants, in the body <paramref name="root"/>
        /// (a local function or stored lambda that never runs in it is not entered, <paramref name="node"/> included).
        /// </summary>
        private bool QuickAssertsIn(SyntaxNode node, SyntaxNode root, SemanticModel model, bool isTestBody, int depth)
        {
            List<InvocationExpressionSyntax>? candidates = null;
            foreach (var descendant in node.DescendantNodesAndSelf(child => !IsNeverRun(child, root)))
            {
                switch (descendant)
                {
                    case ThrowStatementSyntax { Expression: not null } when isTestBody:
                    case ThrowExpressionSyntax when isTestBody:
                        return true;
                    case InvocationExpressionSyntax invocation when MayBeLibraryAssertion(invocation.Expression) || IsNamedLikeAssertionHelper(invocation.Expression):
                        (candidates ??= new List<InvocationExpressionSyntax>()).Add(invocation);
                        break;
                }
            }

            if (candidates is null)
            {
                return false;
            }

            for (var i = candidates.Count - 1; i >= 0; i--)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var invocation = candidates[i];
                if (!isTestBody && IsFrameworkAssertionThatCanFail(invocation))
                {
                    return true;
                }

                var symbolInfo = model.GetSymbolInfo(invocation, _cancellationToken);
                var method = symbolInfo.Symbol as IMethodSymbol;
                if (method is null && symbolInfo.CandidateSymbols.Length > 0)
                {
                    method = symbolInfo.CandidateSymbols[0] as IMethodSymbol;
                }

                if (method is null)
                {
                    if (UnboundCallLooksLikeAssertion(invocation.Expression))
                    {
                        return true;
                    }

                    continue;
                }

                // As InvocationAsserts and CallAsserts decide for these methods, without following helpers.
                var definition = (method.ReducedFrom ?? method).OriginalDefinition;
                var isLibraryAssertion = AssertionMethods.IsLibraryAssertion(definition);
                if (!isLibraryAssertion && !AssertionMethods.HasAssertionMethodAttribute(definition) && !_configured.Matches(definition))
                {
                    // A helper named like an assertion (AssertNotFound(result), VerifySaved()) is followed
                    // before the arrange and act calls the full walk would follow first; its answer is the
                    // one the full walk gets for this call (InvocationAsserts: CallAsserts for any method
                    // that is not a library assertion).
                    if (IsNamedLikeAssertionHelper(invocation.Expression) && CallAsserts(method, depth) == AssertionPresence.Asserts)
                    {
                        return true;
                    }

                    continue;
                }

                if (!isLibraryAssertion || CannotFailAssertions.Find(invocation, method, model, _cancellationToken) is null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Syntax only, for the body of a helper: <c>Assert.X(…)</c> on a framework assert class's name, or a
        /// FluentAssertions chain <c>….Should().X(…)</c>, whose written values do not make it an assertion that
        /// cannot fail. Such a call is taken as an assertion without binding the helper: a helper lives in
        /// another method, often another document, that no one else binds during this analysis (in the IDE,
        /// on every keystroke), and a chain of <c>Should()</c> calls costs about a millisecond to bind. A test
        /// body is still bound (a look-alike <c>Assert</c> there is reported; see GK2001_AssertionLookAlikeTests).
        /// </summary>
        private bool IsFrameworkAssertionThatCanFail(InvocationExpressionSyntax invocation)
        {
            string name;
            switch (invocation.Expression)
            {
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access
                    when IsFrameworkAssertClassName(receiver.Identifier.ValueText):
                    name = access.Name.Identifier.ValueText;
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Should" }
                    when invocation.ArgumentList.Arguments.Count == 0 && CannotFailAssertions.IsCandidateCall(invocation, "Should"):
                    name = "Should";
                    break;
                default:
                    return false;
            }

            return !CannotFailAssertions.IsCandidateName(name)
                || !CannotFailAssertionSyntax.MayBeCannotFail(invocation, name, TypeOrNamespaceNames.For(_finder._compilation), _cancellationToken);
        }

        private static bool IsFrameworkAssertClassName(string name) =>
            name is "Assert" or "ClassicAssert" or "CollectionAssert" or "StringAssert" or "FileAssert" or "DirectoryAssert";

        /// <summary>
        /// Syntax only: could this call be an assertion of a framework or library (<c>Assert.Equal</c>,
        /// <c>x.Should()</c>, <c>mock.Verify(…)</c>, <c>sub.Received()</c>, <c>Check.That</c> …)? A shortcut, not a verdict.
        /// </summary>
        private static bool MayBeLibraryAssertion(ExpressionSyntax callee)
        {
            var (name, receiver) = callee switch
            {
                MemberAccessExpressionSyntax access => (access.Name.Identifier.ValueText, access.Expression),
                MemberBindingExpressionSyntax binding => (binding.Name.Identifier.ValueText, null),
                SimpleNameSyntax simple => (simple.Identifier.ValueText, (ExpressionSyntax?)null),
                _ => (string.Empty, null),
            };

            if (name.StartsWith("Should", System.StringComparison.Ordinal)
                || name.StartsWith("Verify", System.StringComparison.Ordinal)
                || name.StartsWith("Received", System.StringComparison.Ordinal)
                || name.StartsWith("DidNotReceive", System.StringComparison.Ordinal)
                || name.StartsWith("MustHaveHappened", System.StringComparison.Ordinal)
                || name.StartsWith("MustNotHaveHappened", System.StringComparison.Ordinal)
                || name.StartsWith("Throws", System.StringComparison.Ordinal)
                || name == "FailWith")
            {
                return true;
            }

            var receiverName = receiver switch
            {
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => null,
            };

            return receiverName is not null
                && (AssertionMethods.IsAssertionClassName(receiverName) || receiverName is "Check" or "Should" or "Received" or "AssertExtensions");
        }

        /// <summary>Syntax only: a call whose name says it asserts (<c>AssertNotFound(…)</c>, <c>VerifySaved()</c>, <c>EnsureValid(…)</c>).</summary>
        private static bool IsNamedLikeAssertionHelper(ExpressionSyntax callee)
        {
            var name = callee switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => string.Empty,
            };

            return name.Length > 0 && AssertionMethods.HasAssertionName(name, containingTypeName: null);
        }

        private AssertionPresence InvocationAsserts(InvocationExpressionSyntax invocation, SemanticModel model, bool isTestBody, int depth)
        {
            var symbolInfo = model.GetSymbolInfo(invocation, _cancellationToken);
            var method = symbolInfo.Symbol as IMethodSymbol;
            if (method is null && symbolInfo.CandidateSymbols.Length > 0)
            {
                method = symbolInfo.CandidateSymbols[0] as IMethodSymbol;
            }

            if (method is null)
            {
                return UnboundCallLooksLikeAssertion(invocation.Expression) ? AssertionPresence.Asserts : AssertionPresence.None;
            }

            var presence = CallAsserts(method, depth);
            if (presence != AssertionPresence.Asserts
                || !AssertionMethods.IsLibraryAssertion((method.ReducedFrom ?? method).OriginalDefinition)
                || CannotFailAssertions.Find(invocation, method, model, _cancellationToken) is not { } cannotFail)
            {
                return presence;
            }

            // GK2004 reports Assert.Pass() only in the test itself; in a helper it checks nothing and nobody reports it.
            return cannotFail.Reason == CannotFailReason.Pass && !isTestBody ? AssertionPresence.None : AssertionPresence.OnlyCannotFail;
        }

        /// <summary>Method groups are PascalCase; skip the semantic query for locals and fields.</summary>
        private static bool LooksLikeMethodGroup(ExpressionSyntax expression)
        {
            var name = expression is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : ((IdentifierNameSyntax)expression).Identifier.ValueText;
            return name.Length > 0 && char.IsUpper(name[0]);
        }

        private static bool IsGuardClauseException(ExpressionSyntax thrown)
        {
            var type = thrown is ObjectCreationExpressionSyntax creation ? creation.Type : null;
            var name = type switch
            {
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                _ => null,
            };

            return name is "ArgumentException" or "ArgumentNullException" or "ArgumentOutOfRangeException"
                or "NotImplementedException" or "NotSupportedException";
        }

        private AssertionPresence MethodGroupAsserts(ExpressionSyntax expression, SemanticModel model, int depth) =>
            model.GetSymbolInfo(expression, _cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
                ? CallAsserts(method, depth)
                : AssertionPresence.None;

        private AssertionPresence CallAsserts(IMethodSymbol method, int depth)
        {
            method = (method.ReducedFrom ?? method).OriginalDefinition;
            if (AssertionMethods.IsLibraryAssertion(method)
                || AssertionMethods.HasAssertionMethodAttribute(method)
                || _configured.Matches(method))
            {
                return AssertionPresence.Asserts;
            }

            // Local functions and lambdas are walked as part of the body that declares them; the members of a
            // FluentAssertions chain are judged through the Should() call that starts it.
            if (method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction || AssertionMethods.IsAssertionChainMember(method))
            {
                return AssertionPresence.None;
            }

            // A helper whose body we can read is judged by it: an empty `VerifyAuditTrail()` left as a
            // TODO asserts nothing. The naming convention is for methods we cannot see into (other
            // assemblies, or abstract/interface members whose implementations do not tell).
            var inBodies = HelperAsserts(method, depth + 1);
            if (inBodies != AssertionPresence.None || _finder.HasReadableBody(method))
            {
                return inBodies;
            }

            return AssertionMethods.HasAssertionName(method.Name, method.ContainingType?.Name)
                ? AssertionPresence.Asserts
                : AssertionPresence.None;
        }

        /// <summary>
        /// Code that never runs asserts nothing: a local function nobody calls, or a lambda stored in a
        /// local that is never used (`Action verify = () => Assert.Equal(…);` and then forgotten).
        /// </summary>
        private bool IsNeverRun(SyntaxNode node, SyntaxNode root)
        {
            switch (node)
            {
                case LocalFunctionStatementSyntax localFunction:
                    return !IsReferenced(root, localFunction.Identifier.ValueText, localFunction);
                case AnonymousFunctionExpressionSyntax { Parent: EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax variable } }:
                    return !IsReferenced(root, variable.Identifier.ValueText, variable);
                default:
                    return false;
            }
        }

        // A walk of the whole body per local function or stored lambda: long in generated or huge tests.
        private bool IsReferenced(SyntaxNode root, string name, SyntaxNode declaration)
        {
            foreach (var node in root.DescendantNodes())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (node is IdentifierNameSyntax identifier
                    && identifier.Identifier.ValueText == name
                    && !declaration.Span.Contains(identifier.Span))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Looks into a method of this compilation; cached per method.</summary>
        public AssertionPresence HelperAsserts(IMethodSymbol method, int depth)
        {
            method = method.PartialImplementationPart ?? method;
            if (!_finder.HasSourceHere(method))
            {
                return AssertionPresence.None;
            }

            if (_cache.TryGetValue(method, out var cached))
            {
                return cached;
            }

            if (depth > MaxHelperDepth || !Visiting.Add(method))
            {
                IsComplete = false;
                return AssertionPresence.None;
            }

            var wasComplete = IsComplete;
            IsComplete = true;
            var asserts = BodiesAssert(method, depth);

            // Template methods: a test base class calls an abstract/virtual member (or an interface
            // member) whose overrides in this compilation do the asserting.
            if (asserts != AssertionPresence.Asserts && (method.IsAbstract || method.IsVirtual || method.ContainingType?.TypeKind == TypeKind.Interface))
            {
                foreach (var candidate in _finder._compilation.GetSymbolsWithName(method.Name, SymbolFilter.Member, _cancellationToken))
                {
                    if (candidate is IMethodSymbol implementation
                        && !SymbolEqualityComparer.Default.Equals(implementation, method)
                        && Implements(implementation, method))
                    {
                        asserts = Max(asserts, BodiesAssert(implementation, depth));
                        if (asserts == AssertionPresence.Asserts)
                        {
                            break;
                        }
                    }
                }
            }

            Visiting.Remove(method);
            if (asserts == AssertionPresence.Asserts || IsComplete)
            {
                _cache.TryAdd(method, asserts);
            }

            IsComplete &= wasComplete;
            return asserts;
        }

        private static bool Implements(IMethodSymbol candidate, IMethodSymbol member)
        {
            if (member.ContainingType?.TypeKind == TypeKind.Interface)
            {
                return SymbolEqualityComparer.Default.Equals(candidate.ContainingType?.FindImplementationForInterfaceMember(member), candidate);
            }

            for (var overridden = candidate.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, member))
                {
                    return true;
                }
            }

            return false;
        }

        private AssertionPresence BodiesAssert(IMethodSymbol method, int depth)
        {
            var asserts = AssertionPresence.None;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (!_finder.IsHere(reference))
                {
                    continue;
                }

                var declaration = reference.GetSyntax(_cancellationToken);
                var body = declaration switch
                {
                    BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
                    _ => null,
                };

                if (body is not null)
                {
                    asserts = Max(asserts, NodeAsserts(body, _finder.ModelFor(declaration.SyntaxTree), isTestBody: false, depth));
                    if (asserts == AssertionPresence.Asserts)
                    {
                        break;
                    }
                }
            }

            return asserts;
        }

        /// <summary>Half-typed or unresolved code: judge the call by what is written.</summary>
        private bool UnboundCallLooksLikeAssertion(ExpressionSyntax callee)
        {
            var (name, receiver) = callee switch
            {
                MemberAccessExpressionSyntax access => (access.Name.Identifier.ValueText, access.Expression),
                MemberBindingExpressionSyntax binding => (binding.Name.Identifier.ValueText, null),
                SimpleNameSyntax simple => (simple.Identifier.ValueText, (ExpressionSyntax?)null),
                _ => (string.Empty, null),
            };

            if (name.Length == 0)
            {
                return false;
            }

            var receiverName = receiver switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => null,
            };

            return AssertionMethods.HasAssertionName(name, receiverName)
                || (receiverName is "Should" or "Check" or "Received")
                || name is "MustHaveHappened" or "MustNotHaveHappened" or "DidNotReceive"
                || _configured.MatchesName(name);
        }
    }
}
