using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Gatekeeper.Tests.Web;

/// <summary>
/// The per-tree syntax index walks a tree's method bodies only when the tree's text names what is asked,
/// and takes method declarations from the outline. Whatever it skips, it must find exactly what a walk of
/// every node finds: a missed caller of a registration method or a missed <c>AddAuthorization</c> changes
/// what GK1001–GK1004 report.
/// </summary>
public sealed class CompilationSyntaxIndexTests
{
    private static readonly string[] Sources =
    [
        """
        namespace Api;
        public static class OrderEndpoints
        {
            public static void AddOrderRoutes(this object app) { app.Register(); Helper<int>(); }
            private static void Helper<T>() { }
            public static void Register(this object app) { }
        }
        """,
        """
        namespace Api
        {
            // Comments may name AddOrderRoutes: a mention, not a call.
            public class Startup
            {
                public void Configure(object app)
                {
                    app.AddOrderRoutes();
                    app?.Register();
                    @Register(app);
                    void Local() => Register(app);
                }

                private static void Register(object app) { }

                public class Nested { public void Register() { } }
            }
        }
        """,
        """
        namespace Api;
        // A Unicode escape spells the method name without its letters in a row.
        public class Escaped { public void Run(object app) { app.\u0041ddOrderRoutes(); } }
        """,
        """
        namespace Api;
        public class OrderMappings { public static object ToResponse(object order) => Mapper.Convert(order); }
        public static class Mapper { public static object Convert(object value) => value; }
        """,
        """
        var app = new object();
        app.AddOrderRoutes();
        Run();
        void Run() { }
        """,
    ];

    [Fact]
    public void Invocations_by_name_are_those_a_walk_of_every_node_finds()
    {
        var compilation = Compile(Sources);
        var index = new CompilationSyntaxIndex(compilation);
        var everyInvocation = compilation.SyntaxTrees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            .ToList();
        var names = everyInvocation.Select(SyntaxTreeIndex.InvokedName).OfType<string>().Distinct().ToList();
        Assert.Contains("AddOrderRoutes", names);

        foreach (var name in names.Append("NeverCalled"))
        {
            var expected = everyInvocation.Where(i => SyntaxTreeIndex.InvokedName(i) == name).Select(Describe).OrderBy(d => d).ToList();
            var found = index.InvocationsNamed(name, CancellationToken.None).Select(Describe).OrderBy(d => d).ToList();
            Assert.Equal(expected, found);
        }

        // Three calls of AddOrderRoutes, one of them spelled with an escape.
        Assert.Equal(3, index.InvocationsNamed("AddOrderRoutes", CancellationToken.None).Count);
    }

    [Fact]
    public void Methods_by_name_are_every_declared_method_and_no_local_function()
    {
        var compilation = Compile(Sources);
        var index = new CompilationSyntaxIndex(compilation);
        var everyMethod = compilation.SyntaxTrees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            .ToList();

        foreach (var name in everyMethod.Select(m => m.Identifier.ValueText).Distinct().Append("Local").Append("Run"))
        {
            var expected = everyMethod.Where(m => m.Identifier.ValueText == name).Select(Describe).OrderBy(d => d).ToList();
            var found = index.MethodsNamed(name, CancellationToken.None).Select(Describe).OrderBy(d => d).ToList();
            Assert.Equal(expected, found);
        }

        Assert.Equal(3, index.MethodsNamed("Register", CancellationToken.None).Count);
        Assert.Empty(index.MethodsNamed("Local", CancellationToken.None));
        Assert.Single(index.MethodsNamed("Run", CancellationToken.None));
    }

    [Fact]
    public void Only_trees_whose_text_names_a_Map_method_may_map_an_endpoint()
    {
        Assert.True(MentionsMap("app.MapGet(\"/\", () => 1);"));
        Assert.True(MentionsMap("app.Map(\"/\", () => 1);"));
        Assert.True(MentionsMap("group.MapDelete(\"/{id}\", Delete);"));
        Assert.True(MentionsMap("app.MapMethods(\"/\", new[] { \"PATCH\" }, () => 1);"));
        Assert.True(MentionsMap("app.\\u004DapGet(\"/\", () => 1);"));

        // Words that contain Map but name no Map* method: mappers, MapGroup, a type named Map…ings.
        Assert.False(MentionsMap("public static class OrderMappings { }"));
        Assert.False(MentionsMap("var dto = _mapper.ToDto(order); var api = app.MapGroup(\"/api\"); var roadMap = 1;"));
    }

