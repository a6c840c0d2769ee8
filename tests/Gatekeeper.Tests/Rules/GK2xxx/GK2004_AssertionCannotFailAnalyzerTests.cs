using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.AssertionCannotFailAnalyzer>;
using VerifyGK2001 = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.TestHasNoAssertionAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK2xxx;

/// <summary>
/// GK2004 reports assertions that can never fail, in every framework and assertion library, on the
/// assertion call. Unmarked assertions are the look-alikes that can fail and must stay silent.
/// </summary>
public class GK2004_AssertionCannotFailAnalyzerTests
{
    private const string CodeUnderTest = """
        namespace Shop
        {
            public sealed class Order
            {
                public int Id { get; set; }
                public decimal Total { get; set; }
                public string Name { get; set; } = "";
                public Customer Customer { get; set; } = new();
                public int Computed => System.Environment.TickCount;
            }

            public sealed class Customer { public string Name { get; set; } = ""; }

            public readonly record struct Money(decimal Amount);

            public class Orders
            {
                private int _next;
                public int Next() => ++_next;
                public Order Create() => new Order { Id = Next() };
                public const int Three = 3;
            }
        }
        """;

    public static TheoryData<ReferenceSet> XunitVersions => new() { ReferenceSet.XunitV2, ReferenceSet.XunitV3 };

    [Theory]
    [MemberData(nameof(XunitVersions))]
    public Task Xunit_assertions_that_cannot_fail(ReferenceSet xunit) =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System;
            using Shop;
            using Xunit;

            public class OrderTests
            {
                private readonly Orders _orders = new();
                private const bool Enabled = true;

