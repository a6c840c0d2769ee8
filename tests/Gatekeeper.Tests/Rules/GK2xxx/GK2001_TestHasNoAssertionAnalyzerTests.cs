using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.TestHasNoAssertionAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK2xxx;

/// <summary>
/// GK2001 reports tests that assert nothing. Each case is realistic test code compiled against the
/// real framework assemblies; unmarked methods are the look-alikes that must stay silent.
/// </summary>
public class GK2001_TestHasNoAssertionAnalyzerTests
{
    private const string CodeUnderTest = """
        namespace Shop
        {
            public class Calculator
            {
                public int Add(int a, int b) => a + b;
                public void Reset() { }
                public System.Threading.Tasks.Task ResetAsync() => System.Threading.Tasks.Task.CompletedTask;
                public System.Threading.Tasks.Task<int> AddAsync(int a, int b) => System.Threading.Tasks.Task.FromResult(a + b);
            }

            public interface IMailer { void Send(string to, string body); }
        }
        """;

    public static TheoryData<ReferenceSet> XunitVersions => new() { ReferenceSet.XunitV2, ReferenceSet.XunitV3 };

    [Theory]
    [MemberData(nameof(XunitVersions))]
    public Task Xunit_reports_facts_and_theories_without_assertion(ReferenceSet xunit) =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class CalculatorTests
            {
                [Fact]
                public void {|#0:Add_works|}()
                {
                    var calculator = new Calculator();
                    calculator.Add(1, 2);
                }

                [Theory]
                [InlineData(1)]
                public void [|Add_theory|](int a) => new Calculator().Add(a, a);

                [Fact]
                public async System.Threading.Tasks.Task [|ResetAsync_works|]() => await new Calculator().ResetAsync();

                [Fact]
                public void [|Empty|]() { }

                // Compliant: asserts.
                [Fact]
                public void Add_asserts() => Assert.Equal(3, new Calculator().Add(1, 2));

                // Compliant: asserts an exception.
                [Fact]
                public async System.Threading.Tasks.Task Throws_asserts() =>
                    await Assert.ThrowsAsync<System.InvalidOperationException>(() => throw new System.InvalidOperationException());

                // Compliant: skipped tests are not reported.
                [Fact(Skip = "flaky on CI")]
                public void Skipped() { }

                // Compliant: not a test.
                public void Helper() { new Calculator().Reset(); }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(xunit)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("Add_works"))
            .RunAsync();

    [Fact]
    public Task NUnit_reports_tests_test_cases_and_sources() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using NUnit.Framework;
            using Shop;

            [TestFixture]
            public class CalculatorTests
            {
                private Calculator _calculator = null!;

                [SetUp]
                public void SetUp() => _calculator = new Calculator();

                [Test]
                public void [|Reset_works|]() => _calculator.Reset();

                [TestCase(1, 2)]
                public void [|Add_case|](int a, int b) { _calculator.Add(a, b); }

                [TestCaseSource(nameof(Cases))]
                public void [|Add_source|](int a) { _calculator.Add(a, a); }

                public static int[] Cases => new[] { 1, 2 };

                // Compliant: constraint model.
                [Test]
                public void Add_that() => Assert.That(_calculator.Add(1, 2), Is.EqualTo(3));

                // Compliant: classic model.
                [Test]
                public void Add_classic() => NUnit.Framework.Legacy.ClassicAssert.AreEqual(3, _calculator.Add(1, 2));

                // Compliant: Assert.Multiple wraps assertions.
                [Test]
                public void Add_multiple() => Assert.Multiple(() => Assert.That(_calculator.Add(1, 1), Is.EqualTo(2)));

                // Compliant: the framework compares the returned value with ExpectedResult.
                [TestCase(1, 2, ExpectedResult = 3)]
                public int Add_expected(int a, int b) => _calculator.Add(a, b);

                // Compliant: ignored.
                [Test, Ignore("waiting for #42")]
                public void Ignored() { }

                // Compliant: throws to fail the test.
                [Test]
                public void Manual_check()
                {
                    if (_calculator.Add(1, 1) != 2) throw new AssertionException("wrong sum");
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.NUnit)
            .RunAsync();

    [Fact]
    public Task MSTest_reports_test_methods_and_honours_expected_exception_and_ignore() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class CalculatorTests
            {
                [TestMethod]
                public void [|Reset_works|]() => new Calculator().Reset();

                [DataTestMethod]
                [DataRow(1)]
                public void [|Add_rows|](int a) => new Calculator().Add(a, a);

                // Compliant
                [TestMethod]
                public void Add_asserts() => Assert.AreEqual(3, new Calculator().Add(1, 2));

                // Compliant
                [TestMethod]
                public void Collection_asserts() => CollectionAssert.Contains(new[] { 1 }, 1);

                // Compliant
                [TestMethod]
                public void String_asserts() => StringAssert.Contains("abc", "b");

                // Compliant: the attribute is the assertion.
                [TestMethod]
                [ExpectedException(typeof(System.ArgumentException))]
                public void Throws() => throw new System.ArgumentException();

                // Compliant: ignored.
                [TestMethod, Ignore]
                public void Ignored() { }
            }

            // Compliant: the whole class is ignored.
            [TestClass, Ignore]
            public class IgnoredTests
            {
                [TestMethod]
                public void Nothing() { }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.MSTest)
            .RunAsync();

    [Fact]
    public Task TUnit_reports_tests_without_assertion() =>
        // TUnit is not served by the package mirror: its attribute and Assert types are declared
        // below under their real names, which is how the analyzer recognizes them.
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using TUnit.Assertions;
            using TUnit.Core;

            public class CalculatorTests
            {
                [Test]
                public void [|Reset_works|]() => new Shop.Calculator().Reset();

                // Compliant
                [Test]
                public async Task Add_asserts() => await Assert.That(new Shop.Calculator().Add(1, 2)).IsEqualTo(3);

                // Compliant: skipped.
                [Test, Skip("later")]
                public void Skipped() { }
            }

            namespace TUnit.Core
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                public class TestAttribute : System.Attribute { }

                public class SkipAttribute : System.Attribute { public SkipAttribute(string reason) { } }
            }

            namespace TUnit.Assertions
            {
                public static class Assert
                {
                    public static ValueAssertion<T> That<T>(T value) => new(value);
                }

                public sealed class ValueAssertion<T>
                {
                    public ValueAssertion(T value) { }
                    public Task IsEqualTo(T expected) => Task.CompletedTask;
                }
            }
            """ + CodeUnderTest);

    [Fact]
    public Task Derived_test_attributes_count_as_tests() =>
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            using Xunit;

            public sealed class SkippableFactAttribute : FactAttribute { }

            public sealed class IntegrationTheoryAttribute : TheoryAttribute { }

            public class Tests
            {
                [SkippableFact]
                public void [|Custom_fact|]() { new Shop.Calculator().Reset(); }

                [IntegrationTheory]
                [InlineData(1)]
                public void [|Custom_theory|](int a) { new Shop.Calculator().Add(a, 1); }

                // Compliant
                [SkippableFact]
                public void Custom_fact_asserts() { Assert.True(true); }
            }
            """ + CodeUnderTest, ReferenceSet.XunitV2);

