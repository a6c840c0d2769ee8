using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.VerificationIgnoresArgumentsAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK2xxx;

/// <summary>
/// GK2003 reports positive verifications whose every argument is a wildcard, for Moq, NSubstitute
/// and FakeItEasy, on the verified call. Negative checks, parameterless methods and tests that look at
/// the arguments another way stay silent.
/// </summary>
public class GK2003_VerificationIgnoresArgumentsAnalyzerTests
{
    private const string CodeUnderTest = """
        using System.Threading;
        using System.Threading.Tasks;

        namespace Shop
        {
            public sealed record Email(string To, string Subject);

            public interface IMailer
            {
                void Send(Email email);
                void Send(string to, string subject, string body);
                Task SendAsync(Email email, CancellationToken cancellationToken = default);
                Task FlushAsync(CancellationToken cancellationToken);
                void Ping();
                int Count { get; }
                void Notify(string to, bool urgent = false);
            }

            public sealed class Signup(IMailer mailer)
            {
                public void Register(string address) => mailer.Send(new Email(address, "Welcome"));
            }
        }
        """;

    [Fact]
    public Task Moq_verifications_with_only_wildcards() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Threading;
            using System.Threading.Tasks;
            using Moq;
            using Shop;
            using Xunit;

            public class SignupTests
            {
                private readonly Mock<IMailer> _mailer = new();

