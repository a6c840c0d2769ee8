using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.Tests.Verifiers;

/// <summary>
/// A span marked in test markup. <see cref="Key"/> is null for <c>[|text|]</c>, the diagnostic id for
/// <c>{|GK2001:text|}</c>, or <c>#n</c> for the location marker <c>{|#n:text|}</c>.
/// </summary>
public readonly record struct MarkupSpan(string? Key, TextSpan Span)
{
    public bool IsLocationMarker => Key is not null && Key.StartsWith('#');
}

/// <summary>Source text with the markup removed, plus the marked spans (ordered by start, outer first).</summary>
public sealed record ParsedMarkup(string Text, IReadOnlyList<MarkupSpan> Spans);

/// <summary>
/// The markup of analyzer tests, as in Microsoft.CodeAnalysis.Testing:
/// <c>[|text|]</c> marks a diagnostic of the analyzer's only id, <c>{|GK2001:text|}</c> one with an explicit id,
/// <c>{|#0:text|}</c> location 0 for <c>DiagnosticResult.WithLocation(0)</c>. Spans can nest; <c>[||]</c> is an empty span.
/// There is no escape: <c>[|</c>, <c>|]</c>, <c>|}</c> and <c>{|name:</c> never occur in the C# we test.
/// A <c>{|</c> not followed by <c>name:</c> is kept as text.
/// </summary>
public static class Markup
{
    public static ParsedMarkup Parse(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var open = new Stack<(string? Key, int Start, int MarkupIndex)>();
        var spans = new List<MarkupSpan>();

        for (var i = 0; i < markup.Length;)
        {
            if (At(markup, i, "[|"))
            {
                open.Push((null, text.Length, i));
                i += 2;
            }
            else if (At(markup, i, "{|") && TryReadKey(markup, i + 2, out var key))
            {
                open.Push((key, text.Length, i));
                i += 2 + key.Length + 1;
            }
            else if (At(markup, i, "|]") || At(markup, i, "|}"))
            {
                var closesNamed = markup[i + 1] == '}';
                if (open.Count == 0)
                {
                    throw Invalid(markup, i, $"'{markup.Substring(i, 2)}' closes nothing");
                }

                var (openKey, start, _) = open.Pop();
                if (closesNamed != (openKey is not null))
                {
                    throw Invalid(markup, i, $"'{markup.Substring(i, 2)}' does not match the open '{(openKey is null ? "[|" : "{|" + openKey + ":")}'");
                }

                spans.Add(new MarkupSpan(openKey, TextSpan.FromBounds(start, text.Length)));
                i += 2;
            }
            else
            {
                text.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            var (key, _, markupIndex) = open.Peek();
            throw Invalid(markup, markupIndex, $"'{(key is null ? "[|" : "{|" + key + ":")}' is never closed");
        }

        var ordered = spans.OrderBy(s => s.Span.Start).ThenByDescending(s => s.Span.Length).ToList();
        return new ParsedMarkup(text.ToString(), ordered);
    }

    /// <summary>
    /// Writes spans back into text as markup (the inverse of <see cref="Parse"/>), so a failure can show
    /// what the analyzer actually reported in a form that can be pasted into the test.
    /// Returns null when two spans cross each other (markup cannot express that).
    /// </summary>
    public static string? Render(string text, IEnumerable<MarkupSpan> spans)
    {
        var ordered = spans.OrderBy(s => s.Span.Start).ThenByDescending(s => s.Span.Length).ToList();
        for (var a = 0; a < ordered.Count; a++)
        {
            for (var b = a + 1; b < ordered.Count; b++)
            {
                TextSpan x = ordered[a].Span, y = ordered[b].Span;
                if (y.Start < x.End && y.End > x.End)
                {
                    return null;
                }
            }
        }

        // Insert from the end so earlier offsets stay valid. At one offset the result must read: closers
        // (inner first), then openers (outer first); an empty span is one token, placed as an opener.
        var inserts = new List<(int Position, int Order, string Text)>();
        for (var index = 0; index < ordered.Count; index++)
        {
            var span = ordered[index];
            var opener = span.Key is null ? "[|" : "{|" + span.Key + ":";
            var closer = span.Key is null ? "|]" : "|}";
            if (span.Span.IsEmpty)
            {
                inserts.Add((span.Span.Start, index, opener + closer));
                continue;
            }

            inserts.Add((span.Span.Start, index, opener));
            inserts.Add((span.Span.End, -index - 1, closer));
        }

        var result = new StringBuilder(text);
        foreach (var insert in inserts.OrderByDescending(x => x.Position).ThenByDescending(x => x.Order))
        {
            result.Insert(insert.Position, insert.Text);
        }

        return result.ToString();
    }

    private static bool At(string s, int index, string token) =>
        string.CompareOrdinal(s, index, token, 0, token.Length) == 0;

    private static bool TryReadKey(string s, int start, out string key)
    {
        var end = start;
        while (end < s.Length && (char.IsLetterOrDigit(s[end]) || s[end] is '#' or '_' or '-' or '.'))
        {
            end++;
        }

        key = s.Substring(start, end - start);
        return end > start && end < s.Length && s[end] == ':';
    }

    private static VerifierException Invalid(string markup, int index, string problem)
    {
        var line = 1 + markup.Take(index).Count(c => c == '\n');
        var column = index - (markup.LastIndexOf('\n', index == 0 ? 0 : index - 1) + 1) + 1;
        return new VerifierException($"Invalid markup at line {line}, column {column}: {problem}.");
    }
}
