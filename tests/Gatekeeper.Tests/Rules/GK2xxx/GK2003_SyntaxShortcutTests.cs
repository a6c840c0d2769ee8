using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.VerificationIgnoresArgumentsAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK2xxx;

/// <summary>
/// GK2003 binds a verification only when its verified call has an argument that can be a wildcard
/// by its written name (<c>IsAny</c>, <c>Any</c>, <c>_</c>, <c>Ignored</c>) or says "any arguments": the
/// look-alikes that shortcut must still get right.
/// </summary>
public class GK2003_SyntaxShortcutTests
{
    private const string CodeUnderTest = """
        namespace Shop
        {
            public sealed record Email(string To, string Subject);

            public interface IMailer
            {
                void Send(Email email);
                void Send(string to, string subject, string body);
            }
        }
        """;

    [Fact]
    public Task Moq_wildcards_written_through_using_static_a_cast_or_parentheses() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Moq;
            using Shop;
            using Xunit;
            using static Moq.It;
            using Matcher = Moq.It;

            public class SignupTests
            {
                private readonly Mock<IMailer> _mailer = new();

                [Fact]
                public void Sends()
                {
                    _mailer.Verify(m => [|m.Send(IsAny<Email>())|]);
                    _mailer.Verify(m => [|m.Send((Email)Matcher.IsAny<Email>())|], Times.Once());
                    _mailer.Verify(m => [|m.Send((IsAny<string>()), IsAny<string>()!, It.IsAny<string>())|]);

                    // Compliant: a wildcard kept in a local is a value, as the semantic check says; a real matcher.
                    var any = It.IsAny<Email>();
                    _mailer.Verify(m => m.Send(any));
                    _mailer.Verify(m => m.Send(Is<Email>(e => e.To == "ann@example.com")));
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.Moq)
            .RunAsync();

    [Fact]
    public Task NSubstitute_wildcards_through_an_alias() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using NSubstitute;
            using NUnit.Framework;
            using Shop;
            using Matcher = NSubstitute.Arg;

            public class SignupTests
            {
                private readonly IMailer _mailer = Substitute.For<IMailer>();

                [Test]
                public void Sends()
                {
                    [|_mailer.Received().Send(Matcher.Any<Email>())|];
                    [|_mailer.Received(1).Send(Matcher.Compat.Any<string>(), Arg.Any<string>(), Arg.Any<string>())|];

                    // Compliant: an argument is pinned down.
                    _mailer.Received().Send(Matcher.Any<string>(), "Welcome", Arg.Any<string>());
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.NUnit, ReferenceSet.NSubstitute)
            .RunAsync();

    [Fact]
    public Task FakeItEasy_wildcards_through_an_alias_and_with_any_arguments_further_up_the_chain() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using FakeItEasy;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;
            using AnyEmail = FakeItEasy.A<Shop.Email>;

            [TestClass]
            public class SignupTests
            {
                [TestMethod]
                public void Sends()
                {
                    var mailer = A.Fake<IMailer>();
                    A.CallTo(() => [|mailer.Send(AnyEmail._)|]).MustHaveHappened();
                    A.CallTo(() => [|mailer.Send("ann@example.com", "Welcome", "Hi")|]).WithAnyArguments().MustHaveHappenedOnceExactly();

                    // Compliant: the arguments are pinned down.
                    A.CallTo(() => mailer.Send("ann@example.com", A<string>._, A<string>.Ignored)).MustHaveHappened();
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.MSTest, ReferenceSet.FakeItEasy)
            .RunAsync();
}
