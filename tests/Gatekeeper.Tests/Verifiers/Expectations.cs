using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Tests.Verifiers;

/// <summary>Turns markup and <see cref="DiagnosticResult"/>s into expectations and compares them with what was reported.</summary>
internal static class Expectations
{
    /// <summary>The id <c>[|...|]</c> stands for: the analyzer's only supported id (null when it has several).</summary>
    public static string? DefaultId(ImmutableArray<DiagnosticDescriptor> supported)
    {
        var ids = supported.Select(d => d.Id).Distinct().ToList();
        return ids.Count == 1 ? ids[0] : null;
    }

    public static List<ExpectedDiagnostic> Resolve(
        IReadOnlyList<TestSource> sources,
        IReadOnlyList<DiagnosticResult> results,
        ImmutableArray<DiagnosticDescriptor> supported)
    {
        var defaultId = DefaultId(supported);
        var expected = new List<ExpectedDiagnostic>();
        var markers = new Dictionary<int, (TestSource Source, SourceSpan Span)>();

        foreach (var source in sources)
        {
            foreach (var span in source.Markup.Spans)
            {
                var location = Locate(source, span);
                if (span.IsLocationMarker)
                {
                    if (!int.TryParse(span.Key!.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var key) || !markers.TryAdd(key, (source, location)))
                    {
                        throw new VerifierException($"Location marker '{{|{span.Key}:' in {source.FileName} is not a number or is used twice.");
                    }

                    continue;
                }

                var id = span.Key ?? defaultId ?? throw new VerifierException(
                    $"'[|...|]' in {source.FileName} needs one supported id, but the analyzer supports {string.Join(", ", supported.Select(d => d.Id).Distinct())}: write '{{|ID:...|}}'.");
                expected.Add(new ExpectedDiagnostic(id, location, [], null, null, ImmutableDictionary<string, string?>.Empty, $"markup in {source.FileName}"));
            }
        }

        var usedMarkers = new HashSet<int>();
        foreach (var result in results)
        {
            var locations = result.Locations.Select(key =>
            {
                usedMarkers.Add(key);
                return markers.TryGetValue(key, out var marker)
                    ? marker.Span
                    : throw new VerifierException($"{result} uses location {key}, but no source has '{{|#{key}:...|}}'.");
            }).ToList();

            expected.Add(new ExpectedDiagnostic(
                result.Id,
                locations.Count > 0 ? locations[0] : SourceSpan.None,
                locations.Skip(1).ToList(),
                result.Message ?? FormatMessage(result, supported),
                result.Severity,
                result.Properties,
                result.ToString()));
        }

        var unused = markers.Keys.Where(key => !usedMarkers.Contains(key)).OrderBy(key => key).ToList();
        if (unused.Count > 0)
        {
            throw new VerifierException(
                $"Location marker(s) {string.Join(", ", unused.Select(key => $"{{|#{key}:...|}}"))} are not used by any expected diagnostic: add ExpectDiagnostics(Diagnostic().WithLocation(n)...).");
        }

        return expected;
    }

    /// <summary>Fails with both lists, the differences, and the actual diagnostics written as markup (ready to paste).</summary>
    public static void Compare(
        string title,
        IReadOnlyList<ExpectedDiagnostic> expected,
        IReadOnlyList<Diagnostic> actual,
        IReadOnlyList<(string FileName, string Path, string Text)> documents,
        string? defaultId)
    {
        var unmatched = actual.ToList();
        var missing = new List<ExpectedDiagnostic>();
        foreach (var expectation in expected.OrderByDescending(e => e.Strictness))
        {
            var match = unmatched.FindIndex(expectation.Matches);
            if (match < 0)
            {
                missing.Add(expectation);
            }
            else
            {
                unmatched.RemoveAt(match);
            }
        }

        if (missing.Count == 0 && unmatched.Count == 0)
        {
            return;
        }

        var message = new StringBuilder($"{title}: the reported diagnostics differ from the expected ones.\n");
        message.Append("Missing (expected, not reported):\n").Append(TestWorkspace.Lines(missing.Select(m => m.ToString()))).Append('\n');
        message.Append("Unexpected (reported, not expected):\n").Append(TestWorkspace.Lines(unmatched.Select(TestWorkspace.Describe))).Append('\n');
        message.Append("All expected:\n").Append(TestWorkspace.Lines(expected.Select(e => e.ToString()))).Append('\n');
        message.Append("All reported:\n").Append(TestWorkspace.Lines(actual.Select(TestWorkspace.Describe))).Append('\n');
        message.Append(RenderAsMarkup(actual, documents, defaultId));
        throw new VerifierException(message.ToString());
    }

    private static SourceSpan Locate(TestSource source, MarkupSpan span)
    {
        var lines = Microsoft.CodeAnalysis.Text.SourceText.From(source.Markup.Text).Lines;
        var lineSpan = new FileLinePositionSpan(source.Path, lines.GetLinePosition(span.Span.Start), lines.GetLinePosition(span.Span.End));
        return new SourceSpan(source.Path, span.Span, lineSpan);
    }

    private static string? FormatMessage(DiagnosticResult result, ImmutableArray<DiagnosticDescriptor> supported)
    {
        if (result.Arguments is null)
        {
            return null;
        }

        var descriptor = supported.FirstOrDefault(d => d.Id == result.Id)
            ?? throw new VerifierException($"{result}: WithArguments needs the message format of {result.Id}, which the analyzer does not declare; use WithMessage.");
        return string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), result.Arguments);
    }

    private static string RenderAsMarkup(IReadOnlyList<Diagnostic> actual, IReadOnlyList<(string FileName, string Path, string Text)> documents, string? defaultId)
    {
        var text = new StringBuilder("Reported diagnostics as markup:\n");
        foreach (var document in documents)
        {
            var spans = actual
                .Where(d => d.Location.IsInSource && d.Location.SourceTree!.FilePath == document.Path)
                .Select(d => new MarkupSpan(d.Id == defaultId ? null : d.Id, d.Location.SourceSpan));
            var rendered = Markup.Render(document.Text, spans) ?? "(two reported spans cross each other: markup cannot show them)";
            text.Append($"---- {document.FileName} ----\n").Append(rendered);
            if (!rendered.EndsWith('\n'))
            {
                text.Append('\n');
            }
        }

        return text.Append("----").ToString();
    }
}
