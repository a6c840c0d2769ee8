using System;
using System.Collections.Generic;
using System.Threading;
using Gatekeeper.Analyzers.Infrastructure;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>
/// GK2002's calls and <c>new</c> expressions of one document, found from its text instead of a callback per node: a
/// node action on every invocation and creation of a test project cost the driver more than the rule's own checks
/// (docs/performance.md, fifteenth pass). The result holds every node that <see cref="ClientCreationSyntax"/> could let
/// through, and a few more; the caller applies that filter as before.
/// <list type="bullet">
/// <item>A <c>new</c> whose written type name ends in <c>Client</c> or is a using alias in scope: the text has an
/// identifier ending in <c>Client</c>, or the alias's name, inside the creation's type or the declared type of a
/// target-typed <c>new()</c>.</item>
/// <item>Any other target-typed <c>new()</c>: the keyword followed by <c>(</c>.</item>
/// <item>A factory call: the name starts a word (<c>Create</c>, <c>Connect</c>, <c>Build</c> …).</item>
/// </list>
/// Where the text cannot tell (a Unicode escape, an alias longer than the look-ahead, configured client types, which may
/// have any name), every creation and invocation of the document is returned.
/// </summary>
internal static class ClientCreationCandidates
{
    private const string ClientSuffix = "Client";

    /// <summary>How far past a chunk's end a match may look (the <c>(</c> after <c>new</c>, a name's end).</summary>
    private const int LookAhead = 32;

    private static readonly string[] FactoryPrefixes = { "Create", "Connect", "SentinelConnect", "Build" };

    public static List<SyntaxNode> In(SyntaxTree tree, ClientCreationSyntax filter, bool anyTypeMayBeClient, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        if (anyTypeMayBeClient || !Scan(tree.GetText(cancellationToken), filter, filter.AliasNamesIn(tree, cancellationToken), out var hits, cancellationToken))
        {
            return EveryCreationAndInvocation(root);
        }

        var found = new List<SyntaxNode>();
        var seen = new HashSet<SyntaxNode>();
        foreach (var (position, kind) in hits)
        {
            var token = root.FindToken(position);
            if (!token.Span.Contains(position))
            {
                continue;
            }

            switch (kind)
            {
                case HitKind.ClientName when token.IsKind(SyntaxKind.IdentifierToken):
                    AddCreationsTyped(token, found, seen);
                    break;
                case HitKind.New when token.IsKind(SyntaxKind.NewKeyword) && token.Parent is ImplicitObjectCreationExpressionSyntax creation:
                    Add(creation, found, seen);
                    break;
                case HitKind.FactoryName when token.IsKind(SyntaxKind.IdentifierToken) && ExternalClients.IsFactoryMethodName(token.ValueText) && InvocationsByName.InvocationNamedBy(token) is { } invocation:
                    Add(invocation, found, seen);
                    break;
            }
        }

        found.Sort((a, b) => a.SpanStart.CompareTo(b.SpanStart));
        return found;
    }

    private static List<SyntaxNode> EveryCreationAndInvocation(SyntaxNode root)
    {
        var found = new List<SyntaxNode>();
        foreach (var node in root.DescendantNodes())
        {
            if (node is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or InvocationExpressionSyntax)
            {
                found.Add(node);
            }
        }

        return found;
    }

    /// <summary>
    /// The creations whose type <paramref name="identifier"/> is written in: <c>new HttpClient(…)</c>, or the declared
    /// type of a declaration initialized with <c>new()</c> (<c>HttpClient client = new();</c>, a field or property).
    /// </summary>
    private static void AddCreationsTyped(SyntaxToken identifier, List<SyntaxNode> found, HashSet<SyntaxNode> seen)
    {
        var node = identifier.Parent;
        while (node?.Parent is TypeSyntax or TypeArgumentListSyntax)
        {
            node = node.Parent;
        }

        switch (node?.Parent)
        {
            case ObjectCreationExpressionSyntax creation when creation.Type == node:
                Add(creation, found, seen);
                break;
            case VariableDeclarationSyntax declaration when declaration.Type == node:
                foreach (var variable in declaration.Variables)
                {
                    if (variable.Initializer?.Value is ImplicitObjectCreationExpressionSyntax implicitCreation)
                    {
                        Add(implicitCreation, found, seen);
                    }
                }

                break;
            case PropertyDeclarationSyntax property when property.Type == node && property.Initializer?.Value is ImplicitObjectCreationExpressionSyntax implicitCreation:
                Add(implicitCreation, found, seen);
                break;
        }
    }

