using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Verify = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Tests.VerifierTests.BadMethodAnalyzer>;

namespace Gatekeeper.Tests.VerifierTests;

public sealed class AnalyzerVerifierTests
{
    private const string TwoMethods = /* lang=c#-test */ """
        public class C
        {
            public void [|Bad|]() { }
            public void Fine() { }
        }
        """;

    // -- passes when it should --------------------------------------------------------------------

    [Fact]
    public Task Marked_diagnostic_is_found() => Verify.VerifyAsync(TwoMethods);

    [Fact]
    public Task Code_without_markup_expects_no_diagnostic() =>
        Verify.VerifyAsync("public class C { public void Fine() { } }");

    [Fact]
    public Task Explicit_id_and_location_marker_with_arguments() =>
        Verify.Test("""
            public class C { public void {|TST0001:Bad|}() { } }
            public class D { public void {|#0:Bad|}() { } }
            """)
            .ExpectDiagnostics(Verify.Diagnostic().WithLocation(0).WithArguments("Bad").WithSeverity(DiagnosticSeverity.Warning))
            .RunAsync();

    [Fact]
    public Task Properties_are_compared_when_expected() =>
        Verify.Test("public class C { public void {|#0:Bad|}() { } }")
            .ExpectDiagnostics(Verify.Diagnostic().WithLocation(0).WithProperty("Name", "Bad"))
            .RunAsync();

    [Fact]
    public Task Expected_diagnostic_without_WithLocation_has_no_location() =>
        Verify.Test("public class C { }")
            .WithOutputKind(OutputKind.ConsoleApplication)
            .ExpectDiagnostics(Verify.Diagnostic("CS5001"))
            .RunAsync();

    [Fact]
    public Task Several_files_are_Test0_Test1_and_named_ones() =>
        Verify.Test("public class A { public void [|Bad|]() { } }")
            .WithSource("public class B { public void [|Bad|]() { } }")
            .WithSource("Helpers.cs", "public class H { public void [|Bad|]() { } }")
            .RunAsync();

    [Fact]
    public Task Editorconfig_options_reach_the_analyzer() =>
        Verify.Test("public class C { public void Bad() { } public void [|Worse|]() { } }")
            .WithEditorConfig("verifier_test.bad_name = Worse")
            .RunAsync();

