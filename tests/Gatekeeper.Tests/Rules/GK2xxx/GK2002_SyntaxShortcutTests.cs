using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.RealExternalClientInTestAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK2xxx;

/// <summary>
/// GK2002 decides on the name written at a <c>new</c> expression (it must end in <c>Client</c>) and on the
/// libraries the compilation can see (a <c>Build()</c> is a Kafka factory only where <c>Confluent</c> exists)
/// before it binds a test: the look-alikes that shortcut must still get right.
/// </summary>
public class GK2002_SyntaxShortcutTests
{
    [Fact]
    public Task A_client_created_through_an_alias_is_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Xunit;
            using Web = System.Net.Http.HttpClient;

            namespace Shop.Tests
            {
                using Mail = System.Net.Mail.SmtpClient;

                public class AliasTests
                {
                    [Fact]
                    public void Creates_clients()
                    {
                        using var web = [|new Web()|];
                        using var mail = [|new Mail("smtp.example.com")|];
                        using var global = [|new Sockets()|];
                    }
                }
            }
            """)
            .WithSource("GlobalUsings.cs", """
            global using Sockets = System.Net.Sockets.TcpClient;
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task A_target_typed_new_is_judged_by_the_declared_type() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using System.Net.Http;
            using Xunit;

            public class TargetTypedTests
            {
                private readonly HttpClient _field = [|new()|];

                public HttpClient Property { get; } = [|new()|];

                [Fact]
                public void Creates_clients()
                {
                    HttpClient? nullable = [|new()|];
                    var client = Make([|new()|]);
                    List<string> names = new();
                }

                private static HttpClient Make(HttpClient client) => client;
            }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task Types_named_like_clients_are_still_asked_and_builders_are_no_factories_without_kafka() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Xunit;

            public sealed class OrderClient { }

            public sealed class Order { }

            public sealed class OrderBuilder
            {
                public Order Build() => new();
                public static OrderBuilder Create() => new();
                public OrderBuilder Connect() => this;
            }

            public class LookAlikeTests
            {
                [Fact]
                public void Creates_look_alikes()
                {
                    // Compliant: a user type whose name ends in Client, builders of the test's own types.
                    var client = new OrderClient();
                    var order = OrderBuilder.Create().Connect().Build();
                }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task A_kafka_builder_derived_in_source_is_still_a_factory() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Confluent.Kafka;
            using Xunit;

            public sealed class OrderProducerBuilder : ProducerBuilder<string, string>
            {
                public OrderProducerBuilder() : base(new ProducerConfig()) { }
            }

            public class DerivedBuilderTests
            {
                [Fact]
                public void Builds_a_producer()
                {
                    using var producer = {|#0:new OrderProducerBuilder().Build()|};
                }
            }
            """)
            .WithSource(GK2002_ClientDeclarations.All)
            .WithReferences(ReferenceSet.XunitV2)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("ProducerBuilder.Build", "Kafka"))
            .RunAsync();

    /// <summary>
    /// The fixture and base-class relations come from the classes declared with a base list: a base list in
    /// another part of a partial class, a nested class, a base class that brings the fixture interface and a
    /// test base in another file still count.
    /// </summary>
    [Fact]
    public Task Relations_found_through_partial_nested_and_inherited_declarations() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Net.Http;
            using Xunit;

            public sealed class PartialFixture
            {
                public HttpClient Http { get; } = [|new HttpClient()|];
            }

            public sealed class InheritedFixture
            {
                public HttpClient Http { get; } = [|new HttpClient()|];
            }

            public sealed class NestedFixture
            {
                public HttpClient Http { get; } = [|new HttpClient()|];
            }

            public partial class PartialTests
            {
                [Fact]
                public void Runs() { }
            }

            public partial class PartialTests : IClassFixture<PartialFixture> { }

            public abstract class FixtureBase : IClassFixture<InheritedFixture> { }

            public sealed class DerivedTests : FixtureBase
            {
                [Fact]
                public void Runs() { }
            }

            public static class Outer
            {
                public sealed class NestedTests : IClassFixture<NestedFixture>
                {
                    [Fact]
                    public void Runs() { }
                }
            }

            public abstract class SharedBase
            {
                protected HttpClient Http { get; } = [|new HttpClient()|];
            }

            // Compliant: a class with no base list uses no fixture.
            public sealed class NotAFixture
            {
                public HttpClient Http { get; } = new HttpClient();
            }
            """)
            .WithSource("OtherTests.cs", """
            public sealed class OtherTests : SharedBase
            {
                [Xunit.Fact]
                public void Runs() { }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task Static_web_request_factories_through_types_aliases_and_color_color() =>
        VerifyCS.Test(/* lang=c#-test */ """
            #pragma warning disable SYSLIB0014
            using System;
            using System.Net;
            using Xunit;
            using Req = System.Net.WebRequest;

            public sealed class OrdersController
            {
                public string Create(string name) => name;
            }

            public class WebRequestTests
            {
                private readonly OrdersController _controller = new();

                [Fact]
                public void Creates_requests()
                {
                    _ = [|Req.Create("https://example.com")|];
                    _ = [|global::System.Net.WebRequest.CreateHttp("https://example.com")|];
                    WebRequest WebRequest = [|System.Net.WebRequest.Create("https://example.com")|];
                    _ = [|WebRequest.Create("https://example.com")|];
                    Func<WebRequest> later = () => [|HttpWebRequest.Create("https://example.com")|];

                    // Compliant: a method of a value named like a factory.
                    _ = _controller.Create("order");
                    _ = this._controller?.Create("order");
                    Func<string> inLambda = () => _controller.Create("order");
                }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task A_client_created_in_a_document_that_never_names_one_is_reported() =>
        // The rule finds its candidates from each document's text: here only `new()` and `Create` are written, the client
        // type is named in another file. The client over a stub handler stays silent.
        VerifyCS.Test(/* lang=c#-test */ """
            using Xunit;

            public class FetchTests
            {
                [Fact]
                public void Fetches()
                {
                    Fetcher.Use([|new()|]);
                    Fetcher.Use(new(new Fetcher.Stub()));
                    _ = [|Requests.Create("https://example.com")|];
                }
            }
            """)
            .WithSource("Fetcher.cs", """
            using System.Net.Http;

            public static class Fetcher
            {
                public sealed class Stub : HttpMessageHandler
                {
                    protected override System.Threading.Tasks.Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken) =>
                        System.Threading.Tasks.Task.FromResult(new HttpResponseMessage());
                }

                public static void Use(HttpClient client) { }
            }

            public class Requests : System.Net.WebRequest { }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();
}
