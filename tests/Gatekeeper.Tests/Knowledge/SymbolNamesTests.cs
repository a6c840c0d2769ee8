using System;
using System.Collections.Generic;
using System.Linq;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Gatekeeper.Tests.Knowledge;

/// <summary>
/// The namespace comparisons walk the symbols instead of building <c>ToDisplayString()</c>: on every pair of a
/// namespace and a dotted name, they must answer what the string comparison answers.
/// </summary>
public sealed class SymbolNamesTests
{
    private static readonly string[] DottedNames =
    [
        "", "S", "System", "System.", "SystemX", "System.Linq", "System.Collections", "System.Collections.Generic", "System.Collections.Generic.",
        "Microsoft", "Microsoft.", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions.Logging", "A.B", "A.B.C", "A.B.C.D", "A.BC",
    ];

    private static readonly Lazy<List<INamespaceSymbol>> Namespaces = new(() =>
    {
        var source = string.Join(
            "\n",
            "namespace SystemX { class T { } }",
            "namespace Microsoft.EntityFrameworkCoreX.Foo { class T { } }",
            "namespace A.B.C { class T { } }",
            "namespace A.BC { class T { } }",
            "namespace Microsoft { class T { } }",
            "class Global { }");
        var compilation = CSharpCompilation.Create(
            "Namespaces",
            [CSharpSyntaxTree.ParseText(source)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(typeof(Enumerable).Assembly.Location)]);

        var found = new List<INamespaceSymbol>();
        void Collect(INamespaceSymbol ns)
        {
            found.Add(ns);
            foreach (var nested in ns.GetNamespaceMembers())
            {
                Collect(nested);
            }
        }

        Collect(compilation.GlobalNamespace);
        return found;
    });

    [Fact]
    public void The_namespaces_include_the_shapes_the_comparisons_must_tell_apart()
    {
        var names = Namespaces.Value.Select(ns => ns.ToDisplayString()).ToHashSet();
        Assert.Contains("System", names);
        Assert.Contains("System.Collections.Generic", names);
        Assert.Contains("SystemX", names);
        Assert.Contains("Microsoft.EntityFrameworkCoreX.Foo", names);
        Assert.Contains("A.BC", names);
        Assert.Contains(Namespaces.Value, ns => ns.IsGlobalNamespace);
    }

    [Fact]
    public void NamespaceStartsWith_answers_what_the_display_string_answers()
    {
        foreach (var ns in Namespaces.Value)
        {
            foreach (var prefix in DottedNames)
            {
                var expected = !ns.IsGlobalNamespace && ns.ToDisplayString().StartsWith(prefix, StringComparison.Ordinal);
                Assert.True(expected == SymbolNames.NamespaceStartsWith(ns, prefix), $"'{ns.ToDisplayString()}' starts with '{prefix}': expected {expected}");
            }
        }

        Assert.False(SymbolNames.NamespaceStartsWith(null, "System"));
    }

    [Fact]
    public void IsNamespace_answers_what_the_display_string_answers()
    {
        foreach (var ns in Namespaces.Value)
        {
            foreach (var dotted in DottedNames)
            {
                var expected = !ns.IsGlobalNamespace && ns.ToDisplayString() == dotted;
                Assert.True(expected == SymbolNames.IsNamespace(ns, dotted), $"'{ns.ToDisplayString()}' is '{dotted}': expected {expected}");
            }
        }

        Assert.False(SymbolNames.IsNamespace(null, "System"));
    }
}
