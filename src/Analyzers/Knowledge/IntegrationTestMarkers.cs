using System;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Knowledge;

/// <summary>
/// The words by which tests say they are integration tests (and may use real services):
/// <c>Integration</c>, <c>E2E</c>, <c>EndToEnd</c>, <c>Acceptance</c>, <c>Smoke</c> by default, or the
/// list of <c>gatekeeper.GK2002.integration_markers</c>. A marker matches, ignoring case and the
/// separators <c>-</c>, <c>_</c>, <c>.</c> and spaces, anywhere in a trait or category value, an
/// attribute name, a class name, a namespace or the assembly name (<c>End-to-end</c>,
/// <c>MyApp.IntegrationTests</c>, <c>[IntegrationFact]</c>).
/// </summary>
internal sealed class IntegrationTestMarkers
{
    public static readonly ImmutableArray<string> DefaultMarkers = ImmutableArray.Create("Integration", "E2E", "EndToEnd", "Acceptance", "Smoke");

    public static readonly IntegrationTestMarkers Default = new(DefaultMarkers);

    private readonly ImmutableArray<string> _normalizedMarkers;

    public IntegrationTestMarkers(ImmutableArray<string> markers)
    {
        var builder = ImmutableArray.CreateBuilder<string>(markers.Length);
        foreach (var marker in markers)
        {
            var normalized = Normalize(marker);
            if (normalized.Length > 0)
            {
                builder.Add(normalized);
            }
        }

        _normalizedMarkers = builder.ToImmutable();
    }

    /// <summary>True when <paramref name="text"/> contains one of the markers.</summary>
    public bool Matches(string? text)
    {
        if (string.IsNullOrEmpty(text) || _normalizedMarkers.IsEmpty)
        {
            return false;
        }

        var normalized = Normalize(text!);
        foreach (var marker in _normalizedMarkers)
        {
            if (normalized.IndexOf(marker, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when an attribute marks its target as an integration test: its class name contains a
    /// marker (<c>[IntegrationFact]</c>, <c>[E2ETest]</c>), or it is a trait / category attribute
    /// (<see cref="TestFrameworkKnowledge.IsCategoryAttribute"/>) with a marker in one of its strings
    /// (<c>[Trait("Category", "Integration")]</c>, <c>[Category("E2E")]</c>, <c>[TestCategory("Integration")]</c>,
    /// <c>[Collection("Integration tests")]</c>).
    /// </summary>
    public bool MarksIntegration(AttributeData attribute)
    {
        var attributeClass = attribute.AttributeClass;
        if (attributeClass is null)
        {
            return false;
        }

        for (var current = attributeClass; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (Matches(current.Name))
            {
                return true;
            }
        }

        if (!TestFrameworkKnowledge.IsCategoryAttribute(attributeClass))
        {
            return false;
        }

        foreach (var argument in attribute.ConstructorArguments)
        {
            if (ArgumentMatches(argument))
            {
                return true;
            }
        }

        foreach (var argument in attribute.NamedArguments)
        {
            if (ArgumentMatches(argument.Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when any attribute of <paramref name="symbol"/> marks it as an integration test.</summary>
    public bool AnyAttributeMarksIntegration(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (MarksIntegration(attribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a namespace of <paramref name="ns"/>'s chain contains a marker (<c>MyApp.Tests.Integration</c>).</summary>
    public bool NamespaceMatches(INamespaceSymbol? ns)
    {
        for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            if (Matches(current.Name))
            {
                return true;
            }
        }

        return false;
    }

    private bool ArgumentMatches(TypedConstant argument)
    {
        if (argument.Kind == TypedConstantKind.Array)
        {
            if (argument.IsNull)
            {
                return false;
            }

            foreach (var element in argument.Values)
            {
                if (ArgumentMatches(element))
                {
                    return true;
                }
            }

            return false;
        }

        return argument.Value is string text && Matches(text);
    }

    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