    [Fact]
    public Task Editorconfig_severity_applies() =>
        Verify.Test("public class C { public void {|#0:Bad|}() { } }")
            .WithEditorConfig("dotnet_diagnostic.TST0001.severity = error")
            .ExpectDiagnostics(Verify.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Error))
            .RunAsync();

    [Fact]
    public Task Half_typed_code_is_allowed_on_request() =>
        Verify.Test("public class C { public void [|Bad|]() { var x = } }").AllowCompilerErrors().RunAsync();

    [Fact]
    public Task Compiler_diagnostics_can_be_expected_by_id() =>
        Verify.Test("public class C { public void [|Bad|]() { {|CS0103:undefined|}(); } }").RunAsync();

    [Fact]
    public Task Language_version_and_output_kind_are_configurable() =>
        Verify.Test("public class C { public static void Main() { } public void [|Bad|]() { } }")
            .WithOutputKind(OutputKind.ConsoleApplication)
            .WithLanguageVersion(LanguageVersion.CSharp9)
            .RunAsync();

    [Fact]
    public Task Framework_references_are_available() =>
        Verify.VerifyAsync(
            """
            using Xunit;
            using FluentAssertions;
            public class Tests { [Fact] public void [|Bad|]() { 1.Should().Be(1); Assert.True(true); } }
            """,
            ReferenceSet.XunitV2,
            ReferenceSet.FluentAssertions);

    [Fact]
    public Task Analyzer_with_several_ids_uses_explicit_ids() =>
        AnalyzerVerifier<TwoIdAnalyzer>.VerifyAsync("public class {|TST0002:Bad|} { } public class C { public void {|TST0001:Bad|}() { } }");

    // -- fails when it should ---------------------------------------------------------------------

    [Fact]
    public async Task Fails_on_a_missing_diagnostic()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() => Verify.VerifyAsync("public class C { public void [|Fine|]() { } }"));

        Assert.Contains("Missing (expected, not reported):\n  TST0001 at /0/Test0.cs(1,30)-(1,34)", failure.Message);
    }

    [Fact]
    public async Task Fails_on_an_unexpected_diagnostic_and_shows_it_as_markup()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() => Verify.VerifyAsync("public class C { public void Bad() { } }"));

        Assert.Contains("Unexpected (reported, not expected):\n  TST0001 at /0/Test0.cs(1,30)-(1,33) [Warning]: \"Method 'Bad' is bad\"", failure.Message);
        Assert.Contains("public class C { public void [|Bad|]() { } }", failure.Message);
    }

    [Fact]
    public async Task Fails_on_a_wrong_span()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() => Verify.VerifyAsync("public class C { public [|void Bad|]() { } }"));

        Assert.Contains("Missing", failure.Message);
        Assert.Contains("Unexpected", failure.Message);
    }

    [Fact]
    public async Task Fails_on_wrong_arguments()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() =>
            Verify.Test("public class C { public void {|#0:Bad|}() { } }").ExpectDiagnostics(Verify.Diagnostic().WithLocation(0).WithArguments("Good")).RunAsync());

        Assert.Contains("\"Method 'Good' is bad\"", failure.Message);
    }

    [Fact]
    public async Task Fails_on_a_wrong_property()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() =>
            Verify.Test("public class C { public void {|#0:Bad|}() { } }").ExpectDiagnostics(Verify.Diagnostic().WithLocation(0).WithProperty("Name", "Other")).RunAsync());

        Assert.Contains("{Name=Other}", failure.Message);
        Assert.Contains("{Name=Bad}", failure.Message);
    }

    [Fact]
    public async Task Fails_on_a_wrong_severity()
    {
        await Assert.ThrowsAsync<VerifierException>(() =>
            Verify.Test("public class C { public void {|#0:Bad|}() { } }").ExpectDiagnostics(Verify.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Error)).RunAsync());
    }

    [Fact]
    public async Task Fails_when_the_source_does_not_compile()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() => Verify.VerifyAsync("public class C { public void Fine() { undefined(); } }"));

        Assert.Contains("does not compile", failure.Message);
        Assert.Contains("CS0103 at /0/Test0.cs(1,39)", failure.Message);
    }

    [Fact]
    public async Task Fails_when_the_language_version_lacks_a_feature()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() =>
            Verify.Test("namespace N;\npublic class C { public void [|Bad|]() { } }").WithLanguageVersion(LanguageVersion.CSharp9).RunAsync());

        Assert.Contains("CS8773", failure.Message);
    }

    [Fact]
    public async Task Fails_when_a_console_application_has_no_entry_point()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() =>
            Verify.Test("public class C { public void [|Bad|]() { } }").WithOutputKind(OutputKind.ConsoleApplication).RunAsync());

        Assert.Contains("CS5001", failure.Message);
    }

    [Fact]
    public async Task Fails_with_the_exception_when_the_analyzer_throws()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() => AnalyzerVerifier<ThrowingAnalyzer>.VerifyAsync("public class C { public void Boom() { } }"));

        Assert.Contains("analyzer went boom", failure.Message);
    }

    [Fact]
    public async Task Fails_on_an_unused_location_marker()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() => Verify.VerifyAsync("public class C { public void {|#0:Bad|}() { } }"));

        Assert.Contains("{|#0:...|} are not used", failure.Message);
    }

    [Fact]
    public async Task Fails_on_a_location_that_no_marker_defines()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() =>
            Verify.Test("public class C { public void [|Bad|]() { } }").ExpectDiagnostics(Verify.Diagnostic().WithLocation(3)).RunAsync());

        Assert.Contains("no source has '{|#3:...|}'", failure.Message);
    }

    [Fact]
    public async Task Anonymous_markup_needs_a_single_id()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() => AnalyzerVerifier<TwoIdAnalyzer>.VerifyAsync("public class C { public void [|Bad|]() { } }"));

        Assert.Contains("write '{|ID:...|}'", failure.Message);
    }
}
