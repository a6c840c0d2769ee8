using System.Threading.Tasks;
using Gatekeeper.Analyzers.Options;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.InvalidOptionValueAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK0xxx;

/// <summary>
/// GK0001 reports unusable gatekeeper.* option values and unknown gatekeeper.* keys, once per
/// compilation per (key, value), on the first token of the first file the setting applies to.
/// </summary>
public class GK0001_InvalidOptionValueAnalyzerTests
{
    private const string Source = /* lang=c#-test */ """
        {|#0:namespace|} Notes.Api;

        public class Note { }
        """;

    private const string PositiveNumber = "expected a whole number from 1 to 2147483647; the rule uses its default";

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("99999999999")]
    [InlineData("1.5")]
    public Task Default_max_length_that_is_not_a_positive_int_is_reported(string value) =>
        VerifyCS.Test(Source)
            .WithEditorConfig($"gatekeeper.GK1002.default_max_length = {value}")
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("gatekeeper.gk1002.default_max_length", value, PositiveNumber))
            .RunAsync();

    [Theory]
    [InlineData("1")]
    [InlineData("200")]
    [InlineData("2147483647")]
    public Task Default_max_length_that_is_a_positive_int_is_not_reported(string value) =>
        VerifyCS.Test(Source.Replace("{|#0:namespace|}", "namespace", System.StringComparison.Ordinal))
            .WithEditorConfig($"gatekeeper.GK1002.default_max_length = {value}")
            .RunAsync();

    [Fact]
    public Task Denied_result_outside_its_choices_is_reported() =>
        VerifyCS.Test(Source)
            .WithEditorConfig("gatekeeper.GK1001.denied_result = unauthorized")
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("gatekeeper.gk1001.denied_result", "unauthorized", "expected one of: forbid, not_found; the rule uses its default"))
            .RunAsync();

    [Theory]
    [InlineData("forbid")]
    [InlineData("not_found")]
    [InlineData("NOT_FOUND")]
    public Task Denied_result_among_its_choices_is_not_reported(string value) =>
        VerifyCS.Test("namespace Notes.Api;")
            .WithEditorConfig($"gatekeeper.GK1001.denied_result = {value}")
            .RunAsync();

    [Theory]
    [InlineData("gatekeeper.GK2001.assertion_methods", ",")]
    [InlineData("gatekeeper.GK1003.anonymous_names", ", ,")]
    public Task Name_list_without_a_name_is_reported(string key, string value) =>
        VerifyCS.Test(Source)
            .WithEditorConfig($"{key} = {value}")
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments(key.ToLowerInvariant(), value, "expected a list of names separated by commas; the rule uses its default"))
            .RunAsync();

    [Fact]
    public Task Unknown_key_under_gatekeeper_is_reported() =>
        VerifyCS.Test(Source)
            .WithEditorConfig("gatekeeper.GK2001.assertion_method = Probe")
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments(
                "gatekeeper.gk2001.assertion_method", "Probe", "no Gatekeeper rule reads this key; check its spelling against the rule's page (docs/rules)"))
            .RunAsync();

    [Fact]
    public Task Valid_options_and_keys_of_other_tools_are_not_reported() =>
        VerifyCS.Test("namespace Notes.Api;")
            .WithEditorConfig("""
                gatekeeper.GK2001.assertion_methods = AssertValid, Probe.Check*
                gatekeeper.GK2002.integration_markers = Integration
                dotnet_diagnostic.GK2001.severity = error
                gatekeeperx.something = 1
                """)
            .RunAsync();

    [Fact]
    public Task A_bad_value_shared_by_every_file_is_reported_once_on_the_first_file() =>
        VerifyCS.Test(Source)
            .WithSource("namespace Notes.Api; public class Other { }")
            .WithSource("namespace Notes.Api; public class Third { }")
            .WithEditorConfig("gatekeeper.GK1002.default_max_length = abc")
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("gatekeeper.gk1002.default_max_length", "abc", PositiveNumber))
            .RunAsync();

    [Fact]
    public Task Each_bad_key_is_reported_once() =>
        VerifyCS.Test(Source)
            .WithEditorConfig("""
                gatekeeper.GK1002.default_max_length = -5
                gatekeeper.GK1001.denied_result = nope
                """)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("gatekeeper.gk1002.default_max_length", "-5", PositiveNumber),
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("gatekeeper.gk1001.denied_result", "nope", "expected one of: forbid, not_found; the rule uses its default"))
            .RunAsync();

    [Fact]
    public Task Leading_comments_are_skipped_to_the_first_token() =>
        VerifyCS.Test("""
            // Copyright header
            {|#0:using|} System;

            namespace Notes.Api;
            """)
            .WithEditorConfig("gatekeeper.GK1002.default_max_length = abc")
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("gatekeeper.gk1002.default_max_length", "abc", PositiveNumber))
            .RunAsync();

    [Theory]
    [InlineData(null, 200)]
    [InlineData("64", 64)]
    [InlineData(" 64 ", 64)]
    [InlineData("abc", 200)]
    [InlineData("-5", 200)]
    [InlineData("99999999999", 200)]
    public void Default_max_length_parser_falls_back_to_the_default(string? raw, int expected) =>
        Assert.Equal(expected, KnownOptions.GK1002DefaultMaxLength.ParseOrDefault(raw));

    [Theory]
    [InlineData(null, "forbid")]
    [InlineData("not_found", "not_found")]
    [InlineData("Not_Found", "not_found")]
    [InlineData("teapot", "forbid")]
    public void Denied_result_parser_falls_back_to_the_default(string? raw, string expected) =>
        Assert.Equal(expected, KnownOptions.GK1001DeniedResult.ParseOrDefault(raw));
}