                [Fact]
                public void Constants()
                {
                    var order = _orders.Create();
                    {|#0:Assert.True(true)|};
                    [|Assert.True(true, "always")|];
                    [|Assert.False(false)|];
                    [|Assert.True(1 == 1)|];
                    [|Assert.True(Enabled)|];
                    [|Assert.Equal(1, 1)|];
                    [|Assert.Equal(Orders.Three, 3)|];
                    [|Assert.Equal("a", "a")|];
                    Assert.Equal(1, order.Id);
                }

                [Fact]
                public void Same_expression_on_both_sides()
                {
                    var order = _orders.Create();
                    var other = _orders.Create();
                    {|#1:Assert.Equal(order.Total, order.Total)|};
                    [|Assert.Equal(order, order)|];
                    [|Assert.Equal(order.Customer.Name, (order.Customer.Name))|];
                    [|Assert.StrictEqual(order.Id, order.Id)|];
                    [|Assert.Same(order, order)|];
                    [|Assert.Equivalent(order, order)|];
                    [|Assert.Equal(order.Id + 1, order.Id + 1)|];
                    Order? maybe = order;
                    [|Assert.Equal(maybe!.Customer.Name, maybe.Customer.Name)|];

                    // Compliant: different objects, different locals, calls that may differ, a computed property, a clock.
                    Assert.Equal(order.Total, other.Total);
                    Assert.Equal(order.Id, other.Id);
                    Assert.Equal(_orders.Next(), _orders.Next());
                    Assert.Equal(order.Computed, order.Computed);
                    Assert.Equal(DateTime.Now, DateTime.Now);
                    Assert.Equal(new Order(), new Order());
                    Assert.Equal(1, 2);
                    Assert.NotEqual(order, order);
                    Assert.Equal(order.Id, order.Id, new IdComparer());
                }

                [Fact]
                public void Null_checks()
                {
                    var order = _orders.Create();
                    {|#2:Assert.NotNull(order.Id)|};
                    [|Assert.NotNull(new Money(1m))|];

                    // Compliant: references and nullable values can be null.
                    Assert.NotNull(order);
                    int? maybe = order.Id > 0 ? order.Id : null;
                    Assert.NotNull(maybe);
                    Assert.NotNull(order.Customer);
                }

                [Fact]
                public void Same_on_a_value_type_always_fails_so_it_is_not_reported()
                {
                    var order = _orders.Create();
                    Assert.Same(order.Id, order.Id);
                }

                private sealed class IdComparer : System.Collections.Generic.IEqualityComparer<int>
                {
                    public bool Equals(int x, int y) => x == y;
                    public int GetHashCode(int obj) => obj;
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(xunit)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("its condition is always true"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("both sides are the same expression 'order.Total'"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("a value of type 'int' is never null"))
            .RunAsync();

    [Fact]
    public Task NUnit_constraint_and_classic_assertions_that_cannot_fail() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using NUnit.Framework;
            using NUnit.Framework.Legacy;
            using Shop;

            public class OrderTests
            {
                private readonly Orders _orders = new();

                [Test]
                public void Constraints()
                {
                    var order = _orders.Create();
                    var other = _orders.Create();
                    [|Assert.That(true)|];
                    [|Assert.That(true, Is.True)|];
                    [|Assert.That(false, Is.False)|];
                    [|Assert.That(order.Id, Is.EqualTo(order.Id))|];
                    [|Assert.That(order, Is.SameAs(order))|];
                    [|Assert.That(order.Id, Is.Not.Null)|];
                    [|Assert.That(1, Is.EqualTo(1))|];
                    [|Assert.That(expression: Is.EqualTo(order.Id), actual: order.Id)|];
                    [|Assert.That(order.Id, (Is.Not.Null))|];

                    // Compliant
                    Assert.That(order.Id, Is.EqualTo(other.Id));
                    Assert.That(order, Is.Not.Null);
                    Assert.That(order.Id > 0, Is.True);
                    Assert.That(order.Id, Is.EqualTo(order.Id).Within(1));
                    Assert.That(order.Id, Is.GreaterThan(0));
                }

                [Test]
                public void Classic()
                {
                    var order = _orders.Create();
                    [|ClassicAssert.IsTrue(true)|];
                    [|ClassicAssert.True(true)|];
                    [|ClassicAssert.IsFalse(false)|];
                    [|ClassicAssert.AreEqual(order.Name, order.Name)|];
                    [|ClassicAssert.AreSame(order, order)|];
                    [|ClassicAssert.IsNotNull(order.Total)|];

                    // Compliant
                    ClassicAssert.AreEqual(3, order.Id);
                    ClassicAssert.IsNotNull(order.Customer);
                }

                [Test]
                public void Only_passes()
                {
                    _orders.Create();
                    [|Assert.Pass()|];
                }

                [Test]
                public void Passes_after_a_real_assertion()
                {
                    var order = _orders.Create();
                    Assert.That(order.Id, Is.EqualTo(1));
                    Assert.Pass("checked");
                }

                [Test]
                public void Passes_after_a_cannot_fail_assertion()
                {
                    [|Assert.That(true)|];
                    [|Assert.Pass()|];
                }

                // Compliant: not a test; Assert.Pass in a helper is not judged.
                public void Helper() => Assert.Pass();
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.NUnit)
            .RunAsync();

    [Fact]
    public Task MSTest_assertions_that_cannot_fail() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class OrderTests
            {
                private readonly Orders _orders = new();

                [TestMethod]
                public void Cannot_fail()
                {
                    var order = _orders.Create();
                    [|Assert.IsTrue(true)|];
                    [|Assert.IsFalse(false)|];
                    [|Assert.AreEqual(order.Id, order.Id)|];
                    [|Assert.AreEqual(order.Total, order.Total, "same")|];
                    [|Assert.AreSame(order, order)|];
                    [|Assert.IsNotNull(order.Id)|];

                    // Compliant
                    Assert.AreEqual(1, order.Id);
                    Assert.IsNotNull(order);
                    Assert.IsTrue(order.Id > 0);
                    Assert.AreEqual(order.Name, order.Name.Trim());
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.MSTest)
            .RunAsync();

    [Fact]
    public Task FluentAssertions_forms_are_reported_on_the_whole_assertion() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using FluentAssertions;
            using Shop;
            using Xunit;

            public class OrderTests
            {
                private readonly Orders _orders = new();

                [Fact]
                public void Cannot_fail()
                {
                    var order = _orders.Create();
                    [|true.Should().BeTrue()|];
                    [|false.Should().BeFalse("never")|];
                    [|order.Should().Be(order)|];
                    [|order.Total.Should().Be(order.Total)|];
                    [|order.Should().BeSameAs(order)|];
                    [|order.Should().BeEquivalentTo(order)|];
                    [|new Money(1m).Should().NotBeNull()|];
                    [|1.Should().Be(1)|];

                    // Compliant
                    order.Id.Should().Be(1);
                    order.Should().NotBeNull();
                    (order.Id > 0).Should().BeTrue();
                    order.Should().Be(order).And.NotBeNull();
                    order.Name.Should().Be(order.Customer.Name);
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.FluentAssertions)
            .RunAsync();

    [Fact]
    public Task Shouldly_forms() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using NUnit.Framework;
            using Shop;
            using Shouldly;

            public class OrderTests
            {
                private readonly Orders _orders = new();

                [Test]
                public void Cannot_fail()
                {
                    var order = _orders.Create();
                    [|true.ShouldBeTrue()|];
                    [|false.ShouldBeFalse()|];
                    [|order.Id.ShouldBe(order.Id)|];
                    [|order.ShouldBeSameAs(order)|];
                    [|"a".ShouldBe("a")|];

                    // Compliant
                    order.Id.ShouldBe(1);
                    order.ShouldNotBeNull();
                    (order.Id > 0).ShouldBeTrue();
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.NUnit, ReferenceSet.Shouldly)
            .RunAsync();

    [Fact]
    public Task Assertions_in_helpers_are_reported_too() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class OrderTests
            {
                [Fact]
                public void Uses_a_helper() => AssertValid(new Orders().Create());

                private static void AssertValid(Order order) => [|Assert.Equal(order.Id, order.Id)|];
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task Half_typed_code_does_not_throw() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Xunit;

            public class OrderTests
            {
                [Fact]
                public void Typing()
                {
                    Assert.Equal(x, x);
                    Assert.True(
                    Assert.That(true);
                    Assert.
                }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .AllowCompilerErrors()
            .RunAsync();

    [Fact]
    public Task No_test_framework_means_no_analysis() =>
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            public static class Assert { public static void True(bool condition) { } }

            public class NotATest
            {
                public void M() => Assert.True(true);
            }
            """);

    // ---- GK2001 and GK2004 never both fire on one test ----

    [Fact]
    public Task GK2001_is_silent_when_the_only_assertion_cannot_fail() =>
        VerifyGK2001.Test(/* lang=c#-test */ """
            using NUnit.Framework;

            public class Tests
            {
                [Test]
                public void Only_cannot_fail() { new Shop.Orders().Create(); Assert.That(true); }

                [Test]
                public void Only_passes() { new Shop.Orders().Create(); Assert.Pass(); }

                [Test]
                public void Through_a_helper_that_cannot_fail() { new Shop.Orders().Create(); Check(); }

                [Test]
                public void Cannot_fail_and_real() { var order = new Shop.Orders().Create(); Assert.That(true); Assert.That(order.Id, Is.EqualTo(1)); }

                [Test]
                public void [|Nothing|]() { new Shop.Orders().Create(); }

                // Reported: GK2004 judges Assert.Pass() only in a test, so a helper's Pass() is no assertion at all.
                [Test]
                public void [|Passes_in_a_helper|]() { new Shop.Orders().Create(); PassNow(); }

                private static void Check() => Assert.That(1, Is.EqualTo(1));

                private static void PassNow() => Assert.Pass();
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.NUnit)
            .RunAsync();

    [Fact]
    public Task GK2004_reports_the_test_GK2001_leaves_alone() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Xunit;

            public class Tests
            {
                [Fact]
                public void Only_cannot_fail() { new Shop.Orders().Create(); [|Assert.True(true)|]; }

                [Fact]
                public void Cannot_fail_and_real() { var order = new Shop.Orders().Create(); [|Assert.True(true)|]; Assert.Equal(1, order.Id); }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task GK2001_still_reports_tests_without_any_assertion_next_to_cannot_fail_ones() =>
        VerifyGK2001.Test(/* lang=c#-test */ """
            using Xunit;

            public class Tests
            {
                [Fact]
                public void Only_cannot_fail() { new Shop.Orders().Create(); Assert.True(true); }

                [Fact]
                public void Cannot_fail_and_real() { var order = new Shop.Orders().Create(); Assert.True(true); Assert.Equal(1, order.Id); }

                [Fact]
                public void [|Nothing|]() { new Shop.Orders().Create(); }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.XunitV2)
            .WithLanguageVersion(LanguageVersion.Latest)
            .RunAsync();
}
