using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.Analyzers.Infrastructure;

/// <summary>
/// The invocations of one document whose invoked member has one of a few rare names (<c>Verify</c>, <c>Received</c>),
/// found from the document's text: each place a name starts a word, then the token there. A rule that analyzes a
/// document at a time (after the compiler has bound it) finds its calls this way without walking every node of every
/// body, which costs more than the driver's one walk that node actions share (docs/performance.md, twelfth pass).
/// A name written with a Unicode escape (<c>Verif\u0079</c>) is not in the text as itself: a document with an escape
/// is walked instead.
/// </summary>
internal static class InvocationsByName
{
    /// <param name="prefixes">What the names start with (<c>MustHaveHappened</c> for <c>MustHaveHappenedOnceExactly</c>).</param>
    /// <param name="isName">Whether an invoked member's exact name is one that is looked for.</param>
    public static List<InvocationExpressionSyntax> In(
        SyntaxTree tree,
        ImmutableArray<string> prefixes,
        Func<string, bool> isName,
        CancellationToken cancellationToken)
    {
        var found = new List<InvocationExpressionSyntax>();
        var text = tree.GetText(cancellationToken);
        var root = tree.GetRoot(cancellationToken);
        if (!WordStarts(text, prefixes, out var positions, cancellationToken))
        {
            foreach (var node in root.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation && SyntaxTreeIndex.InvokedName(invocation) is { } name && isName(name))
                {
                    found.Add(invocation);
                }
            }

            return found;
        }

        foreach (var position in positions)
        {
            var token = root.FindToken(position);
            if (token.IsKind(SyntaxKind.IdentifierToken)
                && token.Span.Contains(position)
                && isName(token.ValueText)
                && InvocationNamedBy(token) is { } invocation)
            {
                found.Add(invocation);
            }
        }

        return found;
    }

    /// <summary>The invocation whose invoked member is named by <paramref name="token"/>, if it is one.</summary>
    internal static InvocationExpressionSyntax? InvocationNamedBy(SyntaxToken token)
    {
        if (token.Parent is not SimpleNameSyntax name)
        {
            return null;
        }

        ExpressionSyntax invoked = name.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == name => access,
            MemberBindingExpressionSyntax binding when binding.Name == name => binding,
            _ => name,
        };

        return invoked.Parent is InvocationExpressionSyntax invocation && invocation.Expression == invoked ? invocation : null;
    }

    /// <summary>
    /// The positions where one of <paramref name="prefixes"/> starts a word (comments and strings included: the
    /// token there tells). False when the text has a Unicode escape, which could spell a name otherwise.
    /// Read in chunks, so a large file makes no large string.
    /// </summary>
    private static bool WordStarts(SourceText text, ImmutableArray<string> prefixes, out List<int> positions, CancellationToken cancellationToken)
    {
        positions = new List<int>();
        var longest = 0;
        foreach (var prefix in prefixes)
        {
            longest = Math.Max(longest, prefix.Length);
        }

        // Each chunk is read with the next `longest` characters, so that a name across a chunk's end is seen whole.
        var chunkLength = SourceTextChunks.ChunkLength;
        var buffer = SourceTextChunks.Rent(lookAhead: longest);
        var previous = '\0';
        for (var start = 0; start < text.Length; start += chunkLength)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(chunkLength + longest, text.Length - start);
            text.CopyTo(start, buffer, 0, count);
            var limit = Math.Min(count, chunkLength);
            for (var i = 0; i < limit; i++)
            {
                var c = buffer[i];
                if (previous == '\\' && c is 'u' or 'U')
                {
                    SourceTextChunks.Return(buffer);
                    return false;
                }

                if (!IsIdentifierPart(previous))
                {
                    foreach (var prefix in prefixes)
                    {
                        if (c == prefix[0] && StartsAt(buffer, i, count, prefix))
                        {
                            positions.Add(start + i);
                            break;
                        }
                    }
                }

                previous = c;
            }
        }

        SourceTextChunks.Return(buffer);
        return true;
    }

    /// <summary><paramref name="prefix"/> is in <paramref name="buffer"/> at <paramref name="index"/>, within its first <paramref name="count"/> characters; the caller has matched its first character.</summary>
    internal static bool StartsAt(char[] buffer, int index, int count, string prefix)
    {
        if (index + prefix.Length > count)
        {
            return false;
        }

        for (var k = 1; k < prefix.Length; k++)
        {
            if (buffer[index + k] != prefix[k])
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsIdentifierPart(char c) =>
        c < 128 ? (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_') : SyntaxFacts.IsIdentifierPartCharacter(c);
}