                [Fact]
                public void Sends_a_welcome_email()
                {
                    new Signup(_mailer.Object).Register("ann@example.com");

                    _mailer.Verify(m => {|#0:m.Send(It.IsAny<Email>())|}, Times.Once);
                    _mailer.Verify(m => [|m.Send(It.IsAny<Email>())|]);
                    _mailer.Verify(m => [|m.Send(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>())|], Times.Once());
                    _mailer.Verify(m => [|m.SendAsync(It.IsAny<Email>(), It.IsAny<CancellationToken>())|], Times.AtLeastOnce());
                    _mailer.Verify(m => [|m.Notify(It.IsAny<string>(), It.IsAny<bool>())|], "must notify");
                    Mock.Get(_mailer.Object).Verify(m => [|m.Send((It.IsAny<Email>()))|], Times.Exactly(1));
                }

                [Fact]
                public void Look_alikes()
                {
                    new Signup(_mailer.Object).Register("ann@example.com");

                    // Compliant: one argument is matched.
                    _mailer.Verify(m => m.Send(It.Is<Email>(e => e.To == "ann@example.com")), Times.Once);
                    _mailer.Verify(m => m.Send("ann@example.com", It.IsAny<string>(), It.IsAny<string>()));
                    _mailer.Verify(m => m.SendAsync(It.Is<Email>(e => e.Subject == "Welcome"), It.IsAny<CancellationToken>()));
                    // Compliant: an omitted optional argument is matched against its default.
                    _mailer.Verify(m => m.Notify(It.IsAny<string>(), false));
                    // Compliant: nothing to match.
                    _mailer.Verify(m => m.Ping());
                    _mailer.Verify(m => m.FlushAsync(It.IsAny<CancellationToken>()));
                    _mailer.Verify(m => m.Count);
                    _mailer.Verify();
                    // Compliant: negative checks.
                    _mailer.Verify(m => m.Send(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()), Times.Never);
                    _mailer.Verify(m => m.Send(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()), Times.Never());
                    _mailer.Verify(m => m.Send(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()), Times.Exactly(0));
                    // Compliant: a setup is not a verification.
                    _mailer.Setup(m => m.Send(It.IsAny<Email>()));
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.Moq)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("Send"))
            .RunAsync();

    [Fact]
    public Task Moq_protected_verification_of_an_http_handler() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using Moq;
            using Moq.Protected;
            using Xunit;

            public class ApiTests
            {
                [Fact]
                public async Task Calls_the_api()
                {
                    var handler = new Mock<HttpMessageHandler>();
                    await new HttpClient(handler.Object).GetAsync("https://example.com/");

                    {|#0:handler.Protected().Verify("SendAsync", Times.Once(), ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>())|};

                    // Compliant: the request is matched.
                    handler.Protected().Verify("SendAsync", Times.Once(), ItExpr.Is<HttpRequestMessage>(r => r.Method == HttpMethod.Get), ItExpr.IsAny<CancellationToken>());
                    // Compliant: never.
                    handler.Protected().Verify("SendAsync", Times.Never(), ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>());
                }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.Moq)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("SendAsync"))
            .RunAsync();

    [Fact]
    public Task Moq_is_silent_when_the_test_inspects_the_arguments() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Moq;
            using Shop;
            using Xunit;

            public class CallbackTests
            {
                [Fact]
                public void Callback_in_the_test()
                {
                    var sent = new List<Email>();
                    var mailer = new Mock<IMailer>();
                    mailer.Setup(m => m.Send(It.IsAny<Email>())).Callback<Email>(sent.Add);

                    new Signup(mailer.Object).Register("ann@example.com");

                    mailer.Verify(m => m.Send(It.IsAny<Email>()), Times.Once);
                    Assert.Equal("ann@example.com", sent.Single().To);
                }

                [Fact]
                public void Capture_in()
                {
                    var sent = new List<Email>();
                    var mailer = new Mock<IMailer>();
                    mailer.Setup(m => m.Send(Capture.In(sent)));

                    new Signup(mailer.Object).Register("ann@example.com");

                    mailer.Verify(m => m.Send(It.IsAny<Email>()), Times.Once);
                }

                [Fact]
                public void Invocations()
                {
                    var mailer = new Mock<IMailer>();
                    new Signup(mailer.Object).Register("ann@example.com");

                    mailer.Verify(m => m.Send(It.IsAny<Email>()), Times.Once);
                    Assert.Equal("ann@example.com", ((Email)mailer.Invocations[0].Arguments[0]).To);
                }

                [Fact]
                public void Returns_reads_the_arguments()
                {
                    var mailer = new Mock<IMailer>();
                    var seen = "";
                    mailer.Setup(m => m.SendAsync(It.IsAny<Email>(), It.IsAny<CancellationToken>())).Returns((Email e, CancellationToken _) => { seen = e.To; return Task.CompletedTask; });

                    mailer.Object.SendAsync(new Email("a", "b"));

                    mailer.Verify(m => m.SendAsync(It.IsAny<Email>(), It.IsAny<CancellationToken>()));
                }
            }

            public class ConstructorCallbackTests
            {
                private readonly Mock<IMailer> _mailer = new();
                private readonly List<Email> _sent = new();

                public ConstructorCallbackTests() => _mailer.Setup(m => m.Send(It.IsAny<Email>())).Callback((Email e) => _sent.Add(e));

                [Fact]
                public void Uses_the_shared_capture()
                {
                    new Signup(_mailer.Object).Register("ann@example.com");

                    _mailer.Verify(m => m.Send(It.IsAny<Email>()), Times.Once);
                }
            }

            public class HelperCallbackTests
            {
                [Fact]
                public void Through_a_helper()
                {
                    var sent = new List<Email>();
                    var mailer = MailerCapturing(sent);

                    new Signup(mailer.Object).Register("ann@example.com");

                    mailer.Verify(m => m.Send(It.IsAny<Email>()), Times.Once);
                }

                private static Mock<IMailer> MailerCapturing(List<Email> sent) => Helpers.Capturing(sent);
            }

            public static class Helpers
            {
                public static Mock<IMailer> Capturing(List<Email> sent)
                {
                    var mailer = new Mock<IMailer>();
                    mailer.Setup(m => m.Send(It.IsAny<Email>())).Callback<Email>(sent.Add);
                    return mailer;
                }
            }

            public class OtherTestsCaptureTests
            {
                [Fact]
                public void Captures_itself()
                {
                    var sent = new List<Email>();
                    var mailer = new Mock<IMailer>();
                    mailer.Setup(m => m.Send(It.IsAny<Email>())).Callback<Email>(sent.Add);
                }

                [Fact]
                public void A_callback_that_sees_no_argument_inspects_nothing()
                {
                    var called = false;
                    var mailer = new Mock<IMailer>();
                    mailer.Setup(m => m.Send(It.IsAny<Email>())).Callback(() => called = true);
                    new Signup(mailer.Object).Register("ann@example.com");

                    mailer.Verify(m => [|m.Send(It.IsAny<Email>())|], Times.Once);
                    Assert.True(called);
                }

                [Fact]
                public void Does_not_capture()
                {
                    var mailer = new Mock<IMailer>();
                    new Signup(mailer.Object).Register("ann@example.com");

                    mailer.Verify(m => [|m.Send(It.IsAny<Email>())|], Times.Once);
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.Moq)
            .RunAsync();

    [Fact]
    public Task NSubstitute_received_with_only_wildcards() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using NSubstitute;
            using NSubstitute.ReceivedExtensions;
            using NUnit.Framework;
            using Shop;

            public class SignupTests
            {
                private readonly IMailer _mailer = Substitute.For<IMailer>();

                [Test]
                public async Task Sends_a_welcome_email()
                {
                    new Signup(_mailer).Register("ann@example.com");

                    {|#0:_mailer.Received().Send(Arg.Any<Email>())|};
                    [|_mailer.Received(1).Send(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<string>())|];
                    await [|_mailer.Received().SendAsync(Arg.Any<Email>(), Arg.Any<CancellationToken>())|];
                    [|_mailer.ReceivedWithAnyArgs().Send(default!)|];
                    [|_mailer.Received(Quantity.AtLeastOne()).Send(Arg.Compat.Any<Email>())|];
                    // The omitted cancellation token pins nothing down.
                    await [|_mailer.Received().SendAsync(Arg.Any<Email>())|];

                    // Compliant
                    _mailer.Received().Send(Arg.Is<Email>(e => e.To == "ann@example.com"));
                    _mailer.Received().Send(new Email("ann@example.com", "Welcome"));
                    _mailer.Received().Ping();
                    await _mailer.Received().FlushAsync(Arg.Any<CancellationToken>());
                    _ = _mailer.Received().Count;
                    _mailer.DidNotReceive().Send(Arg.Any<Email>());
                    _mailer.DidNotReceiveWithAnyArgs().Send(default!);
                    _mailer.Received(0).Send(Arg.Any<Email>());
                    _mailer.Received(Quantity.None()).Send(Arg.Any<Email>());
                }

                [Test]
                public void Arg_do_inspects()
                {
                    var sent = new List<Email>();
                    var mailer = Substitute.For<IMailer>();
                    mailer.Send(Arg.Do<Email>(sent.Add));

                    new Signup(mailer).Register("ann@example.com");

                    mailer.Received().Send(Arg.Any<Email>());
                }

                [Test]
                public void Received_calls_inspects()
                {
                    var mailer = Substitute.For<IMailer>();
                    new Signup(mailer).Register("ann@example.com");

                    mailer.Received().Send(Arg.Any<Email>());
                    Assert.That(mailer.ReceivedCalls(), Is.Not.Empty);
                }

                [Test]
                public void When_do_inspects()
                {
                    Email? sent = null;
                    var mailer = Substitute.For<IMailer>();
                    mailer.When(m => m.Send(Arg.Any<Email>())).Do(call => sent = call.Arg<Email>());

                    new Signup(mailer).Register("ann@example.com");

                    mailer.Received().Send(Arg.Any<Email>());
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.NUnit, ReferenceSet.NSubstitute)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("Send"))
            .RunAsync();

    [Fact]
    public Task FakeItEasy_must_have_happened_with_only_wildcards() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using FakeItEasy;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class SignupTests
            {
                [TestMethod]
                public void Sends_a_welcome_email()
                {
                    var mailer = A.Fake<IMailer>();
                    new Signup(mailer).Register("ann@example.com");

                    A.CallTo(() => {|#0:mailer.Send(A<Email>._)|}).MustHaveHappened();
                    A.CallTo(() => [|mailer.Send(A<Email>.Ignored)|]).MustHaveHappenedOnceExactly();
                    A.CallTo(() => [|mailer.Send(A<string>._, A<string>._, A<string>._)|]).MustHaveHappened(1, Times.Exactly);
                    A.CallTo(() => [|mailer.Send(null!)|]).WithAnyArguments().MustHaveHappened();
                    A.CallTo(() => [|mailer.SendAsync(A<Email>._, A<CancellationToken>._)|]).MustHaveHappenedOnceOrMore();

                    // Compliant
                    A.CallTo(() => mailer.Send(A<Email>.That.Matches(e => e.To == "ann@example.com"))).MustHaveHappened();
                    A.CallTo(() => mailer.Send(A<Email>._)).MustNotHaveHappened();
                    A.CallTo(() => mailer.Send(A<Email>._)).MustHaveHappened(0, Times.Exactly);
                    A.CallTo(() => mailer.Ping()).MustHaveHappened();
                    A.CallTo(() => mailer.FlushAsync(A<CancellationToken>._)).MustHaveHappened();
                    // Compliant: a callback that does not look at the arguments is not an inspection, but it is no verification either.
                    A.CallTo(() => mailer.Send(A<Email>._)).Invokes(() => { });
                }

                [TestMethod]
                public void Arguments_matched_after_the_call_to()
                {
                    var mailer = A.Fake<IMailer>();
                    new Signup(mailer).Register("ann@example.com");

                    A.CallTo(() => mailer.Send(A<Email>._)).WhenArgumentsMatch(args => args.Get<Email>(0)!.To == "x").MustHaveHappened();
                }

                [TestMethod]
                public void Invokes_inspects()
                {
                    var sent = new List<Email>();
                    var mailer = A.Fake<IMailer>();
                    A.CallTo(() => mailer.Send(A<Email>._)).Invokes((Email e) => sent.Add(e));

                    new Signup(mailer).Register("ann@example.com");

                    A.CallTo(() => mailer.Send(A<Email>._)).MustHaveHappened();
                }

                [TestMethod]
                public void Get_calls_inspects()
                {
                    var mailer = A.Fake<IMailer>();
                    new Signup(mailer).Register("ann@example.com");

                    A.CallTo(() => mailer.Send(A<Email>._)).MustHaveHappened();
                    Assert.AreEqual(1, Fake.GetCalls(mailer).Count());
                }
            }

            [TestClass]
            public class CapturedTests
            {
                [TestMethod]
                public void Captured_values()
                {
                    var mailer = A.Fake<IMailer>();
                    var captured = new Captured<Email>();
                    new Signup(mailer).Register("ann@example.com");

                    A.CallTo(() => mailer.Send(captured._)).MustHaveHappened();
                }
            }
            """)
            .WithSource(CodeUnderTest)
            // FakeItEasy 8's Captured<T> is newer than the 6.0.1 the mirror serves: declared under its real name.
            .WithSource(/* lang=c#-test */ """
            namespace FakeItEasy
            {
                public sealed class Captured<T>
                {
                    public T _ => A<T>._;
                    public System.Collections.Generic.IList<T> Values { get; } = new System.Collections.Generic.List<T>();
                }
            }
            """)
            .WithReferences(ReferenceSet.MSTest, ReferenceSet.FakeItEasy)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("Send"))
            .RunAsync();

    /// <summary>
    /// Class members and helpers are bound only when their syntax can inspect (an inspection name, a
    /// callback that hands over arguments, or a call of a method whose name is one of those that can):
    /// the filter must still let through every way of reaching an inspection, and names only filter,
    /// the semantic model decides (a same-named helper that inspects nothing does not silence).
    /// </summary>
    [Fact]
    public Task Moq_inspections_reached_from_class_members_through_helpers_are_still_found() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using Moq;
            using Shop;
            using Xunit;

            public class SetUpThroughAnotherFileTests
            {
                private readonly Mock<IMailer> _mailer = new();
                private readonly List<Email> _sent = new();

                public SetUpThroughAnotherFileTests() => this.Install();

                private void Install() => Recording.Record(_mailer, _sent);

                [Fact]
                public void Uses_the_capture_of_a_helper_of_the_constructor()
                {
                    new Signup(_mailer.Object).Register("ann@example.com");

                    _mailer.Verify(m => m.Send(It.IsAny<Email>()), Times.Once);
                }
            }

            public class MethodGroupCallbackTests
            {
                private readonly Mock<IMailer> _mailer = Recording.Generic<IMailer>();

                [Fact]
                public void A_field_initializer_calls_a_generic_helper_that_hands_arguments_to_a_method_group()
                {
                    new Signup(_mailer.Object).Register("ann@example.com");

                    _mailer.Verify(m => m.Send(It.IsAny<Email>()), Times.Once);
                }
            }

            public class SameNameTests
            {
                private readonly Mock<IMailer> _mailer = new();

                public SameNameTests() => Unrelated.Record(_mailer, new List<Email>());

                [Fact]
                public void A_helper_named_like_an_inspecting_one_that_inspects_nothing()
                {
                    new Signup(_mailer.Object).Register("ann@example.com");

                    _mailer.Verify(m => [|m.Send(It.IsAny<Email>())|], Times.Once);
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithSource(/* lang=c#-test */ """
                using System.Collections.Generic;
                using Moq;
                using Shop;

                public static class Recording
                {
                    public static void Record(Mock<IMailer> mailer, List<Email> sent) =>
                        mailer.Setup(m => m.Send(It.IsAny<Email>())).Callback((Email e) => sent.Add(e));

                    public static Mock<T> Generic<T>() where T : class
                    {
                        var mock = new Mock<T>();
                        mock.Setup(m => ((IMailer)m).Send(It.IsAny<Email>())).Callback<Email>(Keep);
                        return mock;
                    }

                    private static void Keep(Email email)
                    {
                    }
                }

                public static class Unrelated
                {
                    public static void Record(Mock<IMailer> mailer, List<Email> sent) => mailer.Setup(m => m.Ping());
                }
                """)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.Moq)
            .RunAsync();

    /// <summary>
    /// From the test itself, helpers are followed two calls deep, and a call is followed only when some method of the
    /// compilation with its name may inspect with one call less (syntax, before any binding): a capture set up by a
    /// shared builder two calls away (nothing in the test class) is still found; a same-named chain that ends in no
    /// inspection, and a capture three calls away, are not.
    /// </summary>
    [Fact]
    public Task Moq_inspections_two_helper_calls_away_from_the_test_are_found_by_name_first() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using Moq;
            using Shop;
            using Xunit;

            public class SharedBuilderTests
            {
                [Fact]
                public void Captures_through_a_builder_of_another_class()
                {
                    var sent = new List<Email>();
                    var mailer = MailerBuilder.Capturing(sent);

                    new Signup(mailer.Object).Register("ann@example.com");

                    mailer.Verify(m => m.Send(It.IsAny<Email>()), Times.Once);
                }

                [Fact]
                public void A_builder_named_like_the_capturing_one_that_captures_nothing()
                {
                    var mailer = QuietBuilder.Capturing(new List<Email>());

                    new Signup(mailer.Object).Register("ann@example.com");

                    mailer.Verify(m => [|m.Send(It.IsAny<Email>())|], Times.Once);
                }

                [Fact]
                public void A_capture_three_calls_away()
                {
                    var mailer = DeepBuilder.Capturing(new List<Email>());

                    new Signup(mailer.Object).Register("ann@example.com");

                    mailer.Verify(m => [|m.Send(It.IsAny<Email>())|], Times.Once);
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithSource(/* lang=c#-test */ """
                using System.Collections.Generic;
                using Moq;
                using Shop;

                public static class MailerBuilder
                {
                    public static Mock<IMailer> Capturing(List<Email> sent) => Factory.Recording(sent);
                }

                public static class Factory
                {
                    public static Mock<IMailer> Recording(List<Email> sent)
                    {
                        var mailer = new Mock<IMailer>();
                        mailer.Setup(m => m.Send(It.IsAny<Email>())).Callback<Email>(sent.Add);
                        return mailer;
                    }
                }

                public static class QuietBuilder
                {
                    public static Mock<IMailer> Capturing(List<Email> sent) => Quiet.Recording(sent);
                }

                public static class Quiet
                {
                    public static Mock<IMailer> Recording(List<Email> sent) => new Mock<IMailer>();
                }

                public static class DeepBuilder
                {
                    public static Mock<IMailer> Capturing(List<Email> sent) => Middle.Build(sent);
                }

                public static class Middle
                {
                    public static Mock<IMailer> Build(List<Email> sent) => Factory.Recording(sent);
                }
                """)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.Moq)
            .RunAsync();

    [Fact]
    public Task No_mocking_library_means_no_analysis() =>
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            public static class It { public static T IsAny<T>() => default!; }

            public class Mock<T> { public void Verify(System.Action<T> action) { } }
            """);

    [Fact]
    public Task Half_typed_code_does_not_throw() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Moq;
            using NSubstitute;

            public class Tests
            {
                public void M(Mock<Shop.IMailer> mock, Shop.IMailer sub)
                {
                    mock.Verify(m => m.Send(It.IsAny<
                    mock.Verify(m => m.Unknown(It.IsAny<int>()));
                    sub.Received().
                    sub.Received().Send(Arg.Any<>());
                    mock.Verify(
                }
            }
            """)
            .WithSource(CodeUnderTest)
            .WithReferences(ReferenceSet.Moq, ReferenceSet.NSubstitute)
            .AllowCompilerErrors()
            .RunAsync();
}