    [Fact]
    public Task Assertion_libraries_count() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System;
            using System.Threading.Tasks;
            using FakeItEasy;
            using FluentAssertions;
            using Moq;
            using NSubstitute;
            using Shop;
            using Shouldly;
            using Xunit;

            public class LibraryTests
            {
                [Fact]
                public void Fluent() => new Calculator().Add(1, 2).Should().Be(3);

                [Fact]
                public void Fluent_actions() => FluentActions.Invoking(() => new Calculator().Reset()).Should().NotThrow();

                [Fact]
                public void Shouldly_extension() => new Calculator().Add(1, 2).ShouldBe(3);

                [Fact]
                public void Shouldly_static() => Should.NotThrow(() => new Calculator().Reset());

                [Fact]
                public void Moq_verify()
                {
                    var mailer = new Mock<IMailer>();
                    mailer.Object.Send("a@b.c", "hi");
                    mailer.Verify(m => m.Send("a@b.c", "hi"), Moq.Times.Once);
                }

                [Fact]
                public void Moq_verify_all()
                {
                    var mailer = new Mock<IMailer>(MockBehavior.Strict);
                    mailer.Setup(m => m.Send("a", "b"));
                    mailer.Object.Send("a", "b");
                    mailer.VerifyAll();
                }

                [Fact]
                public void NSubstitute_received()
                {
                    var mailer = Substitute.For<IMailer>();
                    mailer.Send("a", "b");
                    mailer.Received(1).Send("a", "b");
                }

