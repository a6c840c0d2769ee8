using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Tests.Verifiers;

/// <summary>
/// An expected diagnostic, for what markup cannot say: message arguments, severity, or a diagnostic
/// without a location. Immutable: every With* returns a new result.
/// </summary>
public sealed class DiagnosticResult
{
    private DiagnosticResult(
        string id,
        ImmutableArray<int> locations,
        object[]? arguments,
        string? message,
        DiagnosticSeverity? severity,
        ImmutableDictionary<string, string?> properties)
    {
        Id = id;
        Properties = properties;
        Locations = locations;
        Arguments = arguments;
        Message = message;
        Severity = severity;
    }

    public string Id { get; }

    /// <summary>Markup keys (<c>{|#n:...|}</c>): the first is the primary location, the rest additional locations. Empty: no location.</summary>
    public ImmutableArray<int> Locations { get; }

    public object[]? Arguments { get; }

    public string? Message { get; }

    public DiagnosticSeverity? Severity { get; }

    /// <summary>Entries the diagnostic's Properties must contain (others may be there too).</summary>
    public ImmutableDictionary<string, string?> Properties { get; }

    public static DiagnosticResult Diagnostic(string id) => new(id, [], null, null, null, ImmutableDictionary<string, string?>.Empty);

    /// <summary>The span marked <c>{|#markupKey:...|}</c>. A second call adds an additional location.</summary>
    public DiagnosticResult WithLocation(int markupKey) => new(Id, Locations.Add(markupKey), Arguments, Message, Severity, Properties);

    /// <summary>Compared through the formatted message: the descriptor's message format with these arguments (invariant culture).</summary>
    public DiagnosticResult WithArguments(params object[] args) => new(Id, Locations, args, Message, Severity, Properties);

    /// <summary>The exact formatted message (an alternative to <see cref="WithArguments"/>).</summary>
    public DiagnosticResult WithMessage(string message) => new(Id, Locations, Arguments, message, Severity, Properties);

    public DiagnosticResult WithSeverity(DiagnosticSeverity s) => new(Id, Locations, Arguments, Message, s, Properties);

    /// <summary>The diagnostic must carry this property (what the analyzer hands its code fix).</summary>
    public DiagnosticResult WithProperty(string key, string? value) => new(Id, Locations, Arguments, Message, Severity, Properties.SetItem(key, value));

    public override string ToString()
    {
        var text = $"Diagnostic(\"{Id}\")" + string.Concat(Locations.Select(l => $".WithLocation({l})"));
        if (Arguments is not null)
        {
            text += ".WithArguments(" + string.Join(", ", Arguments.Select(a => a is string s ? $"\"{s}\"" : string.Format(CultureInfo.InvariantCulture, "{0}", a))) + ")";
        }

        if (Message is not null)
        {
            text += $".WithMessage(\"{Message}\")";
        }

        text += Severity is null ? string.Empty : $".WithSeverity(DiagnosticSeverity.{Severity})";
        return text + string.Concat(Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $".WithProperty(\"{p.Key}\", \"{p.Value}\")"));
    }
}

/// <summary>Where a diagnostic is (or is expected): a document's file path and span; no path for a diagnostic without a location.</summary>
internal readonly record struct SourceSpan(string? Path, Microsoft.CodeAnalysis.Text.TextSpan Span, FileLinePositionSpan LineSpan)
{
    public static SourceSpan None => default;

    public static SourceSpan Of(Location location) =>
        location.IsInSource ? new SourceSpan(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan()) : None;

    public override string ToString() =>
        Path is null
            ? "(no location)"
            : $"{Path}({LineSpan.StartLinePosition.Line + 1},{LineSpan.StartLinePosition.Character + 1})-({LineSpan.EndLinePosition.Line + 1},{LineSpan.EndLinePosition.Character + 1})";

    public bool SameAs(SourceSpan other) => Path == other.Path && (Path is null || Span == other.Span);
}

/// <summary>An expectation resolved against the parsed sources: what the comparison works on.</summary>
internal sealed record ExpectedDiagnostic(
    string Id,
    SourceSpan Location,
    IReadOnlyList<SourceSpan> AdditionalLocations,
    string? Message,
    DiagnosticSeverity? Severity,
    ImmutableDictionary<string, string?> Properties,
    string Origin)
{
    public bool Matches(Diagnostic actual) =>
        actual.Id == Id
        && Location.SameAs(SourceSpan.Of(actual.Location))
        && (AdditionalLocations.Count == 0
            || (actual.AdditionalLocations.Count == AdditionalLocations.Count
                && AdditionalLocations.Zip(actual.AdditionalLocations, (e, a) => e.SameAs(SourceSpan.Of(a))).All(same => same)))
        && (Message is null || actual.GetMessage(CultureInfo.InvariantCulture) == Message)
        && (Severity is null || actual.Severity == Severity)
        && Properties.All(p => actual.Properties.TryGetValue(p.Key, out var value) && value == p.Value);

    /// <summary>How many properties this expectation pins down: stricter expectations are matched first.</summary>
    public int Strictness => (Message is null ? 0 : 2) + (Severity is null ? 0 : 1) + AdditionalLocations.Count + Properties.Count;

    public override string ToString()
    {
        var text = $"{Id} at {Location}";
        if (AdditionalLocations.Count > 0)
        {
            text += ", additional: " + string.Join(", ", AdditionalLocations);
        }

        text += Severity is null ? string.Empty : $" [{Severity}]";
        text += Message is null ? string.Empty : $": \"{Message}\"";
        text += Properties.IsEmpty ? string.Empty : " {" + string.Join(", ", Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) + "}";
        return text + $"   (from {Origin})";
    }
}
