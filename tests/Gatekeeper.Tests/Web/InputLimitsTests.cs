using Gatekeeper.Analyzers.Rules;
using Gatekeeper.Analyzers.Web;
using Xunit;

namespace Gatekeeper.Tests.Web;

/// <summary>How GK1002 decides that a regular expression or a route constraint bounds a length, and which length its fix suggests.</summary>
public class InputLimitsTests
{
    [Theory]
    [InlineData(@"^[a-z]{1,64}$", true)]
    [InlineData(@"[a-z]{1,64}", true)] // [RegularExpression] matches the whole value: anchors are implied
    [InlineData(@"^\d{5}(-\d{4})?$", true)]
    [InlineData(@"^(?=.*\d)(?=.*[A-Z]).{8,64}$", true)] // lookaheads do not consume
    [InlineData(@"^(?<!x+)a{2}$", true)]
    [InlineData(@"^[+*]{1,3}$", true)] // quantifier characters inside a class are literals
    [InlineData(@"^\+\*{2}$", true)] // escaped
    [InlineData(@"^\p{L}{1,10}$", true)]
    [InlineData(@"^(?#a comment with + and *)x{3}$", true)]
    [InlineData(@"^\d+$", false)]
    [InlineData(@"^[a-z]{3,}$", false)]
    [InlineData(@"^.*$", false)]
    [InlineData(@"^(ab)+$", false)]
    [InlineData(@"^a*?$", false)]
    [InlineData("", false)]
    public void Attribute_patterns_bound_when_no_consuming_part_repeats_without_limit(string pattern, bool bounded) =>
        Assert.Equal(bounded, RegexLength.IsBounded(pattern, requireAnchors: false));

    [Theory]
    [InlineData(@"^[a-z]{1,8}$", true)]
    [InlineData(@"\A[a-z]{1,8}\z", true)]
    [InlineData(@"[a-z]{1,8}", false)] // a search: "xxxxxxxxxxabc" matches
    [InlineData(@"^[a-z]{1,8}", false)]
    [InlineData(@"^[a-z]{1,8}\$", false)]
    public void Search_patterns_need_both_anchors(string pattern, bool bounded) =>
        Assert.Equal(bounded, RegexLength.IsBounded(pattern, requireAnchors: true));

    [Theory]
    [InlineData("maxlength(64)", true)]
    [InlineData("length(2,8)", true)]
    [InlineData("length(8)", true)]
    [InlineData("minlength(2):maxlength(64)", true)]
    [InlineData("guid", true)]
    [InlineData("int:min(1)", true)]
    [InlineData("regex(^[[a-z]]{{1,8}}$)", true)]
    [InlineData("regex(^[[a-z]]+$)", false)]
    [InlineData("alpha", false)]
    [InlineData("minlength(2)", false)]
    [InlineData("", false)]
    public void Route_constraints_bound_with_a_length_or_a_shape(string constraints, bool bounded) =>
        Assert.Equal(bounded, InputLimits.RouteConstraintsBound(constraints));

    [Theory]
    [InlineData("Email", 254)]
    [InlineData("ContactEmailAddress", 254)]
    [InlineData("AvatarUrl", 2048)]
    [InlineData("RedirectUri", 2048)]
    [InlineData("PhoneNumber", 32)]
    [InlineData("CommentText", 4000)]
    [InlineData("Description", 4000)]
    [InlineData("Notes", 4000)]
    [InlineData("DisplayName", 200)]
    [InlineData("Title", 200)]
    [InlineData("Sku", 99)]
    public void Suggested_length_follows_the_name_table(string name, int expected) =>
        Assert.Equal(expected, StringInputHasNoLengthLimitAnalyzer.SuggestedLength(name, fallback: 99));
}