                [Fact]
                public void NSubstitute_did_not_receive()
                {
                    var mailer = Substitute.For<IMailer>();
                    mailer.DidNotReceive().Send("a", "b");
                }

                [Fact]
                public void FakeItEasy_must_have_happened()
                {
                    var mailer = A.Fake<IMailer>();
                    mailer.Send("a", "b");
                    A.CallTo(() => mailer.Send("a", "b")).MustHaveHappenedOnceExactly();
                }

                [Fact]
                public void [|Mock_set_up_but_never_verified|]()
                {
                    var mailer = new Mock<IMailer>();
                    mailer.Setup(m => m.Send("a", "b"));
                    mailer.Object.Send("a", "b");
                }

                [Fact]
                public void [|Fake_created_but_never_checked|]()
                {
                    var mailer = A.Fake<IMailer>();
                    mailer.Send("a", "b");
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.FluentAssertions, ReferenceSet.Shouldly, ReferenceSet.Moq, ReferenceSet.NSubstitute, ReferenceSet.FakeItEasy)
            .RunAsync();

    [Fact]
    public Task Snapshot_and_fluent_check_libraries_count() =>
        // Verify and NFluent are not served by the package mirror: their entry points are declared
        // below under their real names.
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Xunit;

            public class SnapshotTests
            {
                [Fact]
                public Task Snapshot() => VerifyXunit.Verifier.Verify(new Shop.Calculator().Add(1, 2));

                [Fact]
                public void Fluent_check() => NFluent.Check.That(new Shop.Calculator().Add(1, 2));

                [Fact]
                public Task [|Snapshot_forgotten|]() => Task.FromResult(new Shop.Calculator().Add(1, 2));
            }

            namespace VerifyXunit
            {
                public static class Verifier
                {
                    public static Task Verify<T>(T target) => Task.CompletedTask;
                }
            }

            namespace NFluent
            {
                public static class Check
                {
                    public static object That<T>(T value) => value!;
                }
            }
            """ + CodeUnderTest, ReferenceSet.XunitV2);

    [Fact]
    public Task Helpers_in_the_same_compilation_are_followed_transitively() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class HelperTests
            {
                [Fact]
                public void Through_two_helpers() => Act(1);

                [Fact]
                public void [|Through_helpers_that_never_assert|]() => Arrange();

                [Fact]
                public void Through_a_helper_in_another_file() => TestHelpers.CheckSum(new Calculator(), 3);

                [Fact]
                public void Through_a_method_group() => Run(Verify3);

                [Fact]
                public void Through_a_lambda() => Run(() => Assert.Equal(3, new Calculator().Add(1, 2)));

                [Fact]
                public void [|Through_a_recursive_helper_that_never_asserts|]() => Countdown(3);

                [Fact]
                public void Through_mutually_recursive_helpers() => Ping(2);

                [Fact]
                public void Through_a_local_function()
                {
                    Check();
                    void Check() => Assert.True(new Calculator().Add(1, 1) == 2);
                }

                private static void Act(int a) => Compare(new Calculator().Add(a, 2), a + 2);

                private static void Compare(int actual, int expected) => Assert.Equal(expected, actual);

                private static Calculator Arrange() { var c = new Calculator(); c.Reset(); return c; }

                private static void Run(System.Action action) => action();

                private static void Verify3() => Assert.Equal(3, new Calculator().Add(1, 2));

                private static void Countdown(int n) { if (n > 0) Countdown(n - 1); }

                private static void Ping(int n) { if (n > 0) Pong(n - 1); }

                private static void Pong(int n) { if (n == 0) Assert.True(true); else Ping(n); }
            }
            """)
            .WithSource(/* lang=c#-test */ """
            public static class TestHelpers
            {
                public static void CheckSum(Shop.Calculator calculator, int expected) => Xunit.Assert.Equal(expected, calculator.Add(1, 2));
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task Assertion_helpers_of_a_base_class_count() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            // Abstract: concrete fixtures derive from it and supply ExpectSum.
            public abstract class CalculatorTests : ApiTestBase
            {
                [Fact]
                public void Uses_base_helper() => ExpectSum(new Calculator(), 2);

                [Fact]
                public void Uses_base_helper_with_body() => Same(new Calculator().Add(1, 1), 2);

                [Fact]
                public void [|Uses_base_arrange_only|]() => Build().Reset();
            }
            """)
            .WithSource(/* lang=c#-test */ """
            public abstract class ApiTestBase
            {
                protected abstract void ExpectSum(Shop.Calculator calculator, int sum);

                protected static void Same(int actual, int expected) => Xunit.Assert.Equal(expected, actual);

                protected static Shop.Calculator Build() => new();
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task Template_methods_whose_overrides_assert_count() =>
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            using Xunit;

            public abstract class ContractTests
            {
                // Compliant: every concrete fixture's override asserts.
                [Fact]
                public void Satisfies_the_contract() => RunScenario();

                // The overrides only build the subject.
                [Fact]
                public void [|Builds_the_subject|]() => CreateSubject();

                protected abstract void RunScenario();

                protected abstract object CreateSubject();
            }

            public sealed class InMemoryContractTests : ContractTests
            {
                protected override void RunScenario() => Assert.NotNull(CreateSubject());

                protected override object CreateSubject() => new object();
            }

            public interface IScenario { void Run(); void Prepare(); }

            public sealed class Scenario : IScenario
            {
                public void Run() => Assert.Equal(2, int.Parse("2"));
                public void Prepare() { }
            }

            public class ScenarioTests
            {
                private readonly IScenario _scenario = new Scenario();

                // Compliant: the implementation asserts.
                [Fact]
                public void Runs_scenario() => _scenario.Run();

                [Fact]
                public void [|Prepares_scenario|]() => _scenario.Prepare();
            }
            """, ReferenceSet.XunitV2);

