using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;
using Verify = Gatekeeper.Tests.Verifiers.CodeFixVerifier<Gatekeeper.Tests.VerifierTests.BadMethodAnalyzer, Gatekeeper.Tests.VerifierTests.RenameToGoodFixer>;

namespace Gatekeeper.Tests.VerifierTests;

public sealed class CodeFixVerifierTests
{
    private const string TwoBadMethods = /* lang=c#-test */ """
        public class A
        {
            public void [|Bad|]() { }
        }

        public class B
        {
            public void [|Bad|]() { }
        }
        """;

    private const string TwoGoodMethods = /* lang=c#-test */ """
        public class A
        {
            public void Good() { }
        }

        public class B
        {
            public void Good() { }
        }
        """;

    // -- passes when it should --------------------------------------------------------------------

    [Fact]
    public Task Fix_one_at_a_time_and_FixAll_give_the_expected_text() => Verify.VerifyFixAsync(TwoBadMethods, TwoGoodMethods);

    [Fact]
    public Task Line_endings_do_not_matter() => Verify.VerifyFixAsync(TwoBadMethods.Replace("\n", "\r\n"), TwoGoodMethods);

    [Fact]
    public Task FixAll_in_every_scope_across_files() =>
        Verify.Test("public class A { public void [|Bad|]() { } }")
            .WithSource("public class B { public void [|Bad|]() { } }")
            .WithSource("Other.cs", "public class O { public void Fine() { } }")
            .ShouldFix(("Test0.cs", "public class A { public void Good() { } }"), ("Test1.cs", "public class B { public void Good() { } }"))
            .ShouldFixAll(FixAllScope.Document, ("Test0.cs", "public class A { public void Good() { } }"), ("Test1.cs", "public class B { public void Good() { } }"))
            .ShouldFixAll(FixAllScope.Project, ("Test0.cs", "public class A { public void Good() { } }"), ("Test1.cs", "public class B { public void Good() { } }"))
            .ShouldFixAll(FixAllScope.Solution, ("Test0.cs", "public class A { public void Good() { } }"), ("Test1.cs", "public class B { public void Good() { } }"))
            .RunAsync();

    [Fact]
    public Task Equivalence_key_picks_the_action() =>
        CodeFixVerifier<BadMethodAnalyzer, TwoActionFixer>.Test(TwoBadMethods)
            .WithEquivalenceKey("RenameToBetter")
            .ShouldFix(TwoGoodMethods.Replace("Good", "Better"))
            .RunAsync();

    [Fact]
    public Task Markup_in_the_fixed_source_marks_diagnostics_that_remain() =>
        Verify.VerifyFixAsync(
            "public class Keep { public void [|Bad|]() { } } public class C { public void [|Bad|]() { } }",
            "public class Keep { public void [|Bad|]() { } } public class C { public void Good() { } }");

    [Fact]
    public Task Remaining_diagnostics_of_other_ids_are_marked_with_their_id() =>
        CodeFixVerifier<TwoIdAnalyzer, RenameToGoodFixer>.VerifyFixAsync(
            "public class {|TST0002:Bad|} { } public class C { public void {|TST0001:Bad|}() { } }",
            "public class {|TST0002:Bad|} { } public class C { public void Good() { } }");

    [Fact]
    public Task No_fix_expected_and_none_offered() =>
        CodeFixVerifier<BadMethodAnalyzer, NoActionFixer>.Test(TwoBadMethods).ExpectNoFix().RunAsync();

    [Fact]
    public Task Fixing_half_typed_code_may_keep_its_errors() =>
        Verify.Test("public class C { public void [|Bad|]() { var x = } }")
            .AllowCompilerErrors()
            .ShouldFix("public class C { public void Good() { var x = } }")
            .RunAsync();

    [Fact]
    public Task Framework_references_reach_the_fixed_compilation() =>
        Verify.VerifyFixAsync(
            "using Xunit; public class T { [Fact] public void [|Bad|]() => Assert.True(true); }",
            "using Xunit; public class T { [Fact] public void Good() => Assert.True(true); }",
            ReferenceSet.XunitV3);

    // -- fails when it should ---------------------------------------------------------------------

