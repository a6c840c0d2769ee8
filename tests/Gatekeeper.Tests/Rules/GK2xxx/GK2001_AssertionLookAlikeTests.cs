using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.TestHasNoAssertionAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK2xxx;

/// <summary>
/// Look-alikes of assertion calls that any shortcut deciding GK2001 without binding the test body (from syntax and
/// lookups outside the body) must leave to the binding: a name <c>Assert</c> (or <c>ClassicAssert</c>, <c>Should</c> …)
/// that means something else at the call, a method name that reaches something other than the assert type's own
/// methods (an extension member, <c>object</c>), a call on a field or a helper that can reach a method asserting
/// nothing. Every marked test calls such a look-alike, so a wrong shortcut would silence it; the unmarked ones are
/// the real assertions of each framework, which must still be found. (A shortcut of this kind was tried and measured
/// slower than the binding it saved: see the history of this file's branch.)
/// </summary>
public class GK2001_AssertionLookAlikeTests
{
    /// <summary>Look-alikes of xUnit's Assert that assert nothing.</summary>
    private const string Checks = """
        namespace Checks
        {
            public sealed class Checker
            {
                public void Equal(int expected, int actual) { }
                public bool Contains(int value) => value > 0;
            }

            public static class Loose
            {
                public static void Equal(int expected, int actual) { }
            }

            public interface IChecks
            {
                static abstract void Equal(int expected, int actual);
            }

            public sealed class NoChecks : IChecks
            {
                public static void Equal(int expected, int actual) { }
            }
        }
        """;

    public static TheoryData<ReferenceSet> XunitVersions => new() { ReferenceSet.XunitV2, ReferenceSet.XunitV3 };

    [Theory]
    [MemberData(nameof(XunitVersions))]
    public Task A_name_declared_in_the_test_method_is_not_the_assert_type(ReferenceSet xunit) =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System;
            using System.Linq;
            using Checks;
            using Xunit;

            public class ShadowingTests
            {
                [Fact]
                public void [|Local|]()
                {
                    var Assert = new Checker();
                    Assert.Equal(1, 2);
                }

                [Theory]
                [InlineData("abc")]
                public void [|Parameter|](string Assert) => Assert.Contains("b");

                [Fact]
                public void [|Lambda_parameter|]()
                {
                    Action<Checker> check = Assert => Assert.Equal(1, 2);
                    check(new Checker());
                }

                [Fact]
                public void [|Pattern_variable|]()
                {
                    if (Make() is Checker Assert)
                    {
                        Assert.Equal(1, 2);
                    }
                }

                [Fact]
                public void [|Out_variable|]()
                {
                    TryMake(out var Assert);
                    Assert.Equal(1, 2);
                }

                [Fact]
                public void [|Foreach_variable|]()
                {
                    foreach (var Assert in new[] { new Checker() })
                    {
                        Assert.Equal(1, 2);
                    }
                }

                [Fact]
                public void [|Deconstructed_variable|]()
                {
                    var (Assert, _) = (new Checker(), 0);
                    Assert.Equal(1, 2);
                }

                [Fact]
                public void [|Range_variable|]()
                {
                    _ = (from Assert in new[] { new Checker() } select Assert.Contains(1)).ToList();
                }

                [Fact]
                public void [|Local_function_type_parameter|]()
                {
                    Run<NoChecks>();

                    static void Run<Assert>() where Assert : IChecks => Assert.Equal(1, 2);
                }

                [Theory]
                [InlineData(1)]
                public void [|Method_type_parameter|]<Assert>(Assert value) where Assert : IChecks => Assert.Equal(1, 2);

                // Compliant: the same calls on xUnit's Assert.
                [Fact]
                public void Asserts()
                {
                    var checker = new Checker();
                    Assert.Equal(1, checker.Contains(1) ? 1 : 0);
                }

                private static object Make() => new Checker();

