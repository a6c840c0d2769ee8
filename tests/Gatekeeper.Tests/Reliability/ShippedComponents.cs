using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Gatekeeper.Analyzers.Infrastructure;
using Gatekeeper.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Gatekeeper.Tests.Reliability;

/// <summary>
/// Every analyzer and code fix the package ships, found by reflection over the two shipped assemblies
/// the way the compiler and the IDE find them ([DiagnosticAnalyzer] / [ExportCodeFixProvider] on a
/// public, non-abstract type with a parameterless constructor). A rule added later is covered by every
/// reliability test without touching them.
/// </summary>
internal static class ShippedComponents
{
    public static Assembly AnalyzersAssembly => typeof(GkDiagnosticAnalyzer).Assembly;

    public static Assembly CodeFixesAssembly => typeof(GkCodeFixProvider).Assembly;

    public static IReadOnlyList<Assembly> Assemblies => [AnalyzersAssembly, CodeFixesAssembly];

    /// <summary>Fresh instances: each call creates new analyzers, as a new host (build, IDE session) would.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers() =>
        [.. AnalyzerTypes.Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)];

    public static ImmutableArray<CodeFixProvider> CreateFixers() =>
        [.. FixerTypes.Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)];

    public static IReadOnlyList<Type> AnalyzerTypes { get; } = Exported(AnalyzersAssembly, typeof(DiagnosticAnalyzer), typeof(DiagnosticAnalyzerAttribute));

    public static IReadOnlyList<Type> FixerTypes { get; } = Exported(CodeFixesAssembly, typeof(CodeFixProvider), typeof(ExportCodeFixProviderAttribute));

    /// <summary>Every diagnostic id the analyzers report.</summary>
    public static ImmutableHashSet<string> DiagnosticIds { get; } =
        [.. CreateAnalyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id)];

    /// <summary>Compilation options that switch every shipped rule on (a rule off by default would otherwise not run).</summary>
    public static ImmutableDictionary<string, ReportDiagnostic> AllRulesOn { get; } =
        DiagnosticIds.ToImmutableDictionary(id => id, _ => ReportDiagnostic.Warn)
            .SetItem("CS1701", ReportDiagnostic.Suppress)
            .SetItem("CS1702", ReportDiagnostic.Suppress);

    private static readonly MethodInfo RegisterFixesMethod =
        typeof(GkCodeFixProvider).GetMethod("RegisterFixesAsync", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("GkCodeFixProvider.RegisterFixesAsync was renamed: update ShippedComponents.");

    /// <summary>
    /// Registers a fixer's code actions with exceptions surfaced. <see cref="GkCodeFixProvider"/> swallows
    /// exceptions of <c>RegisterFixesAsync</c> (the IDE must never see one), which would hide exactly the
    /// bugs these tests look for, so its protected method is called directly.
    /// </summary>
    public static async Task RegisterWithExceptionsAsync(CodeFixProvider fixer, CodeFixContext context)
    {
        if (fixer is GkCodeFixProvider)
        {
            Task task;
            try
            {
                task = (Task)RegisterFixesMethod.Invoke(fixer, [context])!;
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
                throw;
            }

            await task;
        }
        else
        {
            await fixer.RegisterCodeFixesAsync(context);
        }
    }

    private static IReadOnlyList<Type> Exported(Assembly assembly, Type baseType, Type exportAttribute) =>
        assembly.GetTypes()
            .Where(type => baseType.IsAssignableFrom(type) && !type.IsAbstract && type.IsPublic && type.GetCustomAttributes(exportAttribute, inherit: false).Length > 0)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .ToList();
}

public class ShippedComponentsTests
{
    [Fact]
    public void Every_analyzer_and_fixer_type_is_exported_so_the_reflection_tests_see_it()
    {
        static IEnumerable<string> Unexported(IEnumerable<Type> types, Type baseType, Type attribute) =>
            types.Where(t => baseType.IsAssignableFrom(t) && !t.IsAbstract
                    && (!t.IsPublic || t.GetCustomAttributes(attribute, inherit: false).Length == 0 || t.GetConstructor(Type.EmptyTypes) is null))
                .Select(t => t.FullName!);

        var problems = Unexported(ShippedComponents.AnalyzersAssembly.GetTypes(), typeof(DiagnosticAnalyzer), typeof(DiagnosticAnalyzerAttribute))
            .Concat(Unexported(ShippedComponents.CodeFixesAssembly.GetTypes(), typeof(CodeFixProvider), typeof(ExportCodeFixProviderAttribute)))
            .ToList();
        Assert.True(problems.Count == 0, "Not loadable by the compiler / IDE (public, [DiagnosticAnalyzer]/[ExportCodeFixProvider], parameterless ctor): " + string.Join(", ", problems));

        // The shipped rules at the time of writing; more may come, fewer means discovery broke.
        Assert.True(ShippedComponents.AnalyzerTypes.Count >= 5, "analyzers found: " + ShippedComponents.AnalyzerTypes.Count);
        Assert.True(ShippedComponents.FixerTypes.Count >= 3, "fixers found: " + ShippedComponents.FixerTypes.Count);
        Assert.Contains("GK2001", ShippedComponents.DiagnosticIds);
        Assert.Contains("GK1003", ShippedComponents.DiagnosticIds);
    }

    [Fact]
    public void Every_fixer_fixes_ids_an_analyzer_reports()
    {
        var orphans = ShippedComponents.CreateFixers()
            .SelectMany(fixer => fixer.FixableDiagnosticIds.Select(id => (fixer, id)))
            .Where(pair => !ShippedComponents.DiagnosticIds.Contains(pair.id))
            .Select(pair => $"{pair.fixer.GetType().Name}: {pair.id}")
            .ToList();
        Assert.True(orphans.Count == 0, "Fixers of ids no analyzer reports: " + string.Join(", ", orphans));
    }
}
