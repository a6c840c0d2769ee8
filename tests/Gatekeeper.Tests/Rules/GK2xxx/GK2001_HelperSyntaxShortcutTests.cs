using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Xunit;
using VerifyGK2001 = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.TestHasNoAssertionAnalyzer>;
using VerifyGK2004 = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.AssertionCannotFailAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK2xxx;

/// <summary>
/// In the body of a helper (not of the test itself), <c>Assert.X(…)</c> on a framework assert class's name and a
/// FluentAssertions chain <c>….Should().X(…)</c> are taken as assertions from their syntax, without binding the
/// helper, unless their written values may make them assertions that cannot fail. These tests pin both sides: the
/// real assertions of helpers are still found, and the cannot-fail ones are still left to the binding (GK2004's
/// <c>Assert.Pass()</c> is reported only when nothing else in the test can fail, so a shortcut that took a
/// cannot-fail helper assertion for a real one would silence it).
/// </summary>
public class GK2001_HelperSyntaxShortcutTests
{
    [Fact]
    public Task Real_assertions_of_helpers_are_found_from_syntax() =>
        VerifyGK2001.Test(/* lang=c#-test */ """
            using FluentAssertions;
            using NUnit.Framework;
            using NUnit.Framework.Legacy;

            public class Tests
            {
                [Test]
                public void Classic() => Same(1, Value());

                [Test]
                public void Collection() => NonEmpty(new[] { Value() });

                [Test]
                public void Constraint() => Positive(Value());

                [Test]
                public void Fluent() => Fields(Value(), 2);

                [Test]
                public void [|Through_a_helper_that_only_computes|]() => Compute(Value());

                private static int Value() => System.Environment.TickCount;

                private static void Same(int expected, int actual) => ClassicAssert.AreEqual(expected, actual);

                private static void NonEmpty(int[] values) => CollectionAssert.IsNotEmpty(values);

                private static void Positive(int value) => Assert.That(value, Is.GreaterThan(0));

                private static void Fields(int actual, int expected)
                {
                    actual.Should().BeGreaterThan(0);
                    actual.Should().Be(expected);
                }

                private static int Compute(int value) => value * 2;
            }
            """)
            .WithReferences(ReferenceSet.NUnit, ReferenceSet.FluentAssertions)
            .RunAsync();

    [Fact]
    public Task Cannot_fail_assertions_of_helpers_are_still_judged_with_their_symbols() =>
        VerifyGK2004.Test(/* lang=c#-test */ """
            using FluentAssertions;
            using NUnit.Framework;
            using NUnit.Framework.Legacy;

            public class Tests
            {
                // Compliant: the helper asserts for real, so Pass() ends a test that checked something.
                [Test]
                public void Classic() { Same(1, Value()); Assert.Pass(); }

                [Test]
                public void Fluent() { Fields(Value(), 2); Assert.Pass(); }

                // Reported: the helper's only assertion cannot fail, so Pass() is all the test asserts.
                [Test]
                public void Classic_constant() { Constant(); [|Assert.Pass()|]; }

                [Test]
                public void Constraint_constant() { ConstantThat(); [|Assert.Pass()|]; }

                [Test]
                public void Fluent_same_sides() { SameSides(Value()); [|Assert.Pass()|]; }

                private static int Value() => System.Environment.TickCount;

                private static void Same(int expected, int actual) => ClassicAssert.AreEqual(expected, actual);

                private static void Fields(int actual, int expected) => actual.Should().Be(expected);

                private static void Constant() => [|ClassicAssert.IsTrue(true)|];

                private static void ConstantThat() => [|Assert.That(true)|];

                // Its Be(…) is judged through its Should(), not by the name of its class (NumericAssertions).
                private static void SameSides(int value) => [|value.Should().Be(value)|];
            }
            """)
            .WithReferences(ReferenceSet.NUnit, ReferenceSet.FluentAssertions)
            .RunAsync();

    /// <summary>
    /// The trade-off, written down: in a helper, a call on a local named <c>Assert</c> is taken by its name. In the
    /// test body the same look-alike is bound and reported (GK2001_AssertionLookAlikeTests); two levels away from
    /// the test, and inside a helper named like an assertion, it is not worth binding every helper for.
    /// </summary>
    [Fact]
    public Task A_look_alike_named_Assert_in_a_helper_is_taken_by_its_name() =>
        VerifyGK2001.Test(/* lang=c#-test */ """
            using Xunit;

            public sealed class Checker
            {
                public void Equal(int expected, int actual) { }
            }

            public class Tests
            {
                [Fact]
                public void Through_a_helper_with_a_look_alike() => AssertTwo(2);

                [Fact]
                public void [|Look_alike_in_the_test_itself|]()
                {
                    var Assert = new Checker();
                    Assert.Equal(2, 2 * 1);
                }

                private static void AssertTwo(int value)
                {
                    var Assert = new Checker();
                    Assert.Equal(2, value);
                }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();
}
