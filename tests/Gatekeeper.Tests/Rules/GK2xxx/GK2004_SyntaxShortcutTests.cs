using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.AssertionCannotFailAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK2xxx;

/// <summary>
/// GK2004 binds an assertion only when the values written in it can make it one that cannot fail: two that
/// can be constants, two equivalent ones, a constant condition, a null check. A local or parameter is no
/// constant, nor is a member of a value; a name that can denote a type keeps the call. The look-alikes that
/// shortcut must still get right.
/// </summary>
public class GK2004_SyntaxShortcutTests
{
    private const string CodeUnderTest = """
        namespace Shop
        {
            public sealed class Limits
            {
                public const int Max = 5;
                public int Count { get; set; }
            }

            public sealed class Cart
            {
                public int Count { get; set; }
            }
        }
        """;

    [Fact]
    public Task Constants_written_as_names_and_members_of_types() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Net;
            using Shop;
            using Xunit;
            using Code = System.Net.HttpStatusCode;

            public class ConstantTests
            {
                private const int Limit = 10;

                [Fact]
                public void Constants()
                {
                    const int expected = 3;
                    [|Assert.Equal(expected, 3)|];
                    [|Assert.Equal(Limit, 10)|];
                    [|Assert.Equal(actual: Limit, expected: 10)|];
                    [|Assert.Equal(Code.OK, HttpStatusCode.OK)|];
                    [|Assert.Equal(global::Shop.Limits.Max, 5)|];
                    [|Assert.True(!(Limit > 20))|];

                    // "Color Color": a local named like its type still reaches the type's constants.
                    Limits Limits = new();
                    [|Assert.Equal(Limits.Max, 5)|];

                    // Compliant: members of values, locals and calls can change.
                    var cart = new Cart();
                    var count = cart.Count;
                    Assert.Equal(3, cart.Count);
                    Assert.Equal(3, count);
                    Assert.Equal(Limits.Count, 5);
                    Assert.True(cart.Count > 2);
                    Assert.Equal(5, Limit - cart.Count);
                }

                [Fact]
                public void Same_values()
                {
                    var cart = new Cart();
                    [|Assert.Equal(cart.Count, cart.Count)|];
                    [|Assert.Equal((cart).Count, cart!.Count)|];
                    Assert.Equal(cart.Count, Limit);
                }

                [Theory]
                [InlineData(1)]
                public void Parameters(int value)
                {
                    [|Assert.Equal(value, value)|];
                    Assert.Equal(value, 1);
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task Nunit_that_and_assertions_inside_lambdas() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using NUnit.Framework;
            using NUnit.Framework.Legacy;
            using Shop;

            public class NunitTests
            {
                [Test]
                public void Checks()
                {
                    var cart = new Cart();
                    [|Assert.That(cart.Count, Is.Not.Null)|];
                    [|Assert.That(cart.Count, Is.EqualTo(cart.Count))|];
                    [|Assert.That(Limits.Max, Is.EqualTo(5))|];
                    Assert.Multiple(() =>
                    {
                        Limits Limits = new();
                        [|ClassicAssert.AreEqual(Limits.Max, 5)|];
                        ClassicAssert.AreEqual(cart.Count, 5);
                    });

                    // Compliant
                    Assert.That(cart.Count, Is.EqualTo(3));
                    Assert.That(cart, Is.Not.Null);
                    Assert.That(cart.Count > 0, Is.True);
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.NUnit)
            .RunAsync();

    [Fact]
    public Task Fluent_and_shouldly_subjects_are_receivers() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using FluentAssertions;
            using Shouldly;
            using Shop;
            using Xunit;

            public class FluentTests
            {
                private const int Limit = 10;

                [Fact]
                public void Checks()
                {
                    var cart = new Cart();
                    [|cart.Count.Should().Be(cart.Count)|];
                    [|Limit.Should().Be(10)|];
                    [|cart.Count.ShouldBe(cart.Count)|];
                    [|Limits.Max.ShouldBe(5)|];

                    // Compliant
                    cart.Count.Should().Be(Limit);
                    cart.Count.ShouldBe(3);
                    cart.Should().NotBeNull();
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.FluentAssertions, ReferenceSet.Shouldly)
            .RunAsync();

    /// <summary>
    /// A receiver written in lowercase is looked for among the project's own types only (references name theirs in
    /// PascalCase): a lowercase type of the project still reaches its constants, a lowercase local is a value.
    /// </summary>
    [Fact]
    public Task A_lowercase_type_of_the_project_still_reaches_its_constants() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using Xunit;

            public static class limits
            {
                public const int max = 5;
            }

            public class LowercaseTests
            {
                [Fact]
                public void Constants()
                {
                    [|Assert.Equal(limits.max, 5)|];

                    // Compliant: a lowercase local is a value, and so is its member.
                    var items = new List<int> { 1 };
                    Assert.Equal(items.Count, 1);
                }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    /// <summary>
    /// The project's type and namespace names are read from the source assembly's name sets: a nested type (one of a
    /// base class, here) and a namespace of the project, written as the first name of a receiver, still reach constants.
    /// </summary>
    [Fact]
    public Task Nested_types_and_namespaces_of_the_project_still_reach_their_constants() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Xunit;

            namespace Shop.Catalog
            {
                public class CatalogTestBase
                {
                    public static class Paging
                    {
                        public const int Size = 10;
                    }
                }

                public class CatalogTests : CatalogTestBase
                {
                    [Fact]
                    public void Constants()
                    {
                        [|Assert.Equal(Paging.Size, 10)|];
                        [|Assert.Equal(Catalog.CatalogTestBase.Paging.Size, 10)|];
                        [|Assert.Equal(Shop.Catalog.CatalogTestBase.Paging.Size, 10)|];
                    }
                }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();
}