    private static void Add(SyntaxNode node, List<SyntaxNode> found, HashSet<SyntaxNode> seen)
    {
        if (seen.Add(node))
        {
            found.Add(node);
        }
    }

    private enum HitKind
    {
        ClientName,
        New,
        FactoryName,
    }

    /// <summary>
    /// The positions of the three kinds of hit (comments and strings included: the token there tells); an alias's name
    /// counts as a client's. False when the text has a Unicode escape, which could spell a name otherwise, or an alias is
    /// longer than the look-ahead. Read in chunks, so a large file makes no large string.
    /// </summary>
    private static bool Scan(SourceText text, ClientCreationSyntax filter, List<string> aliases, out List<(int Position, HitKind Kind)> hits, CancellationToken cancellationToken)
    {
        hits = new List<(int, HitKind)>();
        foreach (var alias in aliases)
        {
            if (alias.Length == 0 || alias.Length >= LookAhead)
            {
                return false;
            }
        }

        var factoryPrefixes = new List<string>(FactoryPrefixes.Length);
        foreach (var prefix in FactoryPrefixes)
        {
            if (filter.MayBeFactoryInThisCompilation(prefix))
            {
                factoryPrefixes.Add(prefix);
            }
        }

        var chunkLength = SourceTextChunks.ChunkLength;
        var buffer = SourceTextChunks.Rent(LookAhead);
        var previous = '\0';
        for (var start = 0; start < text.Length; start += chunkLength)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(chunkLength + LookAhead, text.Length - start);
            text.CopyTo(start, buffer, 0, count);
            var atTextEnd = start + count == text.Length;
            var limit = Math.Min(count, chunkLength);
            for (var i = 0; i < limit; i++)
            {
                var c = buffer[i];
                if (previous == '\\' && c is 'u' or 'U')
                {
                    SourceTextChunks.Return(buffer);
                    return false;
                }

                if (c == 'C' && EndsIdentifierAt(buffer, i, count, ClientSuffix))
                {
                    hits.Add((start + i, HitKind.ClientName));
                }

                if (!InvocationsByName.IsIdentifierPart(previous))
                {
                    if (c == 'n' && IsNewBeforeParenthesis(buffer, i, count, atTextEnd))
                    {
                        hits.Add((start + i, HitKind.New));
                    }
                    else if (IsAliasAt(buffer, i, count, aliases))
                    {
                        hits.Add((start + i, HitKind.ClientName));
                    }
                    else
                    {
                        foreach (var prefix in factoryPrefixes)
                        {
                            if (c == prefix[0] && InvocationsByName.StartsAt(buffer, i, count, prefix))
                            {
                                hits.Add((start + i, HitKind.FactoryName));
                                break;
                            }
                        }
                    }
                }

                previous = c;
            }
        }

        SourceTextChunks.Return(buffer);
        return true;
    }

    /// <summary><paramref name="word"/> is at <paramref name="index"/> and no identifier character follows it (the end of a name).</summary>
    private static bool EndsIdentifierAt(char[] buffer, int index, int count, string word)
    {
        // The look-ahead is longer than the word: past the buffer's end is the text's end.
        var after = index + word.Length;
        return InvocationsByName.StartsAt(buffer, index, count, word) && (after >= count || !InvocationsByName.IsIdentifierPart(buffer[after]));
    }

    /// <summary>A whole word at <paramref name="index"/> (the caller has seen a word start) is one of <paramref name="aliases"/>.</summary>
    private static bool IsAliasAt(char[] buffer, int index, int count, List<string> aliases)
    {
        foreach (var alias in aliases)
        {
            if (buffer[index] == alias[0] && EndsIdentifierAt(buffer, index, count, alias))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The keyword <c>new</c> at <paramref name="index"/>, then white space and <c>(</c> (or what the look-ahead cannot see past).</summary>
    private static bool IsNewBeforeParenthesis(char[] buffer, int index, int count, bool atTextEnd)
    {
        if (!InvocationsByName.StartsAt(buffer, index, count, "new"))
        {
            return false;
        }

        for (var k = index + 3; k < count; k++)
        {
            var c = buffer[k];
            if (k == index + 3 && InvocationsByName.IsIdentifierPart(c))
            {
                return false;
            }

            if (c is ' ' or '\t' or '\r' or '\n')
            {
                continue;
            }

            // A comment between the keyword and the parenthesis is kept as a hit: the token tells.
            return c is '(' or '/';
        }

        return !atTextEnd;
    }
}
