using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Gatekeeper.Analyzers;
using Gatekeeper.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Tests.Documentation;

/// <summary>
/// Every rule Gatekeeper ships, read by reflection from the shipped assemblies: the descriptors the
/// analyzers expose, the analyzer type behind each, and the fixers that fix it.
/// </summary>
internal static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<Rule>> AllRules = new(Load);

    public static IReadOnlyList<Rule> Rules => AllRules.Value;

    public static Rule Get(string id) => Rules.Single(r => r.Id == id);

    /// <summary>Analyzer types in Gatekeeper.Analyzers, instantiated the way the compiler does.</summary>
    public static IReadOnlyList<DiagnosticAnalyzer> Analyzers { get; } =
        ConcreteTypes(typeof(Descriptors).Assembly, typeof(DiagnosticAnalyzer))
            .Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToList();

    /// <summary>Code fix providers in Gatekeeper.CodeFixes.</summary>
    public static IReadOnlyList<CodeFixProvider> Fixers { get; } =
        ConcreteTypes(typeof(GkCodeFixProvider).Assembly, typeof(CodeFixProvider))
            .Where(t => t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();

    private static IReadOnlyList<Rule> Load()
    {
        var rules = new List<Rule>();
        foreach (var analyzer in Analyzers)
        {
            foreach (var descriptor in analyzer.SupportedDiagnostics)
            {
                var existing = rules.FindIndex(r => ReferenceEquals(r.Descriptor, descriptor));
                if (existing >= 0)
                {
                    rules[existing] = rules[existing] with { AnalyzerTypes = [.. rules[existing].AnalyzerTypes, analyzer.GetType()] };
                    continue;
                }

                var fixers = Fixers.Where(f => f.FixableDiagnosticIds.Contains(descriptor.Id)).Select(f => f.GetType()).ToList();
                rules.Add(new Rule(descriptor, [analyzer.GetType()], fixers));
            }
        }

        return rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<Type> ConcreteTypes(Assembly assembly, Type baseType) =>
        assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && baseType.IsAssignableFrom(t));

    public sealed record Rule(DiagnosticDescriptor Descriptor, IReadOnlyList<Type> AnalyzerTypes, IReadOnlyList<Type> FixerTypes)
    {
        public string Id => Descriptor.Id;

        public string Title => Descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public string DocPath => $"docs/rules/{Id}.md";
    }
}
