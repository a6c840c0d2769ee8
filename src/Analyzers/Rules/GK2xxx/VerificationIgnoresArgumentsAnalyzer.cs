using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Gatekeeper.Analyzers.Infrastructure;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.Analyzers.Testing;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Analyzers.Rules;

/// <summary>
/// GK2003: a positive mock verification whose every argument is a wildcard — Moq
/// <c>mock.Verify(x => x.Send(It.IsAny&lt;Email&gt;()))</c> (and <c>Protected().Verify("Send", times, ItExpr.IsAny…)</c>),
/// NSubstitute <c>sub.Received().Send(Arg.Any&lt;Email&gt;())</c> / <c>ReceivedWithAnyArgs()</c>, FakeItEasy
/// <c>A.CallTo(() => x.Send(A&lt;Email&gt;._)).MustHaveHappened()</c> / <c>WithAnyArguments()</c> — when the
/// verified method takes arguments (cancellation tokens aside) and the test does not inspect them
/// another way (<see cref="MockingLibraries.IsArgumentInspection"/>). Negative checks (<c>Times.Never</c>,
/// <c>DidNotReceive</c>, <c>Received(0)</c>, <c>MustNotHaveHappened</c>) are not reported.
/// Reported on the verified call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class VerificationIgnoresArgumentsAnalyzer : GkDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.GK2003_VerificationIgnoresArguments);

    /// <summary>
    /// Reported only on the verified call of the verification being analyzed (inside it, or the call chained
    /// onto <c>Received()</c>: the same statement), which is generated code exactly when the verification is
    /// (and then it is not analyzed): the driver's per-diagnostic check is redundant here.
    /// </summary>
    protected override GeneratedCodeAnalysisFlags GeneratedCodeAnalysis => GeneratedCodeAnalysisFlags.ReportDiagnostics;

    protected override void AnalyzeCompilation(CompilationStartAnalysisContext context)
    {
        if (MockingLibraries.Referenced(context.Compilation).IsEmpty)
        {
            return;
        }

        var inspections = new ArgumentInspections(context.Compilation);

        // One action per document, not per invocation: the driver runs it once the compiler has finished the document, so the
        // test's helpers and set-up in the same class are bound when the argument inspections read them. A node action runs
        // when its own method is compiled, and bound the members below it first (twelfth pass of docs/performance.md).
        // The verifications are found from the text: their names are rare, and a walk of every body costs more.
        context.RegisterSemanticModelAction(document =>
        {
            foreach (var invocation in InvocationsByName.In(document.SemanticModel.SyntaxTree, VerificationPrefixes, IsVerificationName, document.CancellationToken))
            {
                AnalyzeInvocation(invocation, document, inspections);
            }
        });
    }

    private static readonly ImmutableArray<string> VerificationPrefixes = ImmutableArray.Create("Verify", "Received", "MustHaveHappened");

    private static bool IsVerificationName(string name) =>
        name is "Verify" or "Received" or "ReceivedWithAnyArgs" || name.StartsWith("MustHaveHappened", System.StringComparison.Ordinal);

    private static void AnalyzeInvocation(InvocationExpressionSyntax invocation, SemanticModelAnalysisContext context, ArgumentInspections inspections)
    {
        var name = InvokedName(invocation.Expression);

        // Syntax first: a verification that names an argument other than by a wildcard is decided without binding the test.
        if (!MayIgnoreArguments(invocation, name)
            || context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method)
        {
            return;
        }

        method = method.ReducedFrom ?? method;
        var finding = name switch
        {
            "Verify" when MockingLibraries.IsMoqVerify(method) => MoqVerify(invocation, method, context.SemanticModel, context.CancellationToken),
            "Received" or "ReceivedWithAnyArgs" when MockingLibraries.IsNSubstituteReceived(method) => NSubstituteReceived(invocation, name, context.SemanticModel, context.CancellationToken),
            _ when MockingLibraries.IsFakeItEasyMustHaveHappened(method) => FakeItEasyMustHaveHappened(invocation, context.SemanticModel, context.CancellationToken),
            _ => null,
        };

        if (finding is { } found
            && !inspections.InspectsArguments(invocation, context.SemanticModel, context.CancellationToken)
            && !GeneratedCodeDeclarations.IsInMarkedDeclaration(invocation, context.SemanticModel, context.CancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.GK2003_VerificationIgnoresArguments,
                found.Location.GetLocation(),
                found.MethodName));
        }
    }

    /// <summary>
    /// Syntax only: false when the verification <paramref name="invocation"/> (named <paramref name="name"/>)
    /// surely pins some argument down, i.e. when the checks below surely find nothing. Each of them needs
    /// a wildcard-looking argument (<see cref="MayBeWildcard"/>) in the verified call, or the "any arguments"
    /// form: <c>ReceivedWithAnyArgs()</c>, a <c>WithAnyArguments()</c> in the FakeItEasy chain.
    /// </summary>
    private static bool MayIgnoreArguments(InvocationExpressionSyntax invocation, string name)
    {
        switch (name)
        {
            case "Verify":
                var arguments = invocation.ArgumentList.Arguments;
                for (var i = 0; i < arguments.Count; i++)
                {
                    // The verified call of a lambda (Verify(x => x.Send(…))), or the arguments after the Times of a protected Verify.
                    if ((arguments[i].Expression is LambdaExpressionSyntax { ExpressionBody: { } body }
                            && StripParentheses(body) is InvocationExpressionSyntax verified
                            && HasWildcardLookingArgument(verified))
                        || (i >= 2 && MayBeWildcard(arguments[i].Expression)))
                    {
                        return true;
                    }
                }

                return false;
            case "Received":
            case "ReceivedWithAnyArgs":
                return invocation.Parent is MemberAccessExpressionSyntax access
                    && access.Expression == invocation
                    && access.Parent is InvocationExpressionSyntax receivedCall
                    && receivedCall.Expression == access
                    && (name == "ReceivedWithAnyArgs" || HasWildcardLookingArgument(receivedCall));
            default:
                // MustHaveHappened*: the chain back to A.CallTo(() => …), with WithAnyArguments() on the way.
                var anyArguments = false;
                for (var current = (invocation.Expression as MemberAccessExpressionSyntax)?.Expression;
                     current is InvocationExpressionSyntax call;
                     current = (call.Expression as MemberAccessExpressionSyntax)?.Expression)
                {
                    switch (InvokedName(call.Expression))
                    {
                        case "WithAnyArguments":
                            anyArguments = true;
                            break;
                        case "CallTo" when anyArguments
                            || (call.ArgumentList.Arguments.Count == 1
                                && call.ArgumentList.Arguments[0].Expression is LambdaExpressionSyntax { ExpressionBody: { } callToBody }
                                && StripParentheses(callToBody) is InvocationExpressionSyntax specified
                                && HasWildcardLookingArgument(specified)):
                            return true;
                    }
                }

                return false;
        }
    }

    private static bool HasWildcardLookingArgument(InvocationExpressionSyntax call)
    {
        foreach (var argument in call.ArgumentList.Arguments)
        {
            if (MayBeWildcard(argument.Expression))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Syntax only: false when <paramref name="expression"/> (as <see cref="AllArgumentsAreWildcards"/> strips it)
    /// cannot bind to a matcher of <see cref="MockingLibraries.IsWildcard"/>: those are named <c>IsAny</c>,
    /// <c>Any</c>, <c>_</c> or <c>Ignored</c>, and a name is written as itself (a member name cannot be aliased),
    /// called (<c>It.IsAny&lt;T&gt;()</c>, <c>Arg.Any&lt;T&gt;()</c>, <c>IsAny&lt;T&gt;()</c> under <c>using static</c>) or not
    /// (<c>A&lt;T&gt;._</c>, <c>It.Ref&lt;T&gt;.IsAny</c>, a method group).
    /// </summary>
    private static bool MayBeWildcard(ExpressionSyntax expression)
    {
        expression = StripParentheses(expression);
        return expression switch
        {
            InvocationExpressionSyntax call => IsWildcardName(InvokedName(call.Expression)),
            MemberAccessExpressionSyntax or SimpleNameSyntax or MemberBindingExpressionSyntax => IsWildcardName(InvokedName(expression)),
            AliasQualifiedNameSyntax aliased => IsWildcardName(aliased.Name.Identifier.ValueText),
            CheckedExpressionSyntax @checked => MayBeWildcard(@checked.Expression),
            ConditionalAccessExpressionSyntax => true,
            _ => false,
        };
    }

    private static bool IsWildcardName(string name) => name is "IsAny" or "Any" or "_" or "Ignored";

    /// <summary><c>mock.Verify(x => x.Send(It.IsAny&lt;Email&gt;()), Times.Once())</c>; <c>mock.Protected().Verify("Send", Times.Once(), ItExpr.IsAny&lt;Email&gt;())</c>.</summary>
    private static Finding? MoqVerify(InvocationExpressionSyntax verify, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        var arguments = verify.ArgumentList.Arguments;
        foreach (var argument in arguments)
        {
            if (ExpectsNoCall(argument.Expression, model, cancellationToken))
            {
                return null;
            }
        }

        if (MockingLibraries.IsMoqProtectedVerify(method))
        {
            return MoqProtectedVerify(verify, model, cancellationToken);
        }

        foreach (var argument in arguments)
        {
            if (argument.Expression is LambdaExpressionSyntax { ExpressionBody: { } body }
                && StripParentheses(body) is InvocationExpressionSyntax verified)
            {
                return AllArgumentsAreWildcards(verified, anyArguments: false, model, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>The protected member is named by a string: its arguments are the ones after the <c>Times</c>.</summary>
    private static Finding? MoqProtectedVerify(InvocationExpressionSyntax verify, SemanticModel model, CancellationToken cancellationToken)
    {
        var arguments = verify.ArgumentList.Arguments;
        if (arguments.Count < 3 || model.GetConstantValue(arguments[0].Expression, cancellationToken) is not { HasValue: true, Value: string memberName })
        {
            return null;
        }

        var relevant = 0;
        for (var i = 2; i < arguments.Count; i++)
        {
            var expression = StripParentheses(arguments[i].Expression);
            if (!MockingLibraries.IsWildcard(model.GetSymbolInfo(expression, cancellationToken).Symbol))
            {
                return null;
            }

            // ItExpr.IsAny<CancellationToken>() pins nothing down that matters.
            if (!MockingLibraries.IsCancellationToken(model.GetTypeInfo(expression, cancellationToken).Type))
            {
                relevant++;
            }
        }

        return relevant > 0 ? new Finding(verify, memberName) : null;
    }

    /// <summary><c>sub.Received().Send(Arg.Any&lt;Email&gt;())</c>, <c>sub.ReceivedWithAnyArgs(2).Send(default!)</c>.</summary>
    private static Finding? NSubstituteReceived(InvocationExpressionSyntax received, string name, SemanticModel model, CancellationToken cancellationToken)
    {
        // Received(0) and Received(Quantity.None()) say "not called".
        foreach (var argument in received.ArgumentList.Arguments)
        {
            var value = model.GetConstantValue(argument.Expression, cancellationToken);
            if ((value.HasValue && value.Value is 0) || MockingLibraries.IsNSubstituteNoneQuantity(model.GetSymbolInfo(argument.Expression, cancellationToken).Symbol))
            {
                return null;
            }
        }

        return received.Parent is MemberAccessExpressionSyntax access
            && access.Expression == received
            && access.Parent is InvocationExpressionSyntax verified
            && verified.Expression == access
                ? AllArgumentsAreWildcards(verified, anyArguments: name == "ReceivedWithAnyArgs", model, cancellationToken)
                : null;
    }

    /// <summary><c>A.CallTo(() => x.Send(A&lt;Email&gt;._)).MustHaveHappened()</c>, with <c>WithAnyArguments()</c> on the way.</summary>
    private static Finding? FakeItEasyMustHaveHappened(InvocationExpressionSyntax mustHaveHappened, SemanticModel model, CancellationToken cancellationToken)
    {
        // MustHaveHappened(0, Times.Exactly) expects no call.
        var arguments = mustHaveHappened.ArgumentList.Arguments;
        if (arguments.Count > 0 && model.GetConstantValue(arguments[0].Expression, cancellationToken) is { HasValue: true, Value: 0 })
        {
            return null;
        }

        var anyArguments = false;
        var current = (mustHaveHappened.Expression as MemberAccessExpressionSyntax)?.Expression;
        while (current is InvocationExpressionSyntax call)
        {
            if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method)
            {
                return null;
            }

            method = method.ReducedFrom ?? method;
            if (MockingLibraries.IsFakeItEasyCallTo(method))
            {
                return call.ArgumentList.Arguments.Count == 1
                    && call.ArgumentList.Arguments[0].Expression is LambdaExpressionSyntax { ExpressionBody: { } body }
                    && StripParentheses(body) is InvocationExpressionSyntax verified
                        ? AllArgumentsAreWildcards(verified, anyArguments, model, cancellationToken)
                        : null;
            }

            if (MockingLibraries.IsFakeItEasyWithAnyArguments(method))
            {
                anyArguments = true;
            }
            else if (MockingLibraries.IsArgumentInspection(method))
            {
                // WhenArgumentsMatch(…) / Where(…) check the arguments.
                return null;
            }

            current = (call.Expression as MemberAccessExpressionSyntax)?.Expression;
        }

        return null;
    }

    /// <summary>
    /// The verified call when it takes arguments (cancellation tokens aside) and each of them is a
    /// wildcard (or <paramref name="anyArguments"/> says they all are); null otherwise.
    /// </summary>
    private static Finding? AllArgumentsAreWildcards(InvocationExpressionSyntax verified, bool anyArguments, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(verified, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return null;
        }

        var relevantParameters = 0;
        foreach (var parameter in method.Parameters)
        {
            if (!MockingLibraries.IsCancellationToken(parameter.Type))
            {
                relevantParameters++;
            }
        }

        if (relevantParameters == 0)
        {
            // Nothing to match: a parameterless method (or one taking only a cancellation token).
            return null;
        }

        if (anyArguments)
        {
            return new Finding(verified, method.Name);
        }

        var arguments = verified.ArgumentList.Arguments;
        var wildcards = 0;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (ParameterOf(method, arguments[i], i) is not { } parameter)
            {
                return null;
            }

            if (MockingLibraries.IsCancellationToken(parameter.Type))
            {
                continue;
            }

            if (!MockingLibraries.IsWildcard(model.GetSymbolInfo(StripParentheses(arguments[i].Expression), cancellationToken).Symbol))
            {
                return null;
            }

            wildcards++;
        }

        // An omitted optional argument is matched against its default value: that is a real expectation.
        return wildcards == relevantParameters ? new Finding(verified, method.Name) : null;
    }

    private static IParameterSymbol? ParameterOf(IMethodSymbol method, ArgumentSyntax argument, int position)
    {
        if (argument.NameColon is { } nameColon)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == nameColon.Name.Identifier.ValueText)
                {
                    return parameter;
                }
            }

            return null;
        }

        if (position < method.Parameters.Length)
        {
            return method.Parameters[position];
        }

        return method.Parameters.Length > 0 && method.Parameters[method.Parameters.Length - 1].IsParams ? method.Parameters[method.Parameters.Length - 1] : null;
    }

    /// <summary>Moq <c>Times.Never()</c>, <c>Times.Never</c>, <c>Times.Exactly(0)</c>, <c>Times.AtMost(0)</c>.</summary>
    private static bool ExpectsNoCall(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        expression = StripParentheses(expression);
        var symbol = model.GetSymbolInfo(expression, cancellationToken).Symbol;
        if (MockingLibraries.IsMoqNever(symbol))
        {
            return true;
        }

        return MockingLibraries.IsMoqCountedTimes(symbol)
            && expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } counted
            && model.GetConstantValue(counted.ArgumentList.Arguments[0].Expression, cancellationToken) is { HasValue: true, Value: 0 };
    }

    private static string InvokedName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };

    private static ExpressionSyntax StripParentheses(ExpressionSyntax expression) => ValueSyntax.Unwrapped(expression);

    private readonly struct Finding
    {
        public Finding(SyntaxNode location, string methodName)
        {
            Location = location;
            MethodName = methodName;
        }

        public SyntaxNode Location { get; }

        public string MethodName { get; }
    }

    /// <summary>
    /// Whether the code around a verification looks at call arguments some other way: the member that
    /// verifies, the helpers it calls, and the members of its class (and of the class's source base
    /// classes) that are not tests themselves — a constructor or set-up method that installs a
    /// <c>Callback</c> serves every test. Per-class answers are cached for the compilation.
    /// </summary>
    private sealed class ArgumentInspections
    {
        /// <summary>Test → helper → shared factory: deep enough for the captures teams write, shallow enough to stay cheap.</summary>
        private const int HelperDepth = 2;

        private readonly Compilation _compilation;
        private readonly TestFrameworkKnowledge? _knowledge;
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _classInspects = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

        /// <summary>
        /// The answer of <see cref="Inspects"/> per (member or helper syntax, remaining depth): a test with
        /// several verifications, and every test that calls the same helpers, walks each body once.
        /// </summary>
        private readonly ConcurrentDictionary<(SyntaxNode Root, int HelperDepth), bool> _inspects = new();

        /// <summary>
        /// Per called name: whether a method of this compilation with that name may inspect arguments by itself
        /// (<see cref="ArgumentInspectionSyntax.SomeMethodNamedMayInspectDirectly"/>), asked on first need.
        /// </summary>
        private readonly ConcurrentDictionary<string, bool> _mayInspectDirectlyByName = new(System.StringComparer.Ordinal);

        /// <summary>
        /// Per (called name, depth below it): whether a method of this compilation with that name may inspect
        /// (<see cref="MayInspect"/>) with that depth left, asked on first need.
        /// </summary>
        private readonly ConcurrentDictionary<(string Name, int HelperDepth), bool> _mayInspectByName = new();

        private readonly CompilationSyntaxIndex _syntax;

        public ArgumentInspections(Compilation compilation)
        {
            _compilation = compilation;
            _knowledge = TestFrameworkKnowledge.TryCreate(compilation);
            _syntax = new CompilationSyntaxIndex(compilation);
        }

        public bool InspectsArguments(InvocationExpressionSyntax verification, SemanticModel model, CancellationToken cancellationToken)
        {
            // TryAdd takes the dictionary's lock even when the tree is known (it is, after the tree's first verification).
            if (!_models.ContainsKey(model.SyntaxTree))
            {
                _models.TryAdd(model.SyntaxTree, model);
            }

            var member = EnclosingMember(verification);
            if (member is null)
            {
                return false;
            }

            if (Inspects(member, model, HelperDepth, cancellationToken))
            {
                return true;
            }

            return member.Parent is TypeDeclarationSyntax typeDeclaration
                && model.GetDeclaredSymbol(typeDeclaration, cancellationToken) is { } type
                && ClassInspects(type, cancellationToken);
        }

        private static SyntaxNode? EnclosingMember(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                if (ancestor is MemberDeclarationSyntax and not (TypeDeclarationSyntax or BaseNamespaceDeclarationSyntax))
                {
                    return ancestor;
                }
            }

            return null;
        }

        private bool ClassInspects(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (_classInspects.TryGetValue(type, out var cached))
            {
                return cached;
            }

            var inspects = false;
            for (var current = type; current is not null && current.DeclaringSyntaxReferences.Length > 0 && !inspects; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is INamedTypeSymbol
                        || (member is IMethodSymbol method && _knowledge is not null && _knowledge.IsTest(method, out _, out _)))
                    {
                        // Another test's captures say nothing about this one; nested classes are on their own.
                        continue;
                    }

                    foreach (var reference in member.DeclaringSyntaxReferences)
                    {
                        if (!_compilation.ContainsSyntaxTree(reference.SyntaxTree))
                        {
                            continue;
                        }

                        var syntax = reference.GetSyntax(cancellationToken);
                        if (Inspects(syntax, ModelFor(syntax.SyntaxTree), HelperDepth - 1, cancellationToken))
                        {
                            inspects = true;
                            break;
                        }
                    }

                    if (inspects)
                    {
                        break;
                    }
                }
            }

            _classInspects.TryAdd(type, inspects);
            return inspects;
        }

        /// <param name="helperDepth">How many calls deep helpers of this compilation are followed.</param>
        private bool Inspects(SyntaxNode root, SemanticModel model, int helperDepth, CancellationToken cancellationToken)
        {
            // The walk depends only on the syntax, the compilation and the depth: cache it (a cancelled walk throws and caches nothing).
            var key = (root, helperDepth);
            if (_inspects.TryGetValue(key, out var cached))
            {
                return cached;
            }

            // Syntax first: code that cannot inspect (neither itself nor through a helper one call deep
            // that can) is not bound. Binding the other members of a test class was most of GK2003's time.
            var inspects = MayInspect(root, helperDepth, cancellationToken) && InspectsUncached(root, model, helperDepth, cancellationToken);
            _inspects.TryAdd(key, inspects);
            return inspects;
        }

        /// <summary>
        /// Syntax only: false when <see cref="InspectsUncached"/> surely answers false. With no helper
        /// depth left, that is <see cref="ArgumentInspectionSyntax.MayInspectDirectly"/>; with depth left,
        /// a call may also reach a helper of this compilation named like a method that may inspect with one
        /// call less (<see cref="MayReachInspectingHelper"/>).
        /// </summary>
        private bool MayInspect(SyntaxNode root, int helperDepth, CancellationToken cancellationToken)
        {
            if (ArgumentInspectionSyntax.MayInspectDirectly(root, cancellationToken))
            {
                return true;
            }

            if (helperDepth <= 0)
            {
                return false;
            }

            foreach (var node in root.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation && MayReachInspectingHelper(invocation, helperDepth, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Only a helper named like a method of this compilation that may inspect (<see cref="MayInspect"/>, one call
        /// less deep) can: <see cref="HelperInspects"/> reads no other declaration. One call deep, that is a method that
        /// may inspect directly. Two calls deep, binding each call of a test (and looking at its target) to learn this
        /// was a quarter of GK2003's time at 4× (docs/performance.md, thirteenth pass).
        /// </summary>
        private bool MayReachInspectingHelper(InvocationExpressionSyntax invocation, int helperDepth, CancellationToken cancellationToken)
        {
            if (ArgumentInspectionSyntax.InvokedName(invocation) is not { } name)
            {
                return true;
            }

            return helperDepth > 1 ? SomeMethodNamedMayInspect(name, helperDepth - 1, cancellationToken) : MayInspectDirectlyByName(name, cancellationToken);
        }

        private bool SomeMethodNamedMayInspect(string name, int helperDepth, CancellationToken cancellationToken)
        {
            if (_mayInspectByName.TryGetValue((name, helperDepth), out var known))
            {
                return known;
            }

            // Racing threads compute the same answer; a cancelled walk throws and stores nothing.
            var answer = false;
            foreach (var method in _syntax.MethodsNamed(name, cancellationToken))
            {
                if (MayInspect(method, helperDepth, cancellationToken))
                {
                    answer = true;
                    break;
                }
            }

            return _mayInspectByName.GetOrAdd((name, helperDepth), answer);
        }

        private bool MayInspectDirectlyByName(string name, CancellationToken cancellationToken)
        {
            if (_mayInspectDirectlyByName.TryGetValue(name, out var known))
            {
                return known;
            }

            // Racing threads compute the same answer; a cancelled lookup throws and stores nothing.
            var answer = ArgumentInspectionSyntax.SomeMethodNamedMayInspectDirectly(_syntax, name, cancellationToken);
            return _mayInspectDirectlyByName.GetOrAdd(name, answer);
        }

        private bool InspectsUncached(SyntaxNode root, SemanticModel model, int helperDepth, CancellationToken cancellationToken)
        {
            foreach (var node in root.DescendantNodes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (node)
                {
                    case SimpleNameSyntax name when MockingLibraries.IsArgumentInspectionName(name.Identifier.ValueText):
                        if (MockingLibraries.IsArgumentInspection(model.GetSymbolInfo(name, cancellationToken).Symbol)
                            || MockingLibraries.IsArgumentInspection(model.GetTypeInfo(name, cancellationToken).Type))
                        {
                            return true;
                        }

                        break;
                    case InvocationExpressionSyntax invocation when helperDepth > 0 || ArgumentInspectionSyntax.IsCallbackConfiguration(invocation):
                        if (ArgumentInspectionSyntax.IsCallbackConfiguration(invocation) && HandsArgumentsToTestCode(invocation, model, cancellationToken))
                        {
                            return true;
                        }

                        if (helperDepth > 0 && MayReachInspectingHelper(invocation, helperDepth, cancellationToken) && HelperInspects(invocation, model, helperDepth - 1, cancellationToken))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>Callback&lt;Email&gt;(sent.Add)</c>, <c>Returns((Email e) => …e…)</c>, <c>Do(call => call.Arg&lt;Email&gt;()…)</c>:
        /// the mock hands the arguments to a method group, or to a lambda that reads them.
        /// </summary>
        private static bool HandsArgumentsToTestCode(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!ArgumentInspectionSyntax.MayHandArgumentsToTestCode(invocation)
                || MockingLibraries.LibraryOf(model.GetSymbolInfo(invocation, cancellationToken).Symbol) is null)
            {
                return false;
            }

            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                // A lambda that reads its parameters receives the arguments.
                if (ArgumentInspectionSyntax.LambdaReadsItsParameters(argument.Expression))
                {
                    return true;
                }

                // So does a method group.
                if (argument.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax
                    && model.GetSymbolInfo(argument.Expression, cancellationToken) is var info
                    && (info.Symbol is IMethodSymbol || (info.Symbol is null && info.CandidateSymbols.Length > 0 && info.CandidateSymbols[0] is IMethodSymbol)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Into helpers of this compilation: <c>var mailer = CapturingMailer(sent);</c>.</summary>
        private bool HelperInspects(InvocationExpressionSyntax invocation, SemanticModel model, int helperDepth, CancellationToken cancellationToken)
        {
            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method
                || MockingLibraries.LibraryOf(method) is not null)
            {
                return false;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                // In the IDE, a referenced project's methods have syntax in trees of ITS compilation: not ours to bind.
                if (!_compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    continue;
                }

                var syntax = reference.GetSyntax(cancellationToken);
                if (Inspects(syntax, ModelFor(syntax.SyntaxTree), helperDepth, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        // Members and helpers live in other documents, whose models the driver does not hand us:
        // one model per tree is created and reused for the whole compilation (as AssertionFinder does).
        private SemanticModel ModelFor(SyntaxTree tree) => _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
    }
}
