using System.Linq;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Gatekeeper.Tests.VerifierTests;

public sealed class MarkupTests
{
    [Fact]
    public void Text_without_markup_is_unchanged()
    {
        var parsed = Markup.Parse("class C { int[] a = [1]; bool b = true || false; }");

        Assert.Equal("class C { int[] a = [1]; bool b = true || false; }", parsed.Text);
        Assert.Empty(parsed.Spans);
    }

    [Fact]
    public void Anonymous_span_marks_the_text_between_the_brackets()
    {
        var parsed = Markup.Parse("void [|Bad|]() { }");

        Assert.Equal("void Bad() { }", parsed.Text);
        Assert.Equal([new MarkupSpan(null, new TextSpan(5, 3))], parsed.Spans);
    }

    [Fact]
    public void Named_span_carries_the_diagnostic_id()
    {
        var parsed = Markup.Parse("void {|GK2001:Bad|}() { }");

        Assert.Equal("void Bad() { }", parsed.Text);
        var span = Assert.Single(parsed.Spans);
        Assert.Equal("GK2001", span.Key);
        Assert.False(span.IsLocationMarker);
        Assert.Equal(new TextSpan(5, 3), span.Span);
    }

    [Fact]
    public void Location_marker_is_numbered()
    {
        var span = Assert.Single(Markup.Parse("a {|#12:b|} c").Spans);

        Assert.Equal("#12", span.Key);
        Assert.True(span.IsLocationMarker);
        Assert.Equal(new TextSpan(2, 1), span.Span);
    }

    [Fact]
    public void Spans_nest_and_are_ordered_by_start_outer_first()
    {
        var parsed = Markup.Parse("x [|a{|#0:b{|ID1:c|}|}d|] [||]y");

        Assert.Equal("x abcd y", parsed.Text);
        Assert.Equal(
            [
                new MarkupSpan(null, TextSpan.FromBounds(2, 6)),
                new MarkupSpan("#0", TextSpan.FromBounds(3, 5)),
                new MarkupSpan("ID1", TextSpan.FromBounds(4, 5)),
                new MarkupSpan(null, new TextSpan(7, 0)),
            ],
            parsed.Spans);
    }

    [Fact]
    public void Brace_bar_without_a_name_is_text()
    {
        var parsed = Markup.Parse("a {| b");

        Assert.Equal("a {| b", parsed.Text);
        Assert.Empty(parsed.Spans);
    }

    [Theory]
    [InlineData("class [|C { }", "line 1, column 7: '[|' is never closed")]
    [InlineData("class C|] { }", "line 1, column 8: '|]' closes nothing")]
    [InlineData("a\n  [|b|}", "line 2, column 6: '|}' does not match the open '[|'")]
    [InlineData("{|X:a|]", "line 1, column 6: '|]' does not match the open '{|X:'")]
    public void Malformed_markup_is_reported_with_its_position(string markup, string expected)
    {
        var exception = Assert.Throws<VerifierException>(() => Markup.Parse(markup));

        Assert.Contains(expected, exception.Message);
    }

    [Theory]
    [InlineData("x [|a{|#0:b{|ID1:c|}|}d|] [||]y")]
    [InlineData("[|a|][|b|]{|X:|}[||]")]
    [InlineData("[|[|a|]b|]")]
    public void Render_writes_back_what_parse_read(string markup)
    {
        var parsed = Markup.Parse(markup);

        var rendered = Markup.Render(parsed.Text, parsed.Spans);

        Assert.Equal(parsed, Markup.Parse(rendered!), (a, b) => a.Text == b.Text && a.Spans.SequenceEqual(b.Spans));
    }

    [Fact]
    public void Render_gives_up_on_crossing_spans()
    {
        Assert.Null(Markup.Render("abcd", [new MarkupSpan(null, TextSpan.FromBounds(0, 2)), new MarkupSpan(null, TextSpan.FromBounds(1, 3))]));
    }
}
