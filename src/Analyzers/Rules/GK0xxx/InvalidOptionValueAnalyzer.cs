using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Gatekeeper.Analyzers.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.Analyzers.Rules;

/// <summary>
/// GK0001: a <c>gatekeeper.</c> option whose value is unusable (<see cref="KnownOptions"/> says why),
/// or a <c>gatekeeper.</c> key no rule reads. The rules fall back to their defaults on such values;
/// this rule tells the user so, once per compilation per (key, value).
/// <para>
/// Not a compilation-end diagnostic (the IDE's live analysis never shows those): a syntax-tree action
/// reports on the first token of the first tree, in compilation order, whose options hold the bad
/// value, so the diagnostic appears in that document's live analysis and once in <c>dotnet build</c>.
/// Generated trees are analyzed too (this rule reads configuration, not code), so that "the first
/// tree" is the same for every host.
/// </para>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidOptionValueAnalyzer : DiagnosticAnalyzer
{
    private const string UnknownKey = "no Gatekeeper rule reads this key; check its spelling against the rule's page (docs/rules)";

    private const string FallsBack = "; the rule uses its default";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.GK0001_InvalidOptionValue);

    public override void Initialize(AnalysisContext context)
    {
        // Not GkDiagnosticAnalyzer: that base skips generated trees, and this rule must see every tree.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var provider = start.Options.AnalyzerConfigOptionsProvider;
            var compilation = start.Compilation;

            // (key, value) → the first tree that carries it; computed once per compilation, only for bad values.
            var firstTrees = new ConcurrentDictionary<(string Key, string Value), SyntaxTree?>();
            start.RegisterSyntaxTreeAction(treeContext => AnalyzeTree(treeContext, provider, compilation, firstTrees));
        });
    }

    private static void AnalyzeTree(
        SyntaxTreeAnalysisContext context,
        AnalyzerConfigOptionsProvider provider,
        Compilation compilation,
        ConcurrentDictionary<(string Key, string Value), SyntaxTree?> firstTrees)
    {
        var options = provider.GetOptions(context.Tree);
        foreach (var (key, value, problem) in Problems(options))
        {
            var first = firstTrees.GetOrAdd((key, value), pair => FirstTreeWith(compilation, provider, pair.Key, pair.Value));
            if (first != context.Tree)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.GK0001_InvalidOptionValue, LocationOf(context), key, value, problem));
        }
    }

    /// <summary>The bad (key, value) pairs among a tree's options, with what is wrong with each.</summary>
    private static List<(string Key, string Value, string Problem)> Problems(AnalyzerConfigOptions options)
    {
        var problems = new List<(string, string, string)>();
        foreach (var key in GatekeeperKeys(options))
        {
            if (!options.TryGetValue(key, out var value))
            {
                continue;
            }

            if (!KnownOptions.IsKnown(key))
            {
                problems.Add((key, value, UnknownKey));
                continue;
            }

            var problem = KnownOptions.Problem(key, value);
            if (problem is not null)
            {
                problems.Add((key, value, problem + FallsBack));
            }
        }

        return problems;
    }

    /// <summary>
    /// Every <c>gatekeeper.</c> key the options hold. <see cref="AnalyzerConfigOptions.Keys"/> exists since
    /// Roslyn 4.5 but a host's own options type may not implement it: then only the known keys are checked.
    /// </summary>
    private static IEnumerable<string> GatekeeperKeys(AnalyzerConfigOptions options)
    {
        IEnumerable<string> keys;
        try
        {
            keys = options.Keys;
        }
        catch (NotImplementedException)
        {
            keys = KnownOptions.Keys;
        }

        var result = new List<string>();
        foreach (var key in keys)
        {
            if (KnownOptions.IsGatekeeperKey(key))
            {
                result.Add(key);
            }
        }

        return result;
    }

    private static SyntaxTree? FirstTreeWith(Compilation compilation, AnalyzerConfigOptionsProvider provider, string key, string value)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (provider.GetOptions(tree).TryGetValue(key, out var treeValue) && string.Equals(treeValue, value, StringComparison.Ordinal))
            {
                return tree;
            }
        }

        return null;
    }

    /// <summary>The tree's first token (the first line when the tree holds no token): a place the IDE can show.</summary>
    private static Location LocationOf(SyntaxTreeAnalysisContext context)
    {
        var root = context.Tree.GetRoot(context.CancellationToken);
        var token = root.GetFirstToken(includeZeroWidth: false);
        var span = token.Span.IsEmpty ? new TextSpan(0, 0) : token.Span;
        return Location.Create(context.Tree, span);
    }
}
