using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Infrastructure;

/// <summary>
/// The tokens at a series of positions in one tree, found from the member that held the previous one when the next
/// position is inside it. <see cref="SyntaxNode.FindToken(int, bool)"/> from the root steps through every member of a
/// type before the one it wants: for each of the thousand hits of a text search in a 2,000-line test class, that was
/// a keystroke's worth of work in the IDE (docs/performance.md, fifteenth pass).
/// </summary>
internal struct TokenCursor
{
    private readonly SyntaxNode _root;
    private SyntaxNode? _member;

    public TokenCursor(SyntaxNode root)
    {
        _root = root;
        _member = null;
    }

    /// <summary>The token whose full span holds <paramref name="position"/>, as <c>root.FindToken(position)</c> finds it.</summary>
    public SyntaxToken At(int position)
    {
        if (_member is not null && _member.FullSpan.Contains(position))
        {
            return _member.FindToken(position);
        }

        var token = _root.FindToken(position);
        _member = null;
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            if (node is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax)
            {
                _member = node;
                break;
            }
        }

        return token;
    }
}
