using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Gatekeeper.Tests.Documentation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Gatekeeper.Tests.Reliability;

/// <summary>
/// No mutable state outlives a compilation. A host (the compiler server, the IDE) loads the analyzers
/// once and runs them on every compilation, concurrently: a static (or analyzer-instance) field that
/// changes is shared by unrelated compilations and threads, a source of nondeterminism and leaks.
/// <para>The rule, checked over every type of both shipped assemblies (compiler-generated types aside):</para>
/// <list type="number">
/// <item>Every static field that is not a constant is <c>readonly</c>.</item>
/// <item>
/// The value of every static readonly field is deeply immutable: null, a primitive, enum, string,
/// an immutable collection (System.Collections.Immutable, its elements checked too), a Roslyn
/// descriptor object (<see cref="DiagnosticDescriptor"/>, <see cref="LocalizableString"/>, <see cref="FixAllProvider"/>,
/// <see cref="SymbolDisplayFormat"/>), a delegate that captures nothing or only deeply immutable values, <see cref="StringComparer"/>,
/// or an object of our own types whose instance fields are all readonly and themselves deeply immutable.
/// </item>
/// <item>
/// Arrays are mutable, but are what netstandard2.0 code uses for constant tables: an array is allowed
/// when it is empty, or when it is private, holds strings, chars, numbers or enums, and no code under
/// src/ writes into it (element assignment, Array.Sort/Reverse/Clear/Fill/Resize, Array.Copy into it,
/// SetValue, AsSpan; checked on the source text).
/// </item>
/// <item>Mutable collections (List, Dictionary, HashSet, ConcurrentDictionary, ConditionalWeakTable …) are forbidden, unless allowlisted below with the reason.</item>
/// <item>Analyzer and code fix instances follow the same rule for their instance fields: the host keeps one instance for all compilations.</item>
/// </list>
/// </summary>
public class StaticStateTests
{
    /// <summary>Static fields that break the rule on purpose: "Type.Field" → why it is safe.</summary>
    private static readonly Dictionary<string, string> Allowlist = new(StringComparer.Ordinal)
    {
        ["Gatekeeper.Analyzers.Web.CompilationSyntaxIndex.Indexes"] =
            "A cache of syntax-only facts keyed by the immutable SyntaxTree, on purpose across compilations (the IDE's next compilation shares the unchanged trees). "
            + "Weak, so it dies with the tree; an index is stored only when fully built (a cancelled build stores nothing: CancellationTests checks the results after a cancelled run).",
        ["Gatekeeper.Analyzers.Testing.ArgumentInspectionSyntax.DirectlyInspectingMethods"] =
            "GK2003's syntax-only fact (whether a method declaration may inspect call arguments) keyed by the immutable declaration node, on purpose across compilations "
            + "(the IDE's next compilation shares the unchanged trees' nodes). Weak, so it dies with the tree; an answer is stored only when its walk completed (a cancelled walk stores nothing).",
        ["Gatekeeper.Analyzers.Web.EndpointModel.PerCompilation"] =
            "The endpoint model, created once per compilation and shared by the security rules: keyed weakly by the Compilation (an entry dies with it, "
            + "so nothing crosses compilations); its parts are computed lazily and stored only when complete (a cancelled computation stores nothing).",
        ["Gatekeeper.Analyzers.Knowledge.TestFrameworkKnowledge.PerCompilation"] =
            "The test-framework symbols, resolved once per compilation for all test rules: keyed weakly by the Compilation (an entry dies with it), immutable once built.",
        ["Gatekeeper.Analyzers.Testing.TypeOrNamespaceNames.PerCompilation"] =
            "The answers to \"can this written name denote a type or namespace?\", shared per compilation by GK2001, GK2002 and GK2004: keyed weakly by the Compilation "
            + "(an entry dies with it); an answer is stored only when computed (the global alias set is published only when its walk completed, a cancelled walk stores nothing).",
        ["Gatekeeper.Analyzers.Web.RouteBuilderFlow._inProgress"] =
            "A [ThreadStatic] re-entrancy guard of a synchronous recursion (half-typed code can be cyclic): per thread, every entry removed in a finally (on cancellation too), so it holds nothing between calls.",
        ["Gatekeeper.Analyzers.Web.SourceTextChunks._scratch"] =
            "A [ThreadStatic] scratch buffer for reading a source text in chunks: rented (the field is emptied) and given back by the same synchronous scan, "
            + "which overwrites every character it reads, so no fact survives a call; a nested or cancelled rent allocates a new buffer.",
        ["Gatekeeper.Analyzers.Web.RouteBuilderFlow.FrameworkFactories"] =
            "A private HashSet<string> lookup table, filled by its initializer and only read afterwards (concurrent reads of a HashSet are safe).",
        ["Gatekeeper.Analyzers.Web.RouteBuilderFlow.NeutralConventions"] =
            "A private HashSet<string> lookup table, filled by its initializer and only read afterwards (concurrent reads of a HashSet are safe).",
    };

