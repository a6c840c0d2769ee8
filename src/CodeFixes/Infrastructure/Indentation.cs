using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gatekeeper.CodeFixes.Infrastructure;

/// <summary>Re-indents code that moves one level deeper (e.g. into a new <c>try</c> block).</summary>
internal static class Indentation
{
    /// <summary>
    /// Adds <paramref name="unit"/> at the start of every line inside <paramref name="node"/>
    /// after its first one; blank lines stay empty. The first line's indentation is the caller's.
    /// Text inside tokens (verbatim and raw string literals) is left alone: changing it would
    /// change the program.
    /// </summary>
    public static TNode ShiftContinuationLines<TNode>(TNode node, string unit)
        where TNode : SyntaxNode
    {
        var first = node.GetFirstToken();
        return node.ReplaceTokens(
            node.DescendantTokens(),
            (original, _) =>
            {
                if (original == first)
                {
                    return original;
                }

                var previous = original.GetPreviousToken();
                var atLineStart = previous.TrailingTrivia.Count > 0 && previous.TrailingTrivia[previous.TrailingTrivia.Count - 1].IsKind(SyntaxKind.EndOfLineTrivia);
                return original.WithLeadingTrivia(Shift(original.LeadingTrivia, atLineStart, unit));
            });
    }

    private static SyntaxTriviaList Shift(SyntaxTriviaList leading, bool atLineStart, string unit)
    {
        var result = new List<SyntaxTrivia>(leading.Count + 2);
        for (var i = 0; i < leading.Count; i++)
        {
            var trivia = leading[i];
            if (atLineStart)
            {
                if (trivia.IsKind(SyntaxKind.WhitespaceTrivia))
                {
                    var nextIsEndOfLine = i + 1 < leading.Count && leading[i + 1].IsKind(SyntaxKind.EndOfLineTrivia);
                    result.Add(nextIsEndOfLine ? trivia : SyntaxFactory.Whitespace(unit + trivia.ToString()));
                    atLineStart = false;
                    continue;
                }

                if (!trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    result.Add(SyntaxFactory.Whitespace(unit));
                }
            }

            result.Add(trivia);
            atLineStart = trivia.IsKind(SyntaxKind.EndOfLineTrivia);
        }

        if (atLineStart)
        {
            // The token itself starts the line.
            result.Add(SyntaxFactory.Whitespace(unit));
        }

        return SyntaxFactory.TriviaList(result);
    }
}
