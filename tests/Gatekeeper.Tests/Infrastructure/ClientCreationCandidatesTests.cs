using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.Analyzers.Testing;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Gatekeeper.Tests.Infrastructure;

/// <summary>
/// GK2002 finds a document's candidate creations and factory calls from its text (<see cref="ClientCreationCandidates"/>)
/// instead of a callback per node. Whatever surrounds them, it must find every node that its syntax filter
/// (<see cref="ClientCreationSyntax"/>) lets through, which a walk of every node finds.
/// </summary>
public class ClientCreationCandidatesTests
{
    private const string Libraries = """
        namespace StackExchange.Redis { public class ConnectionMultiplexer { public static ConnectionMultiplexer Connect(string s) => null!; } }
        namespace System.Net { public class WebRequest { public static WebRequest Create(string s) => null!; } }
        namespace System.Net.Http { public class HttpClient { } }
        """;

    [Fact]
    public void Finds_every_node_the_syntax_filter_lets_through()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Net;
            using System.Net.Http;
            using StackExchange.Redis;

            public class OrderClient<T> { }
            public class Order { }
            public class Controller { public object Create(object o) => o; }
            public class Builder { public object Build() => this; }

            public class Shapes<TNew> where TNew : new()
            {
                // new HttpClient() in a comment, and "new HttpClient()" in a string, are no creations.
                private readonly HttpClient _field = new();
                public HttpClient Property { get; } = new();
                private readonly Controller _controller = new Controller();
                public HttpClient Arrow => new HttpClient();

                public object M(Builder builder)
                {
                    var text = "new HttpClient()";
                    var a = new HttpClient();
                    var b = new System.Net.Http.HttpClient();
                    var c = new global::System.Net.Http.HttpClient();
                    var d = new OrderClient<int>();
                    HttpClient e = new(), f = new ();
                    HttpClient? g = new();
                    Use(new());
                    Use(new /* a comment */ ());
                    Use(new
                        ());
                    var list = new List<HttpClient>();
                    var order = new Order();
                    var request = WebRequest.Create("http://example.com");
                    var same = System.Net.WebRequest.Create("http://example.com");
                    var created = _controller.Create(order);
                    var redis = ConnectionMultiplexer.Connect("localhost");
                    var built = builder.Build();
                    var renewed = Renew();
                    return new();
                }

                private static void Use(HttpClient client) { }
                private static object Renew() => null!;
            }
            """;

        var (found, expected) = FindAndWalk(source);

        // 14 creations (those of a type named *Client, the target-typed ones) and 3 factory calls (WebRequest.Create twice,
        // ConnectionMultiplexer.Connect); not `new Controller()`, `new Order()`, `new List<HttpClient>()`, `_controller.Create`,
        // nor `builder.Build()` (no Confluent here).
        Assert.Equal(17, expected.Count);
        Assert.Empty(expected.Except(found));
    }

    [Fact]
    public void Finds_nothing_where_the_text_names_no_client_and_no_factory()
    {
        var (found, expected) = FindAndWalk("""
            public class Order { }
            public class Tests
            {
                public void M()
                {
                    var order = new Order();
                    order.ToString();
                    System.Console.WriteLine(order);
                }
            }
            """);

        Assert.Empty(expected);
        Assert.Empty(found);
    }

    [Fact]
    public void A_name_written_with_a_Unicode_escape_is_found_by_a_walk()
    {
        var (found, expected) = FindAndWalk("public class C { object M() => new System.Net.Http.HttpCli\\u0065nt(); }");

        Assert.Single(expected);
        Assert.Empty(expected.Except(found));
    }

    [Fact]
    public void A_creation_through_a_using_alias_is_found_by_the_alias_name()
    {
        // A local alias, a global one declared in another file, a target-typed new() of an alias type; the other
        // creation and call name no alias and no client, and a longer word that starts with an alias's name is not it.
        var (found, expected) = FindAndWalk(
            """
            using Web = System.Net.Http.HttpClient;
            public class C
            {
                private readonly Web _field = new();
                object M() => new Web();
                object N() => new Sockets();
                object O() => new Website();
                void P() => M();
            }
            public class Website { }
            """,
            "global using Sockets = System.Net.Sockets.TcpClient;");

        Assert.Equal(3, expected.Count);
        Assert.Equal(["new()", "new Web()", "new Sockets()"], found.Select(node => node.ToString()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(7)]
    public void A_client_name_or_a_target_typed_new_across_a_chunk_boundary_is_found(int charactersBeforeBoundary)
    {
        // "Client" (then "new") starts charactersBeforeBoundary characters before the end of the first chunk.
        const string prefix = "public class C { void Use(System.Net.Http.HttpClient c) { } void M() {";
        const string beforeClient = "var a = new System.Net.Http.Http";
        const string beforeNew = "Use(";

        var (creations, _) = FindAndWalk(prefix + Padding(prefix.Length + beforeClient.Length, charactersBeforeBoundary) + beforeClient + "Client(); } }");
        Assert.Equal(["new System.Net.Http.HttpClient()"], creations.Select(node => node.ToString()));

        var (targetTyped, _) = FindAndWalk(prefix + Padding(prefix.Length + beforeNew.Length, charactersBeforeBoundary) + beforeNew + "new        ()); } }");
        Assert.Equal(["new        ()"], targetTyped.Select(node => node.ToString()));
    }

    private static string Padding(int written, int charactersBeforeBoundary) =>
        new(' ', SourceTextChunks.ChunkLength - charactersBeforeBoundary - written);

    /// <summary>The candidates found from the text, and the nodes a walk of every node finds that the syntax filter lets through.</summary>
    private static (List<SyntaxNode> Found, List<SyntaxNode> Expected) FindAndWalk(string source, string otherFile = "")
    {
        var tree = CSharpSyntaxTree.ParseText(source);
        var compilation = CSharpCompilation.Create("Candidates", [tree, CSharpSyntaxTree.ParseText(Libraries), CSharpSyntaxTree.ParseText(otherFile)]);
        var filter = new ClientCreationSyntax(compilation);
        var found = ClientCreationCandidates.In(tree, filter, anyTypeMayBeClient: false, CancellationToken.None);
        var expected = tree.GetRoot().DescendantNodes()
            .Where(node => node switch
            {
                ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax => filter.MayCreateTypeNamedClient(node, CancellationToken.None),
                InvocationExpressionSyntax invocation => InvokedName(invocation) is { } name && ExternalClients.IsFactoryMethodName(name)
                    && filter.MayBeFactoryCall(invocation, name, CancellationToken.None),
                _ => false,
            })
            .ToList();
        return (found, expected);
    }

    private static string? InvokedName(InvocationExpressionSyntax invocation) => SyntaxTreeIndex.InvokedName(invocation);
}