    private static readonly Lazy<string> SourceText = new(() => string.Join(
        "\n",
        Directory.GetFiles(RepositoryFiles.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)));

    [Fact]
    public void No_static_mutable_state_in_the_shipped_assemblies()
    {
        var problems = new List<string>();
        var checkedFields = 0;
        foreach (var type in ShippedComponents.Assemblies.SelectMany(a => a.GetTypes()).Where(t => !IsCompilerGenerated(t) && !IsCoverageTracker(t)))
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.IsLiteral || type.ContainsGenericParameters)
                {
                    continue;
                }

                checkedFields++;
                var name = $"{type.FullName}.{field.Name}";
                if (Allowlist.ContainsKey(name))
                {
                    if (!field.IsInitOnly && !field.IsDefined(typeof(ThreadStaticAttribute)))
                    {
                        problems.Add($"{name} is allowlisted, but only a [ThreadStatic] field may be static and not readonly");
                    }

                    continue;
                }

                if (!field.IsInitOnly)
                {
                    problems.Add($"{name} is static and not readonly");
                    continue;
                }

                var why = Mutable(field.GetValue(null), field, new HashSet<object>(ReferenceEqualityComparer.Instance));
                if (why is not null)
                {
                    problems.Add($"{name}: {why}");
                }
            }
        }

        Assert.True(problems.Count == 0, "Static mutable state (see the rule on StaticStateTests; allowlist with a reason only if it is safe):\n  " + string.Join("\n  ", problems));
        Assert.True(checkedFields > 20, $"only {checkedFields} static fields checked: did the reflection find the assemblies?");
    }

    [Fact]
    public void Analyzer_and_fixer_instances_hold_no_mutable_state()
    {
        var problems = new List<string>();
        var instances = ShippedComponents.CreateAnalyzers().Cast<object>().Concat(ShippedComponents.CreateFixers());
        foreach (var instance in instances)
        {
            var why = MutableFields(instance, new HashSet<object>(ReferenceEqualityComparer.Instance));
            if (why is not null)
            {
                problems.Add($"{instance.GetType().FullName}: {why}");
            }
        }

        Assert.True(problems.Count == 0, "Analyzers and fixes live as long as the host; per-compilation state belongs in the compilation-start closure:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void The_rule_catches_what_it_forbids()
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var field = typeof(Probe).GetField("Table", BindingFlags.Static | BindingFlags.NonPublic)!;
        Assert.NotNull(Mutable(new List<string>(), field, seen));
        Assert.NotNull(Mutable(new Dictionary<string, int>(), field, seen));
        Assert.NotNull(Mutable(new Probe(), field, seen));
        Assert.NotNull(Mutable(new object[] { "x" }, field, seen));
        Assert.NotNull(Mutable(new[] { "a" }, typeof(Probe).GetField(nameof(Probe.Public))!, seen));
        Assert.Null(Mutable(Array.Empty<object>(), field, seen));
        Assert.Null(Mutable(System.Collections.Immutable.ImmutableArray.Create("a"), field, seen));
        Assert.Null(Mutable(new[] { ("a", 1) }, field, seen));
        Assert.NotNull(Mutable(new[] { ("a", new object()) }, field, seen));
        Assert.NotNull(WrittenIn("Table[0] = \"b\";", "Table"));
        Assert.NotNull(WrittenIn("Array.Sort(Table);", "Table"));
        Assert.NotNull(WrittenIn("Table[1].Methods[0] = x;", "Table"));
        Assert.Null(WrittenIn("if (Table[0] == x) { Array.IndexOf(Table, y); }", "Table"));
        Assert.NotNull(Mutable(System.Collections.Immutable.ImmutableArray.Create(new List<int>()), field, seen));
    }

    private static string? Mutable(object? value, FieldInfo field, HashSet<object> seen)
    {
        if (value is null || value is string || value is Enum || value is DiagnosticDescriptor || value is LocalizableString
            || value is SymbolDisplayFormat || value is FixAllProvider || value is StringComparer || value is Regex)
        {
            return null;
        }

        var type = value.GetType();
        if (type.IsPrimitive || value is decimal || value is TimeSpan || value is DateTime || value is Guid)
        {
            return null;
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            return null;
        }

        if (value is Array array)
        {
            if (array.Length == 0)
            {
                return null;
            }

            if (!field.IsPrivate || !IsConstantTableElement(type.GetElementType()!))
            {
                return $"a non-empty {type.Name} (arrays are allowed only private, of strings/chars/numbers/enums or tuples of them, never written)";
            }

            return WrittenInSource(field.Name) is { } write ? $"the array is written to under src/: '{write}'" : null;
        }

        if (type == typeof(object))
        {
            return null; // a sentinel (new object()) has no state at all
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            // A readonly struct: immutable when its key and value are.
            return Mutable(type.GetProperty("Key")!.GetValue(value), field, seen)
                ?? Mutable(type.GetProperty("Value")!.GetValue(value), field, seen);
        }

        if (value is Delegate @delegate)
        {
            if (@delegate.Target is null)
            {
                return null;
            }

            // A closure (compiler-generated, its fields never readonly) is fine when what it captured is
            // deeply immutable, e.g. a lambda over one of our option objects.
            var target = @delegate.Target;
            if (!IsCompilerGenerated(target.GetType()))
            {
                return "a delegate bound to an object";
            }

            foreach (var captured in target.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (Mutable(captured.GetValue(target), field, seen) is { } inner)
                {
                    return $"a delegate that captures {captured.Name}: {inner}";
                }
            }

            return null;
        }

        if (type.Namespace == "System.Collections.Immutable")
        {
            // ImmutableArray<T> is a struct: IEnumerable over its elements.
            foreach (var item in (IEnumerable)value)
            {
                var inner = item is DictionaryEntry entry ? Mutable(entry.Value, field, seen) : Mutable(item, field, seen);
                if (inner is not null)
                {
                    return $"an immutable collection holding {inner}";
                }
            }

            return null;
        }

        if (ShippedComponents.Assemblies.Contains(type.Assembly))
        {
            return MutableFields(value, seen);
        }

        return $"an instance of {type.FullName}, not known to be immutable";
    }

    /// <summary>Every instance field (base types' too) is readonly and deeply immutable.</summary>
    private static string? MutableFields(object value, HashSet<object> seen)
    {
        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            if (!ShippedComponents.Assemblies.Contains(type.Assembly))
            {
                // Roslyn's own bases (DiagnosticAnalyzer, CodeFixProvider) hold nothing of ours.
                continue;
            }

            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.IsInitOnly)
                {
                    return $"{type.Name}.{field.Name} is not readonly";
                }

                var inner = Mutable(field.GetValue(value), field, seen);
                if (inner is not null)
                {
                    return $"{type.Name}.{field.Name} holds {inner}";
                }
            }
        }

        return null;
    }

    /// <summary>Strings, chars, numbers, enums, and value tuples of them (or of arrays of them: the same never-written check covers those).</summary>
    private static bool IsConstantTableElement(Type element) =>
        element == typeof(string) || element.IsPrimitive || element.IsEnum
        || (element.IsArray && IsConstantTableElement(element.GetElementType()!))
        || (element.IsGenericType && element.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && element.GetGenericArguments().All(IsConstantTableElement));

    /// <summary>Source text under src/ that writes into an array field of this name (a heuristic on the text; names are unique enough).</summary>
    private static string? WrittenInSource(string name) => WrittenIn(SourceText.Value, name);

    private static string? WrittenIn(string source, string name)
    {
        var n = Regex.Escape(name);
        var patterns = new[]
        {
            $@"\b{n}\s*\[[^\]]*\](\.\w+\s*\[[^\]]*\])?\s*([-+*/|&^]?=(?!=)|\+\+|--)",
            $@"Array\.(Sort|Reverse|Clear|Fill|Resize)\(\s*(ref\s+)?{n}\b",
            $@"Array\.Copy\([^;]*,\s*{n}\s*,",
            $@"\b{n}\.(SetValue|AsSpan)\(",
            $@"ref\s+{n}\s*\[",
        };
        return patterns.Select(p => Regex.Match(source, p)).FirstOrDefault(m => m.Success)?.Value;
    }

    /// <summary>The hit counters coverlet weaves into the assemblies under `dotnet test --collect "XPlat Code Coverage"` (CI's test gate): not ours.</summary>
    private static bool IsCoverageTracker(Type type) => type.Namespace?.StartsWith("Coverlet.Core.Instrumentation", StringComparison.Ordinal) == true;

    private static bool IsCompilerGenerated(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || type.Name.StartsWith('<')
        || (type.DeclaringType is not null && IsCompilerGenerated(type.DeclaringType));

    private sealed class Probe
    {
        public static readonly string[] Public = ["a"];

        private static readonly string[] Table = ["a"];

#pragma warning disable CS0649, IDE0044 // never assigned, could be readonly: the rule must catch exactly this
        private int _counter;
#pragma warning restore CS0649, IDE0044

        public override string ToString() => Table[0] + _counter;
    }
}