    [Fact]
    public async Task Fails_when_the_fixed_text_differs()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() => Verify.VerifyFixAsync(TwoBadMethods, TwoGoodMethods.Replace("B\n", "Bee\n")));

        Assert.Contains("Fix (one diagnostic at a time): the fixed text is not the expected one.", failure.Message);
        Assert.Contains("Test0.cs differs from the expected text at line 6:\n  expected: \"public class Bee\"\n  actual:   \"public class B\"", failure.Message);
    }

    [Fact]
    public async Task Fails_when_the_fix_leaves_compiler_errors()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() =>
            CodeFixVerifier<BadMethodAnalyzer, CompileErrorFixer>.VerifyFixAsync(
                "public class C { public void [|Bad|]() { } }",
                "public class C { public MissingType Good() { } }"));

        Assert.Contains("the fixed code does not compile", failure.Message);
        Assert.Contains("CS0246", failure.Message);
    }

    [Fact]
    public async Task Fails_when_a_diagnostic_remains_that_the_fixed_source_does_not_mark()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() =>
            CodeFixVerifier<BadMethodAnalyzer, NoActionFixer>.VerifyFixAsync(
                "public class C { public void [|Bad|]() { } }",
                "public class C { public void Bad() { } }"));

        Assert.Contains("diagnostics left after the fix", failure.Message);
    }

    [Fact]
    public async Task Fails_when_registration_throws()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() =>
            CodeFixVerifier<BadMethodAnalyzer, ThrowingRegistrationFixer>.VerifyFixAsync("public class C { public void [|Bad|]() { } }", "public class C { public void Good() { } }"));

        Assert.Contains("registration went boom", failure.Message);
    }

    [Fact]
    public async Task Fails_when_the_action_throws()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() =>
            CodeFixVerifier<BadMethodAnalyzer, ThrowingActionFixer>.VerifyFixAsync("public class C { public void [|Bad|]() { } }", "public class C { public void Good() { } }"));

        Assert.Contains("action went boom", failure.Message);
    }

    [Fact]
    public async Task Fails_when_the_fix_never_converges()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() =>
            CodeFixVerifier<BadMethodAnalyzer, NeverEndingFixer>.VerifyFixAsync("public class C { public void [|Bad|]() { } }", "public class C { public void Bad() { } }"));

        Assert.Contains("does not converge", failure.Message);
    }

    [Fact]
    public async Task Fails_when_FixAll_differs_from_one_at_a_time()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() =>
            CodeFixVerifier<BadMethodAnalyzer, PartialFixAllFixer>.VerifyFixAsync(TwoBadMethods, TwoGoodMethods));

        Assert.Contains("FixAll (Document, expected to match the one-at-a-time fix)", failure.Message);
    }

    [Fact]
    public async Task Fails_when_several_actions_are_offered_without_a_key()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() =>
            CodeFixVerifier<BadMethodAnalyzer, TwoActionFixer>.VerifyFixAsync(TwoBadMethods, TwoGoodMethods));

        Assert.Contains("Pick one with WithEquivalenceKey", failure.Message);
    }

    [Fact]
    public async Task Fails_when_no_action_has_the_key()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() =>
            Verify.Test(TwoBadMethods).WithEquivalenceKey("Nope").ShouldFix(TwoGoodMethods).RunAsync());

        Assert.Contains("none with equivalence key 'Nope'", failure.Message);
    }

    [Fact]
    public async Task Fails_when_a_fix_is_offered_but_none_expected()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() => Verify.Test(TwoBadMethods).ExpectNoFix().RunAsync());

        Assert.Contains("No fix was expected, but the fixer offers:", failure.Message);
    }

    [Fact]
    public async Task Fails_when_the_input_diagnostics_are_wrong()
    {
        var failure = await Assert.ThrowsAsync<VerifierException>(() => Verify.VerifyFixAsync("public class C { public void Bad() { } }", "public class C { public void Good() { } }"));

        Assert.Contains("Analyzer: the reported diagnostics differ", failure.Message);
    }

    [Fact]
    public async Task Fails_without_an_expectation()
    {
        await Assert.ThrowsAsync<VerifierException>(() => Verify.Test(TwoBadMethods).RunAsync());
    }
}
