using System.Linq;
using Gatekeeper.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Gatekeeper.Tests.Infrastructure;

/// <summary>
/// The text searches find the token at each hit with <see cref="TokenCursor"/>, which starts from the previous hit's
/// member: it must find what <c>root.FindToken</c> finds, at every position, in order or not.
/// </summary>
public class TokenCursorTests
{
    private const string Source = """
        using System;

        var top = 1; // a global statement
        Console.WriteLine(top);

        namespace Shop
        {
            /// <summary>Docs.</summary>
            public class Orders
            {
                private int _count = 2;
                public int Count { get => _count; set => _count = value; }
                public void Add(int n) { _count += n; void Local() { } Local(); }
                public class Nested { public void M() { } }
                // trailing trivia
            }

            public enum Color { Red, Green }
        }
        """;

    [Fact]
    public void Finds_the_token_root_FindToken_finds_at_every_position()
    {
        var root = CSharpSyntaxTree.ParseText(Source).GetRoot();
        var forward = new TokenCursor(root);
        var positions = Enumerable.Range(0, root.FullSpan.End).ToArray();

        foreach (var position in positions)
        {
            Assert.Equal(root.FindToken(position), forward.At(position));
        }

        var jumping = new TokenCursor(root);
        foreach (var position in positions.Reverse().Concat(positions.Where(p => p % 7 == 0)))
        {
            Assert.Equal(root.FindToken(position), jumping.At(position));
        }
    }
}