    /// <summary>
    /// Helpers named like assertions are followed first (from the last call up) and the others after:
    /// the order of the questions changes, not the answers.
    /// </summary>
    [Fact]
    public Task Helpers_named_like_assertions_are_followed_first_with_the_same_answers() =>
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            using Xunit;

            public class OrderOfHelpersTests
            {
                private readonly Shop.Calculator _calculator = new();

                // GK2004's business: the helper's only assertion cannot fail.
                [Fact]
                public void Asserts_only_what_cannot_fail() => AssertTrivially();

                // The named helper asserts nothing, an unnamed one before it does.
                [Fact]
                public void Arrange_helper_asserts()
                {
                    Arrange(2);
                    VerifyLater();
                }

                // Named helpers that call each other and never assert.
                [Fact]
                public void [|Named_helpers_in_a_cycle|]() => VerifyPing(2);

                // A named helper that asserts through another helper.
                [Fact]
                public void Named_helper_through_another_helper() => EnsureSum(3);

                private static void AssertTrivially() => Assert.True(true);

                private void Arrange(int expected) => Assert.Equal(expected, _calculator.Add(1, 1));

                private static void VerifyLater()
                {
                }

                private static void VerifyPing(int n)
                {
                    if (n > 0)
                    {
                        VerifyPong(n - 1);
                    }
                }

                private static void VerifyPong(int n) => VerifyPing(n);

                private void EnsureSum(int expected) => Compare(expected, _calculator.Add(1, 2));

