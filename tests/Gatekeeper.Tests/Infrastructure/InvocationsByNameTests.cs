using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Infrastructure;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Gatekeeper.Tests.Infrastructure;

/// <summary>
/// The document rules find their rare calls from the text (<see cref="InvocationsByName"/>): they must find exactly
/// the invocations a walk of every node finds, whatever surrounds the name.
/// </summary>
public class InvocationsByNameTests
{
    private static readonly ImmutableArray<string> Prefixes = ImmutableArray.Create("Verify", "MustHaveHappened");

    private static bool IsName(string name) => name == "Verify" || name.StartsWith("MustHaveHappened", System.StringComparison.Ordinal);

    [Fact]
    public void Finds_each_call_of_the_names_once_and_nothing_else()
    {
        const string source = """
            class C
            {
                // Verify() in a comment, and "Verify()" in a string, are no calls.
                void Verify() { }
                void VerifyAll() { }
                void M(C x, C? maybe, System.Action a)
                {
                    var s = "Verify()";
                    x.Verify();
                    Verify();
                    maybe?.Verify();
                    @Verify();
                    /* Verify */ Verify();
                    x.VerifyAll();
                    a = x.Verify;
                    this.MustHaveHappenedOnceExactly();
                    x.Verify().ToString();
                }
                void MustHaveHappenedOnceExactly() { }
            }
            """;

        var found = Find(source);

        Assert.Equal(
            ["x.Verify()", "Verify()", ".Verify()", "@Verify()", "Verify()", "this.MustHaveHappenedOnceExactly()", "x.Verify()"],
            found.Select(invocation => invocation.ToString()));
        Assert.Equal(Walk(source), found.Select(invocation => invocation.SpanStart));
    }

    [Fact]
    public void A_name_written_with_a_Unicode_escape_is_found_by_a_walk()
    {
        var found = Find("class C { void Verify() { } void M() { Verif\\u0079(); this.Verify(); } }");

        Assert.Equal(["Verif\\u0079()", "this.Verify()"], found.Select(invocation => invocation.ToString()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(6)]
    public void A_name_across_a_chunk_boundary_is_found(int charactersBeforeBoundary)
    {
        // The call's name starts charactersBeforeBoundary characters before the end of the first chunk.
        const string prefix = "class C { void Verify() { } void M() {";
        var padding = new string(' ', SourceTextChunks.ChunkLength - charactersBeforeBoundary - prefix.Length);

        Assert.Single(Find(prefix + padding + "Verify(); } }"));
        Assert.Empty(Find(prefix + padding + "V erify(); } }"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(70)]
    public void A_name_longer_than_the_shared_look_ahead_is_found_across_a_chunk_boundary(int charactersBeforeBoundary)
    {
        // A configured name can be longer than the thread's shared buffer looks ahead: the scan gets a buffer of its own.
        var name = "Verify" + new string('X', SourceTextChunks.MaxLookAhead + 10);
        var prefix = "class C { void " + name + "() { } void M() {";
        var padding = new string(' ', SourceTextChunks.ChunkLength - charactersBeforeBoundary - prefix.Length);

        var found = InvocationsByName.In(CSharpSyntaxTree.ParseText(prefix + padding + name + "(); } }"), [name], n => n == name, CancellationToken.None);

        Assert.Single(found);
        Assert.Single(Find(prefix + padding + "Verify(); } }"));
    }

    [Fact]
    public void A_rented_chunk_buffer_fits_its_look_ahead_and_no_two_rents_share_one()
    {
        var first = SourceTextChunks.Rent();
        var nested = SourceTextChunks.Rent(SourceTextChunks.MaxLookAhead);
        var longer = SourceTextChunks.Rent(SourceTextChunks.MaxLookAhead + 1);

        Assert.NotSame(first, nested);
        Assert.True(nested.Length >= SourceTextChunks.ChunkLength + SourceTextChunks.MaxLookAhead);
        Assert.True(longer.Length >= SourceTextChunks.ChunkLength + SourceTextChunks.MaxLookAhead + 1);

        // The thread keeps one buffer of the shared size; a longer one is not kept.
        SourceTextChunks.Return(longer);
        SourceTextChunks.Return(first);
        Assert.Same(first, SourceTextChunks.Rent());
        Assert.NotSame(first, SourceTextChunks.Rent());
    }

    private static System.Collections.Generic.List<InvocationExpressionSyntax> Find(string source) =>
        InvocationsByName.In(CSharpSyntaxTree.ParseText(source), Prefixes, IsName, CancellationToken.None);

    private static int[] Walk(string source) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(invocation => SyntaxTreeIndex.InvokedName(invocation) is { } name && IsName(name))
            .Select(invocation => invocation.SpanStart)
            .ToArray();
}