                private static bool TryMake(out Checker checker)
                {
                    checker = new Checker();
                    return true;
                }
            }
            """)
            .WithSource(Checks)
            .WithReferences(xunit)
            .RunAsync();

    [Fact]
    public Task A_member_of_the_test_class_or_an_enclosing_one_is_not_the_assert_type() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Checks;
            using Xunit;

            public class FieldTests
            {
                private readonly Checker Assert = new();

                [Fact]
                public void [|Field|]() => Assert.Equal(1, 2);
            }

            public abstract class TestBase
            {
                protected Checker Assert { get; } = new();
            }

            public class BaseMemberTests : TestBase
            {
                [Fact]
                public void [|Base_class_property|]() => Assert.Equal(1, 2);
            }

            public class NestedTypeTests
            {
                [Fact]
                public void [|Nested_type|]() => Assert.Equal(1, 2);

                private static class Assert
                {
                    public static void Equal(int expected, int actual) { }
                }
            }

            public partial class PartialTests
            {
                [Fact]
                public void [|Member_of_another_part|]() => Assert.Equal(1, 2);
            }

            public partial class PartialTests
            {
                private readonly Checker Assert = new();
            }

            public class OuterTests
            {
                private static readonly Checker Assert = new();

                public class InnerTests
                {
                    [Fact]
                    public void [|Member_of_the_enclosing_class|]() => Assert.Equal(1, 2);
                }
            }

            public class PrimaryConstructorTests(Checker Assert)
            {
                [Fact]
                public void [|Primary_constructor_parameter|]() => Assert.Equal(1, 2);
            }

            public class GenericTests<Assert> where Assert : IChecks
            {
                [Fact]
                public void [|Type_parameter_of_the_class|]() => Assert.Equal(1, 2);
            }
            """)
            .WithSource(Checks)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task A_type_of_the_project_or_an_alias_is_not_the_assert_type() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Xunit;

            namespace Shop.Tests
            {
                public static class Assert
                {
                    public static void Equal(int expected, int actual) { }
                }

                public class OwnAssertClassTests
                {
                    [Fact]
                    public void [|Own_Assert_class_in_the_test_namespace|]() => Assert.Equal(1, 2);
                }
            }
            """)
            .WithSource(/* lang=c#-test */ """
            using Xunit;
            using Assert = Checks.Loose;

            public class AliasTests
            {
                [Fact]
                public void [|Alias|]() => Assert.Equal(1, 2);
            }
            """)
            .WithSource(Checks)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task A_global_alias_is_not_the_assert_type() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Xunit;

            public class GlobalAliasTests
            {
                [Fact]
                public void [|Global_alias|]() => Assert.Equal(1, 2);
            }
            """)
            .WithSource(/* lang=c#-test */ """
            global using Assert = Checks.Loose;
            """)
            .WithSource(Checks)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task A_method_name_that_reaches_an_extension_member_or_object_goes_the_slow_way() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Checks;
            using Xunit;

            public static class LooseAssertions
            {
                extension(Assert)
                {
                    public static void Approximately(double expected, double actual) { }

                    public static void Contains(Checker checker) { }
                }
            }

            public class ExtensionMemberTests
            {
                [Fact]
                public void [|Extension_member|]() => Assert.Approximately(1.0, 1.1);

                [Fact]
                public void [|Extension_member_named_like_an_assertion|]() => Assert.Contains(new Checker());

                // Compliant: xUnit's own Contains, applicable here, wins over the extension.
                [Fact]
                public void Own_overload() => Assert.Contains("b", "abc");
            }
            """)
            .WithSource(/* lang=c#-test */ """
            using Shouldly;
            using Xunit;

            public class ObjectMemberTests
            {
                // Shouldly's Should declares no ReferenceEquals: this is object's, no assertion.
                [Fact]
                public void [|Object_member_through_an_assert_type|]() => Should.ReferenceEquals("a", "b");

                // Compliant: Shouldly's own.
                [Fact]
                public void Should_throw() => Should.Throw<System.InvalidOperationException>(() => throw new System.InvalidOperationException());
            }
            """)
            .WithSource(Checks)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.Shouldly)
            .RunAsync();

    [Fact]
    public Task A_call_on_a_field_or_a_helper_counts_only_when_every_method_it_can_reach_asserts() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System;
            using System.Collections.Generic;
            using FluentAssertions;
            using Moq;
            using Xunit;

            public interface IMailer { void Send(string to); }

            public sealed class Probe
            {
                public void VerifySaved() { }

                public Action VerifySent { get; } = () => { };
            }

            public static class MailerChecks
            {
                public static void VerifyQuiet(this Mock<IMailer> mailer) { }

                // Never called as probe.VerifySent(): the property wins.
                public static void VerifySent(this Probe probe) => Assert.NotNull(probe);
            }

            public class FieldAndHelperTests
            {
                private readonly Mock<IMailer> _mailer = new();
                private readonly Probe _probe = new();
                private readonly List<int> _store = new();
                private readonly Action AssertStored = () => { };

                private Mock<IMailer> Mailer { get; } = new();

                // A method of the project, named like an assertion, that asserts nothing.
                [Fact]
                public void [|Field_with_a_method_that_asserts_nothing|]() => _probe.VerifySaved();

                // A delegate-typed property: the call is its Invoke, no assertion (not the extension method of that name).
                [Fact]
                public void [|Field_with_a_delegate_property|]() => _probe.VerifySent();

                // An extension method of the project on a mock, named like an assertion, that asserts nothing.
                [Fact]
                public void [|Field_with_an_extension_that_asserts_nothing|]() => _mailer.VerifyQuiet();

                // The overload that binds asserts nothing, the other one asserts.
                [Fact]
                public void [|Overload_that_asserts_nothing|]() => AssertValid("x");

                // A local function shadows the helper of the class.
                [Fact]
                public void [|Local_function_named_like_the_helper|]()
                {
                    AssertDone();

                    void AssertDone() { }
                }

                // A delegate-typed field named like an assertion: its Invoke.
                [Fact]
                public void [|Delegate_field_named_like_an_assertion|]() => AssertStored();

                // Compliant: Moq's Verify on a field and on a property, FluentAssertions on a field, helpers that assert.
                [Fact]
                public void Mock_field()
                {
                    _mailer.Object.Send("a@b.c");
                    _mailer.Verify(m => m.Send("a@b.c"), Times.Once());
                }

                [Fact]
                public void Mock_property()
                {
                    Mailer.Object.Send("a@b.c");
                    Mailer.Verify(m => m.Send("a@b.c"), Times.Once());
                }

                [Fact]
                public void Fluent_on_a_field() => _store.Should().BeEmpty();

                [Fact]
                public void Helper_that_asserts() => AssertValid(1);

                [Fact]
                public void Helper_named_like_the_local_function() => AssertDone();

                private static void AssertValid(int value) => Assert.True(value > 0);

                private static void AssertValid(string value) { }

                private static void AssertDone() => Assert.True(DateTime.Now.Year > 2000);
            }
            """)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.Moq, ReferenceSet.FluentAssertions)
            .RunAsync();

    [Theory]
    [MemberData(nameof(XunitVersions))]
    public Task Xunit_assertions_are_found(ReferenceSet xunit) =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using Xunit;

            public class XunitTests
            {
                [Fact]
                public void Equal() => Assert.Equal(3, Sum(1, 2));

                [Fact]
                public void Contains() => Assert.Contains(3, new List<int> { Sum(1, 2) });

                [Fact]
                public void Throws() => Assert.Throws<System.DivideByZeroException>(() => 1 / Zero());

                [Fact]
                public void Qualified_by_alias_of_the_same_type()
                {
                    var sum = Sum(1, 2);
                    XAssert.True(sum > 2);
                }

                // Compliant: cannot fail, so GK2004's to report, not GK2001's.
                [Fact]
                public void Cannot_fail() => Assert.True(true);

                [Fact]
                public void [|Asserts_nothing|]() => Sum(1, 2);

                private static int Sum(int a, int b) => a + b;

                private static int Zero() => 0;
            }
            """)
            .WithSource("""
            global using XAssert = Xunit.Assert;
            """)
            .WithReferences(xunit)
            .RunAsync();

    [Fact]
    public Task NUnit_assertions_are_found_including_the_classic_ones() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using NUnit.Framework;
            using NUnit.Framework.Legacy;

            [TestFixture]
            public class NUnitTests
            {
                [Test]
                public void That() => Assert.That(Sum(1, 2), Is.EqualTo(3));

                [Test]
                public void Classic() => ClassicAssert.AreEqual(3, Sum(1, 2));

                // ClassicAssert inherits That from NUnit's Assert.
                [Test]
                public void Classic_that() => ClassicAssert.That(Sum(1, 2), Is.EqualTo(3));

                [Test]
                public void Collection() => CollectionAssert.Contains(new List<int> { Sum(1, 2) }, 3);

                [Test]
                public void String() => StringAssert.Contains("3", Sum(1, 2).ToString());

                // NUnit's Assert declares Equals (it throws): an assertion, found the slow way.
                [Test]
                public void Nunit_equals() => Assert.Equals(Sum(1, 2), 3);

                // Compliant: Assert.Pass() alone is GK2004's to report.
                [Test]
                public void Pass() => Assert.Pass();

                [Test]
                public void [|Asserts_nothing|]() => Sum(1, 2);

                private static int Sum(int a, int b) => a + b;
            }
            """)
            .WithReferences(ReferenceSet.NUnit)
            .RunAsync();

    [Fact]
    public Task MSTest_assertions_are_found() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using Microsoft.VisualStudio.TestTools.UnitTesting;

            [TestClass]
            public class MSTestTests
            {
                [TestMethod]
                public void Are_equal() => Assert.AreEqual(3, Sum(1, 2));

                [TestMethod]
                public void Collection() => CollectionAssert.Contains(new List<int> { Sum(1, 2) }, 3);

                [TestMethod]
                public void String() => StringAssert.Contains(Sum(1, 2).ToString(), "3");

                [TestMethod]
                public void [|Asserts_nothing|]() => Sum(1, 2);

                private static int Sum(int a, int b) => a + b;
            }
            """)
            .WithReferences(ReferenceSet.MSTest)
            .RunAsync();
}