                private static void Compare(int expected, int actual) => Assert.Equal(expected, actual);
            }
            """ + CodeUnderTest, ReferenceSet.XunitV2);

    [Fact]
    public Task Helpers_of_this_compilation_are_judged_by_their_body_not_their_name() =>
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            using Xunit;

            public class AuditTests
            {
                private readonly Shop.Calculator _calculator = new();

                // The helper's name promises a check; its body is a TODO.
                [Fact]
                public void [|Cancel_writes_audit_entry|]()
                {
                    _calculator.Reset();
                    VerifyAuditTrail(_calculator);
                }

                // Arrange-only helper named like an assertion.
                [Fact]
                public void [|Seeding_works|]() => EnsureSeeded();

                // Compliant: the body asserts.
                [Fact]
                public void Sum_is_checked() => CheckSum(3);

                private static void VerifyAuditTrail(Shop.Calculator calculator)
                {
                    // TODO: verify the audit log entry once IAuditLog is injectable.
                    _ = calculator;
                }

                private void EnsureSeeded() => _calculator.Reset();

                private void CheckSum(int expected) => Assert.Equal(expected, _calculator.Add(1, 2));
            }
            """ + CodeUnderTest, ReferenceSet.XunitV2);

    [Fact]
    public Task Assertions_that_never_run_do_not_count() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System;
            using NUnit.Framework;

            public class NeverRunTests
            {
                private readonly Shop.Calculator _calculator = new();

                [Test]
                public void [|Local_function_never_called|]()
                {
                    var sum = _calculator.Add(1, 2);

                    void CheckAll() => Assert.That(sum, Is.EqualTo(3));
                }

                [Test]
                public void [|Lambda_stored_but_never_invoked|]()
                {
                    var sum = _calculator.Add(1, 2);
                    TestDelegate check = () => Assert.That(sum, Is.EqualTo(3));
                }

                // Compliant: the local function runs.
                [Test]
                public void Local_function_called()
                {
                    var sum = _calculator.Add(1, 2);
                    CheckAll();

                    void CheckAll() => Assert.That(sum, Is.EqualTo(3));
                }

                // Compliant: the stored lambda is handed to an assertion.
                [Test]
                public void Lambda_stored_then_used()
                {
                    TestDelegate act = () => _calculator.Reset();
                    Assert.DoesNotThrow(act);
                }

                // Compliant: the stored lambda itself asserts and is invoked.
                [Test]
                public void Lambda_stored_then_invoked()
                {
                    Action verify = () => Assert.That(_calculator.Add(1, 1), Is.EqualTo(2));
                    verify();
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.NUnit)
            .RunAsync();

    [Fact]
    public Task A_cleanup_hook_that_verifies_mocks_covers_every_test() =>
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            using System;
            using Moq;
            using Shop;
            using Xunit;

            public sealed class StrictMockTests : IDisposable
            {
                private readonly Mock<IMailer> _mailer = new(MockBehavior.Strict);

                [Fact]
                public void Sends()
                {
                    _mailer.Setup(m => m.Send("a", "b"));
                    _mailer.Object.Send("a", "b");
                }

                public void Dispose() => _mailer.VerifyAll();
            }

            public sealed class DisposingTests : IDisposable
            {
                private readonly Calculator _calculator = new();

                [Fact]
                public void [|Resets|]() => _calculator.Reset();

                public void Dispose() => _calculator.Reset();
            }
            """ + CodeUnderTest, ReferenceSet.XunitV2, ReferenceSet.Moq);

    [Fact]
    public Task Name_conventions_attribute_and_option_mark_assertion_helpers() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using JetBrains.Annotations;
            using Xunit;

            public interface IApiProbe
            {
                void EnsureHealthy();
                void ShouldBeUp();
                void Ping();
                void Checkout();
            }

            public static class Probe
            {
                [AssertionMethod]
                public static void Healthy(object? o) { }

                public static void Confirm(bool ok) { }
            }

            public class ProbeTests
            {
                private readonly IApiProbe _probe = null!;

                // Compliant: name conventions for helpers whose body we cannot see.
                [Fact]
                public void Ensure() => _probe.EnsureHealthy();

                [Fact]
                public void Should() => _probe.ShouldBeUp();

                // Compliant: [AssertionMethod].
                [Fact]
                public void Attribute() => Probe.Healthy(_probe);

                // Compliant: named in gatekeeper.GK2001.assertion_methods.
                [Fact]
                public void Configured() => Probe.Confirm(true);

                [Fact]
                public void [|Ping_only|]() => _probe.Ping();

                // "Checkout" is not a "Check…" assertion.
                [Fact]
                public void [|Checkout_is_not_a_check|]() => _probe.Checkout();
            }
            """)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.JetBrainsAnnotations)
            .WithEditorConfig("gatekeeper.GK2001.assertion_methods = Probe.Confirm, Other*")
            .RunAsync();

    [Fact]
    public Task Option_accepts_prefixes_and_plain_names() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Xunit;

            public static class Api
            {
                public static void ProbeStatus() { }
                public static void Confirm() { }
                public static void Touch() { }
            }

            public class Tests
            {
                [Fact]
                public void Prefix() => Api.ProbeStatus();

                [Fact]
                public void Plain() => Api.Confirm();

                [Fact]
                public void [|Unlisted|]() => Api.Touch();
            }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            // Commas separate entries (";" starts a comment in .editorconfig).
            .WithEditorConfig("gatekeeper.GK2001.assertion_methods = Probe*, Confirm")
            .RunAsync();

    [Fact]
    public Task Ef_core_ensure_created_is_not_an_assertion() =>
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            using Microsoft.EntityFrameworkCore;
            using Xunit;

            public class ShopContext : DbContext { }

            public class DatabaseTests
            {
                [Fact]
                public void [|Creates_database|]()
                {
                    using var context = new ShopContext();
                    context.Database.EnsureCreated();
                }
            }
            """, ReferenceSet.XunitV2, ReferenceSet.EntityFrameworkCore);

    [Fact]
    public Task Http_ensure_success_status_code_is_an_assertion() =>
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Xunit;

            public class ApiTests
            {
                private readonly HttpClient _client = new(new HttpClientHandler());

                [Fact]
                public async Task Health_endpoint_answers()
                {
                    var response = await _client.GetAsync("/health");
                    response.EnsureSuccessStatusCode();
                }

                [Fact]
                public async Task [|Health_endpoint_called|]()
                {
                    await _client.GetAsync("/health");
                }
            }
            """, ReferenceSet.XunitV2);

    [Fact]
    public Task Fscheck_properties_returning_bool_are_checked_by_the_framework() =>
        // FsCheck is not served by the package mirror: its PropertyAttribute is declared below under its real name.
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            using FsCheck.Xunit;

            public class Properties
            {
                [Property]
                public bool Addition_commutes(int a, int b) => a + b == b + a;

                [Property]
                public void [|Addition_runs|](int a, int b) { _ = a + b; }
            }

            namespace FsCheck.Xunit
            {
                public sealed class PropertyAttribute : global::Xunit.FactAttribute { }
            }
            """, ReferenceSet.XunitV2);

    [Fact]
    public Task Projects_without_a_test_framework_are_not_analyzed() =>
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            public sealed class FactAttribute : System.Attribute { }

            public class NotATest
            {
                [Fact]
                public void LooksLikeATest() { }
            }
            """);

    [Fact]
    public Task Reports_on_the_method_name_with_the_name_in_the_message() =>
        VerifyCS.Test(/* lang=c#-test */ """
            public class Tests
            {
                [Xunit.Fact]
                public void {|#0:Does_nothing|}() { }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .ExpectDiagnostics(VerifyCS.Diagnostic("GK2001").WithLocation(0).WithArguments("Does_nothing"))
            .RunAsync();

    [Fact]
    public Task Half_typed_tests_do_not_throw_and_unbound_assertions_still_count() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Xunit;

            public class Typing
            {
                [Fact]
                public void Unbound_assert() { Assert.Equal(1, }

                [Fact]
                public void Unknown_helper() { MissingHelpers.AssertOk(); }

                [Fact]
                public void [|Cut_off|]() { var x = new System.Text.StringBuilder(
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .AllowCompilerErrors()
            .RunAsync();

    [Fact]
    public Task Generated_code_is_not_analyzed() =>
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            // <auto-generated/>
            public class GeneratedTests
            {
                [Xunit.Fact]
                public void Nothing() { }
            }
            """, ReferenceSet.XunitV2);

    /// <summary>
    /// GK2001 lets the driver skip its per-diagnostic generated-code check (it reports only on the method
    /// it analyzes): code marked <c>[GeneratedCode]</c> in a hand-written file must still be left alone.
    /// The driver judges a partial class part by part, with or without that check: a test in the
    /// hand-written part of a class whose other part is marked is analyzed.
    /// </summary>
    [Fact]
    public Task Declarations_marked_as_generated_code_are_not_analyzed() =>
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            using System.CodeDom.Compiler;
            using Xunit;

            [GeneratedCode("SpecFlow", "3.9")]
            public class GeneratedFeatureTests
            {
                [Fact]
                public void Nothing() { }
            }

            public class MixedTests
            {
                [GeneratedCode("tool", "1.0")]
                [Fact]
                public void Generated_method() { }

                [Fact]
                public void [|Hand_written|]() { }
            }

            [GeneratedCode("tool", "1.0")]
            public partial class PartlyGeneratedTests
            {
            }

            public partial class PartlyGeneratedTests
            {
                [Fact]
                public void [|In_the_hand_written_part|]() { }
            }
            """, ReferenceSet.XunitV2);

    [Fact]
    public Task Modern_syntax_is_understood() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Xunit;

            public class ModernTests(Shop.Calculator calculator)
            {
                [Fact]
                public void Switch_assert()
                {
                    var sum = calculator.Add(1, 2);
                    Assert.True(sum is > 2 and < 4);
                }

                [Fact]
                public void [|Collection_expression|]()
                {
                    int[] values = [1, 2, 3];
                    _ = values;
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.XunitV2)
            .WithLanguageVersion(LanguageVersion.Preview)
            .RunAsync();
}