    [Theory]
    [InlineData("app.MapGet(\"/\", () => 1);", true)]
    [InlineData("app.\\u004DapGet(\"/\", () => 1);", true)]
    [InlineData("var map = app.OrderMappings(); app.MapGroup(\"/api\");", false)]
    [InlineData("app.Use(\"/\", () => 1);", false)]
    public void A_compilation_has_a_Map_call_when_a_tree_names_one_even_through_an_escape(string statement, bool expected)
    {
        var compilation = Compile(["static class Program { static void Main(dynamic app) { " + statement + " } }"]);
        Assert.Equal(expected, new CompilationSyntaxIndex(compilation).HasAnyMapCall(CancellationToken.None));
    }

    [Theory]
    [InlineData("app.Register();", "Register", true)]
    [InlineData("@Register(app);", "Register", true)]
    [InlineData("x?.Register<int>();", "Register", true)]
    [InlineData("// Register later", "Register", true)]
    [InlineData("RegisterAll(); PreRegister(); Register2();", "Register", false)]
    [InlineData("ÄRegister(); Register_x();", "Register", false)]
    [InlineData("app.\\u0052egister();", "Register", true)]
    [InlineData("var s = \"\\n\";", "Register", false)]
    [InlineData("", "Register", false)]
    [InlineData("Register", "Register", true)]
    [InlineData("x.Registe();", "Register", false)]
    public void A_text_may_name_an_identifier_only_as_a_whole_word_or_through_an_escape(string text, string name, bool expected) =>
        Assert.Equal(expected, SourceTextWords.Of(SourceText.From(text)).MayName(name));

    [Fact]
    public void The_word_filter_knows_every_word_and_rules_out_most_others()
    {
        var words = Enumerable.Range(0, 600).Select(i => $"Word{i}").ToList();
        var filter = SourceTextWords.Of(SourceText.From(string.Join(" ", words.Select(w => $"var {w} = x.{w}();"))));
        Assert.All(words, word => Assert.True(filter.MayName(word)));

        // A Bloom filter may say "maybe" for an absent word: rarely, or the index walks trees for nothing.
        var maybes = Enumerable.Range(0, 2000).Count(i => filter.MayName($"Absent{i}"));
        Assert.True(maybes < 100, $"{maybes} of 2000 absent words read as maybe");
    }

    [Theory]
    [InlineData("MapGet", 0)]
    [InlineData("MapGet", 1)]
    [InlineData("MapGet", 2)]
    [InlineData("MapGet", 5)]
    [InlineData("\\u004DapGet", 0)]
    [InlineData("\\u004DapGet", 1)]
    public void A_text_is_read_in_chunks_and_a_name_across_a_chunk_boundary_counts(string name, int charactersBeforeBoundary)
    {
        // The name starts charactersBeforeBoundary characters before the end of the first chunk.
        var padding = new string(' ', SourceTextChunks.ChunkLength - charactersBeforeBoundary);
        var text = SourceText.From(padding + name + "(x);" + new string(' ', 100));
        Assert.True(SourceTextWords.Of(text).MayName("MapGet"));
        Assert.True(CompilationSyntaxIndex.MayContainMapName(text));

        // The same text with the name broken at that place names nothing.
        var broken = SourceText.From(padding + name.Substring(0, 1) + " " + name.Substring(1) + "(x);" + new string(' ', 100));
        Assert.False(SourceTextWords.Of(broken).MayName("MapGet"));
        Assert.False(CompilationSyntaxIndex.MayContainMapName(broken));
    }

    [Fact]
    public void A_text_without_Map_or_an_escape_needs_no_word_scan()
    {
        Assert.False(CompilationSyntaxIndex.MayContainMapName(SourceText.From("var mapper = new OrderProjection(); var s = \"\\n\";")));
        Assert.False(CompilationSyntaxIndex.MayContainMapName(SourceText.From("")));
        Assert.True(CompilationSyntaxIndex.MayContainMapName(SourceText.From("Ma" + "p")));
        Assert.True(CompilationSyntaxIndex.MayContainMapName(SourceText.From("x.\\U0000004DapGet()")));
    }

    private static bool MentionsMap(string statements) =>
        SourceTextWords.Of(SourceText.From("class C { void M(dynamic app, dynamic group, dynamic _mapper, dynamic order) { " + statements + " } }")).MayNameAny(MinimalApiEndpoints.MapMethodNames);

    private static CSharpCompilation Compile(string[] sources) =>
        CSharpCompilation.Create(
            "Index",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, path: $"File{i}.cs")),
            options: new CSharpCompilationOptions(OutputKind.ConsoleApplication));

    private static string Describe(SyntaxNode node) => $"{node.SyntaxTree.FilePath}@{node.SpanStart}";
}
