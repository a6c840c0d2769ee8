using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Gatekeeper.Analyzers.Rules;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.RealExternalClientInTestAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK2xxx;

/// <summary>
/// GK2002 reports real external clients created in test code, on the <c>new</c> expression or the
/// factory call. Real packages where the mirror serves them (AWSSDK.S3, RabbitMQ.Client, Moq,
/// NSubstitute, FakeItEasy, Mvc.Testing); <see cref="GK2002_ClientDeclarations"/> for the others.
/// </summary>
public class GK2002_RealExternalClientInTestAnalyzerTests
{
    [Fact]
    public Task Http_clients_without_a_handler_or_over_a_network_handler() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using Moq;
            using Xunit;

            public class WeatherClientTests
            {
                [Fact]
                public async Task Fetches_the_forecast()
                {
                    using var client = {|#0:new HttpClient()|};
                    await client.GetStringAsync("https://api.example.com/forecast");
                }

                [Fact]
                public void Network_handlers()
                {
                    _ = [|new HttpClient { BaseAddress = new Uri("https://api.example.com") }|];
                    _ = [|new HttpClient(new HttpClientHandler())|];
                    _ = [|new HttpClient(new SocketsHttpHandler(), disposeHandler: true)|];
                    HttpClient targetTyped = [|new()|];
                    var handler = new HttpClientHandler { AllowAutoRedirect = false };
                    _ = [|new HttpClient(handler)|];
                    HttpMessageHandler declaredAsBase = new SocketsHttpHandler();
                    _ = [|new HttpClient(declaredAsBase)|];
                    _ = [|new HttpClient(new LoggingHandler { InnerHandler = new HttpClientHandler() })|];
                    _ = [|new HttpClient(new RetryHandler(new HttpClientHandler()))|];
                    _ = [|new HttpClient(new CustomNetworkHandler())|];
                }

                [Fact]
                public void Stub_handlers()
                {
                    // Compliant: test doubles and handlers that answer requests themselves.
                    _ = new HttpClient(new StubHandler());
                    _ = new HttpClient(new Mock<HttpMessageHandler>().Object);
                    _ = new HttpClient(new FakeHttpClientHandler());
                    _ = new HttpClient(new RetryHandler(new StubHandler()));
                    _ = new HttpClient(new LoggingHandler { InnerHandler = new StubHandler() });
                    HttpMessageHandler stub = new StubHandler();
                    _ = new HttpClient(stub);
                }

                private static HttpClient Over(HttpMessageHandler handler) => new HttpClient(handler); // Compliant: the caller's handler
            }

            public sealed class StubHandler : HttpMessageHandler
            {
                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                    Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
            }

            public sealed class FakeHttpClientHandler : HttpClientHandler
            {
                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                    Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
            }

            public sealed class CustomNetworkHandler : HttpClientHandler
            {
                public CustomNetworkHandler() => UseCookies = false;
            }

            public sealed class LoggingHandler : DelegatingHandler { }

            public sealed class RetryHandler(HttpMessageHandler inner) : DelegatingHandler(inner) { }
            """)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.Moq)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("HttpClient", "HTTP"))
            .RunAsync();

    public static TheoryData<ReferenceSet> XunitVersions => new() { ReferenceSet.XunitV2, ReferenceSet.XunitV3 };

    [Theory]
    [MemberData(nameof(XunitVersions))]
    public Task Xunit_v2_and_v3_tests_theories_and_derived_attributes(ReferenceSet xunit) =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Net.Http;
            using Xunit;

            public sealed class SkippableFactAttribute : FactAttribute { }

            public class Tests
            {
                [Fact]
                public void Fact() => _ = [|new HttpClient()|];

                [Theory]
                [InlineData(1)]
                public void Theory(int n) => _ = [|new HttpClient()|];

                [SkippableFact]
                public void Derived() => _ = [|new HttpClient()|];
            }
            """)
            .WithReferences(xunit)
            .RunAsync();

    [Fact]
    public Task Test_server_clients_are_not_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc.Testing;
            using Xunit;

            public class Startup { }

            public class ApiTests(WebApplicationFactory<Startup> factory) : IClassFixture<WebApplicationFactory<Startup>>
            {
                [Fact]
                public async Task Lists_notes()
                {
                    // Compliant: in-memory clients of the test server.
                    var client = factory.CreateClient();
                    var other = factory.Server.CreateClient();
                    var overHandler = new HttpClient(factory.Server.CreateHandler());
                    var defaultClient = factory.CreateDefaultClient();
                    await client.GetAsync("/api/notes");
                }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.MvcTesting)
            .RunAsync();

    [Fact]
    public Task Bcl_web_socket_and_mail_clients() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Net;
            using System.Net.Mail;
            using System.Net.Sockets;
            using NUnit.Framework;

            public class LegacyClientTests
            {
                [Test]
                public void Clients()
                {
                    using var web = {|#0:new WebClient()|};
                    var request = {|#1:WebRequest.Create("https://example.com")|};
                    var http = (HttpWebRequest)[|WebRequest.CreateHttp("https://example.com")|];
                    var inherited = [|HttpWebRequest.Create("https://example.com")|];
                    using var tcp = {|#2:new TcpClient("example.com", 443)|};
                    using var smtp = {|#3:new SmtpClient("smtp.example.com")|};

                    // Compliant: a file, not a service.
                    var file = WebRequest.Create("file:///tmp/report.txt");
                    // Compliant: a message is not a client.
                    using var message = new MailMessage("a@example.com", "b@example.com");
                }
            }

            public class EchoServerTests
            {
                [Test]
                public void Talks_to_its_own_listener()
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    using var client = new TcpClient(); // Compliant: the test's own listener
                    client.Connect(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
                }
            }
            """)
            .WithReferences(ReferenceSet.NUnit)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("WebClient", "HTTP"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("WebRequest.Create", "HTTP"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("TcpClient", "TCP"),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("SmtpClient", "SMTP"))
            .RunAsync();

    [Fact]
    public Task Aws_sdk_clients_and_their_look_alikes() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Amazon;
            using Amazon.S3;
            using Amazon.S3.Model;
            using FakeItEasy;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Moq;
            using NSubstitute;

            [TestClass]
            public class ReportUploaderTests
            {
                [TestMethod]
                public void Real_clients()
                {
                    var s3 = {|#0:new AmazonS3Client()|};
                    IAmazonS3 typed = [|new AmazonS3Client(RegionEndpoint.EUWest1)|];
                    AmazonS3Client targetTyped = [|new(new AmazonS3Config { ServiceURL = "https://s3.example.com" })|];
                }

                [TestMethod]
                public void Test_doubles()
                {
                    // Compliant: mocks, fakes, substitutes and plain model objects.
                    var moq = new Mock<IAmazonS3>().Object;
                    var moqOfClass = new Mock<AmazonS3Client>();
                    var substitute = Substitute.For<IAmazonS3>();
                    var fake = A.Fake<IAmazonS3>();
                    var config = new AmazonS3Config();
                    var request = new PutObjectRequest { BucketName = "reports" };
                    var handWritten = new FakeS3Client();
                }

                [TestMethod]
                public void A_subclass_that_changes_nothing_is_still_a_client()
                {
                    var wrapped = [|new DisposableS3Client()|];
                }
            }

            // Compliant: a hand-written double that answers the calls itself.
            public sealed class FakeS3Client : AmazonS3Client
            {
                public override System.Threading.Tasks.Task<PutObjectResponse> PutObjectAsync(PutObjectRequest request, System.Threading.CancellationToken cancellationToken = default) =>
                    System.Threading.Tasks.Task.FromResult(new PutObjectResponse());
            }

            public sealed class DisposableS3Client : AmazonS3Client
            {
                protected override void Dispose(bool disposing) => base.Dispose(disposing);
            }
            """)
            .WithReferences(ReferenceSet.MSTest, ReferenceSet.AwsS3, ReferenceSet.Moq, ReferenceSet.NSubstitute, ReferenceSet.FakeItEasy)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("AmazonS3Client", "AWS"))
            .RunAsync();

    [Fact]
    public Task RabbitMQ_connections() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Moq;
            using RabbitMQ.Client;
            using Xunit;

            public class PublisherTests
            {
                [Fact]
                public async Task Publishes()
                {
                    var factory = new ConnectionFactory { HostName = "rabbit.example.com" };
                    await using var connection = await {|#0:factory.CreateConnectionAsync()|};

                    // Compliant: a mocked factory hands out mocked connections.
                    IConnectionFactory mocked = new Mock<IConnectionFactory>().Object;
                    await using var fake = await mocked.CreateConnectionAsync();
                }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.RabbitMQ, ReferenceSet.Moq)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("ConnectionFactory.CreateConnectionAsync", "RabbitMQ"))
            .RunAsync();

    [Fact]
    public Task Client_libraries_declared_under_their_real_names() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Azure.Messaging.ServiceBus;
            using Azure.Storage.Blobs;
            using Confluent.Kafka;
            using MongoDB.Driver;
            using StackExchange.Redis;
            using Xunit;

            public class ClientTests
            {
                [Fact]
                public async Task Clients()
                {
                    var redis = {|#0:ConnectionMultiplexer.Connect("redis.example.com")|};
                    var redisAsync = await {|#1:ConnectionMultiplexer.ConnectAsync("redis.example.com")|};
                    var blobs = {|#2:new BlobServiceClient("UseDevelopmentStorage=true")|};
                    var container = [|new BlobContainerClient("UseDevelopmentStorage=true", "reports")|];
                    var blob = [|new BlobClient("UseDevelopmentStorage=true", "reports", "a.txt")|];
                    await using var bus = [|new ServiceBusClient("Endpoint=sb://example.servicebus.windows.net/")|];
                    var mongo = {|#3:new MongoClient("mongodb://mongo.example.com")|};
                    using var producer = {|#4:new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = "kafka:9092" }).Build()|};
                    using var consumer = [|new ConsumerBuilder<string, string>(new ConsumerConfig()).Build()|];
                    using var smtp = {|#5:new MailKit.Net.Smtp.SmtpClient()|};
                    var connection = [|new RabbitMQ.Client.ConnectionFactory { HostName = "rabbit" }.CreateConnection()|];

                    // Compliant: options and builders are not clients; a container client from a service client is derived, not created.
                    var options = new BlobClientOptions();
                    var builder = new ProducerBuilder<string, string>(new ProducerConfig());
                    var derived = blobs.GetBlobContainerClient("reports");
                }
            }
            """)
            .WithSource(GK2002_ClientDeclarations.All)
            .WithReferences(ReferenceSet.XunitV2)
            .ExpectDiagnostics(
                VerifyCS.Diagnostic().WithLocation(0).WithArguments("ConnectionMultiplexer.Connect", "Redis"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("ConnectionMultiplexer.ConnectAsync", "Redis"),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("BlobServiceClient", "Azure"),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("MongoClient", "MongoDB"),
                VerifyCS.Diagnostic().WithLocation(4).WithArguments("ProducerBuilder.Build", "Kafka"),
                VerifyCS.Diagnostic().WithLocation(5).WithArguments("SmtpClient", "SMTP"))
            .RunAsync();

    [Fact]
    public Task Every_kind_of_test_code_is_covered() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Amazon.S3;
            using Xunit;

            public class UploaderTests : IClassFixture<S3Fixture>
            {
                private static readonly HttpClient Shared = [|new HttpClient()|];
                private readonly AmazonS3Client _s3 = [|new AmazonS3Client()|];
                private readonly IAmazonS3 _fromConstructor;

                public UploaderTests(S3Fixture fixture) => _fromConstructor = [|new AmazonS3Client()|];

                [Fact(Skip = "flaky")]
                public void Skipped_tests_are_not_exempt() => _ = [|new AmazonS3Client()|];

                [Fact]
                public void Lambdas_and_local_functions()
                {
                    Func<IAmazonS3> create = () => [|new AmazonS3Client()|];
                    IAmazonS3 Local() => [|new AmazonS3Client()|];
                }

                private static IAmazonS3 Helper() => [|new AmazonS3Client()|];

                private sealed class Nested
                {
                    public IAmazonS3 Client { get; } = [|new AmazonS3Client()|];
                }
            }

            public sealed class S3Fixture : IDisposable
            {
                public IAmazonS3 Client { get; } = [|new AmazonS3Client()|];

                public void Dispose() => Client.Dispose();
            }

            [CollectionDefinition("s3")]
            public sealed class S3Collection : ICollectionFixture<SharedHttpFixture> { }

            public sealed class SharedHttpFixture
            {
                public HttpClient Http { get; } = [|new HttpClient()|];
            }

            public abstract class ApiTestBase
            {
                protected HttpClient Http { get; } = [|new HttpClient()|];
            }

            public sealed class OrdersApiTests : ApiTestBase
            {
                [Fact]
                public Task Lists() => Http.GetAsync("https://api.example.com/orders");
            }

            public abstract class SharedTests
            {
                [Fact]
                public void Shared() { }
            }

            public sealed class ConcreteTests : SharedTests
            {
                private readonly HttpClient _http = [|new HttpClient()|];
            }

            public sealed class AsyncLifetimeTests : IAsyncLifetime
            {
                private HttpClient? _http;

                public Task InitializeAsync() { _http = [|new HttpClient()|]; return Task.CompletedTask; }

                public Task DisposeAsync() => Task.CompletedTask;
            }

            // Compliant: production-like code that happens to live in the test project.
            public sealed class ReportUploader
            {
                private readonly IAmazonS3 _s3 = new AmazonS3Client();
            }

            public static class ClientFactory
            {
                public static HttpClient Create() => new HttpClient();
            }
            """)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.AwsS3)
            .RunAsync();

    [Fact]
    public Task NUnit_and_MSTest_set_up_code_is_test_code() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Net.Http;
            using NUnit.Framework;

            [SetUpFixture]
            public class GlobalSetup
            {
                public static HttpClient Http = null!;

                [OneTimeSetUp]
                public void Start() => Http = [|new HttpClient()|];
            }

            [TestFixture]
            public class ApiTests
            {
                private HttpClient _http = null!;

                [SetUp]
                public void SetUp() => _http = [|new HttpClient()|];
            }
            """)
            .WithReferences(ReferenceSet.NUnit)
            .WithSource(/* lang=c#-test */ """
            using System.Net.Http;
            using Microsoft.VisualStudio.TestTools.UnitTesting;

            namespace Shop.MSTests
            {
                [TestClass]
                public class ApiTests
                {
                    private static HttpClient _http = null!;

                    private HttpClient _perTest = null!;

                    [ClassInitialize]
                    public static void Init() => _http = [|new HttpClient()|];

                    [TestInitialize]
                    public void Before() => _perTest = [|new HttpClient()|];
                }
            }
            """)
            .WithReferences(ReferenceSet.MSTest)
            .RunAsync();

    [Fact]
    public Task Tests_that_say_they_are_integration_tests_are_exempt() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System;
            using System.Net.Http;
            using Xunit;

            public class MixedTests
            {
                [Fact]
                [Trait("Category", "Integration")]
                public void Integration_trait() => _ = new HttpClient();

                [Fact]
                [Trait("Type", "End-to-end")]
                public void End_to_end_trait() => _ = new HttpClient();

                [IntegrationFact]
                public void Integration_attribute() => _ = new HttpClient();

                [Fact]
                [Trait("Category", "Unit")]
                public void Unit_trait() => _ = [|new HttpClient()|];
            }

            [Trait("Category", "E2E")]
            public class E2ETraitOnClass
            {
                [Fact]
                public void Uses_the_api() => _ = new HttpClient();
            }

            [Collection("Integration tests")]
            public class InACollection
            {
                [Fact]
                public void Uses_the_api() => _ = new HttpClient();
            }

            public class OrdersApiIntegrationTests
            {
                [Fact]
                public void Uses_the_api() => _ = new HttpClient();
            }

            public abstract class AcceptanceTestBase { }

            public class CheckoutTests : AcceptanceTestBase
            {
                [Fact]
                public void Uses_the_api() => _ = new HttpClient();
            }

            public sealed class IntegrationFactAttribute : FactAttribute { }

            public sealed class DatabaseFixture
            {
                public HttpClient Http { get; } = new HttpClient(); // Compliant: used by an integration test class
            }

            [Trait("Category", "Integration")]
            public class UsesTheFixture : IClassFixture<DatabaseFixture>
            {
                [Fact]
                public void Works() { }
            }

            namespace Shop.IntegrationTests
            {
                public class Tests
                {
                    [Fact]
                    public void Uses_the_api() => _ = new HttpClient();
                }
            }

            namespace Shop.Tests.Smoke
            {
                public class Tests
                {
                    [Fact]
                    public void Uses_the_api() => _ = new HttpClient();
                }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task NUnit_and_MSTest_categories() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Net.Http;
            using NUnit.Framework;

            public class ApiTests
            {
                [Test, Category("Integration")]
                public void Categorized() => _ = new HttpClient();

                [Test, Category("Fast")]
                public void Fast() => _ = [|new HttpClient()|];
            }

            [Category("E2E")]
            public class E2ETests
            {
                [Test]
                public void Categorized_class() => _ = new HttpClient();
            }
            """)
            .WithSource(/* lang=c#-test */ """
            using System.Net.Http;
            using Microsoft.VisualStudio.TestTools.UnitTesting;

            namespace Shop.MSTests
            {
                [TestClass]
                public class ApiTests
                {
                    [TestMethod, TestCategory("Integration")]
                    public void Categorized() => _ = new HttpClient();

                    [TestMethod, TestCategory("Unit")]
                    public void Unit() => _ = [|new HttpClient()|];
                }
            }
            """)
            .WithReferences(ReferenceSet.NUnit, ReferenceSet.MSTest)
            .RunAsync();

    [Fact]
    public Task Integration_markers_are_configurable() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Net.Http;
            using Xunit;

            public class ApiTests
            {
                [Fact, Trait("Category", "Live")]
                public void Live() => _ = new HttpClient();

                [Fact, Trait("Category", "Integration")]
                public void No_longer_exempt() => _ = [|new HttpClient()|];
            }
            """)
            .WithEditorConfig("gatekeeper.GK2002.integration_markers = Live, Contract")
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task Configured_client_types_are_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using Xunit;

            namespace Acme.Crm
            {
                public class CrmGateway { }
                public sealed class CachedCrmGateway : CrmGateway { }
                public sealed class CrmRecord { }
            }

            public class CrmTests
            {
                [Fact]
                public void Uses_the_crm()
                {
                    var gateway = {|#0:new Acme.Crm.CrmGateway()|};
                    var cached = [|new Acme.Crm.CachedCrmGateway()|];
                    var record = new Acme.Crm.CrmRecord();
                }
            }
            """)
            .WithEditorConfig("gatekeeper.GK2002.client_types = Acme.Crm.CrmGateway")
            .WithReferences(ReferenceSet.XunitV2)
            .ExpectDiagnostics(VerifyCS.Diagnostic().WithLocation(0).WithArguments("CrmGateway", RealExternalClientInTestAnalyzer.ConfiguredFamily))
            .RunAsync();

    [Fact]
    public Task Clients_pointed_at_containers_and_stub_servers_are_not_reported() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using StackExchange.Redis;
            using Testcontainers.Redis;
            using WireMock.Server;
            using Xunit;

            public class CacheTests
            {
                [Fact]
                public void Connects_to_the_container()
                {
                    var container = new RedisBuilder().Build();
                    var redis = ConnectionMultiplexer.Connect(container.GetConnectionString()); // Compliant: a container of the test
                }

                [Fact]
                public void Calls_the_stub_server()
                {
                    var server = WireMockServer.Start();
                    var client = new HttpClient { BaseAddress = new Uri(server.Url!) }; // Compliant: WireMock
                }
            }

            public class ContainerFixture
            {
                public RedisContainer Redis { get; } = new RedisBuilder().Build();
            }

            public class CacheWithFixtureTests(ContainerFixture fixture) : IClassFixture<ContainerFixture>
            {
                private readonly string _connectionString = fixture.Redis.GetConnectionString();

                [Fact]
                public void Connects() => ConnectionMultiplexer.Connect(_connectionString); // Compliant: the fixture holds the container
            }
            """)
            .WithSource(GK2002_ClientDeclarations.All)
            .WithSource(/* lang=c#-test */ """
            // Testcontainers and WireMock.Net are not served by the mirror: their types under their real names.
            namespace Testcontainers.Redis
            {
                public sealed class RedisContainer { public string GetConnectionString() => "localhost:6379"; }
                public sealed class RedisBuilder { public RedisContainer Build() => new(); }
            }

            namespace WireMock.Server
            {
                public class WireMockServer
                {
                    public static WireMockServer Start() => new();
                    public string? Url => "http://localhost:9091";
                }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();

    [Fact]
    public Task Half_typed_code_does_not_throw() =>
        VerifyCS.Test(/* lang=c#-test */ """
            using System.Net.Http;
            using Xunit;

            public class Tests
            {
                [Fact]
                public void Typing()
                {
                    var a = [|new HttpClient()|]
                    var b = new Amazon.S3.AmazonS3Client(undefined);
                    var c = new UnknownClient();
                    var d = new HttpClient(new Unknown());
                    var e = StackExchange.Redis.ConnectionMultiplexer.Connect(
                    var f = [|new HttpClient { BaseAddress = }|];
                }

                [Fact]
                public void Unfinished(
            }
            """)
            .WithReferences(ReferenceSet.XunitV2, ReferenceSet.AwsS3)
            .AllowCompilerErrors()
            .RunAsync();

    [Fact]
    public Task Production_projects_are_not_analyzed() =>
        VerifyCS.VerifyAsync(/* lang=c#-test */ """
            using System.Net.Http;

            public class WeatherService
            {
                private readonly HttpClient _http = new HttpClient();
            }
            """);

    [Fact]
    public async Task A_test_project_named_as_integration_tests_is_exempt()
    {
        // The verifier's project is always "TestProject": build this compilation by hand to name it.
        const string Source = /* lang=c#-test */ """
            using System.Net.Http;
            using Xunit;

            public class ApiTests
            {
                [Fact]
                public void Calls() => _ = new HttpClient();
            }
            """;
        var references = ReferenceSet.Combine([ReferenceSet.XunitV2]);
        foreach (var (assemblyName, expected) in new[] { ("Shop.Api.IntegrationTests", 0), ("Shop.Api.Tests", 1) })
        {
            var compilation = CSharpCompilation.Create(
                assemblyName,
                [CSharpSyntaxTree.ParseText(Source)],
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var diagnostics = await compilation
                .WithAnalyzers([new RealExternalClientInTestAnalyzer()])
                .GetAnalyzerDiagnosticsAsync();

            Assert.Equal(expected, diagnostics.Count(d => d.Id == "GK2002"));
        }
    }
}

/// <summary>
/// Client libraries whose dependencies the package mirror does not serve (StackExchange.Redis,
/// Azure.Storage.Blobs, Azure.Messaging.ServiceBus, MongoDB.Driver, Confluent.Kafka, MailKit) and the
/// RabbitMQ 6 synchronous API: their client types declared under their real namespaces and names,
/// with the shapes the packages give them. GK2002 recognizes clients by full name, so these stand
/// for the real ones.
/// </summary>
internal static class GK2002_ClientDeclarations
{
    public const string All = /* lang=c#-test */ """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;

        namespace StackExchange.Redis
        {
            public interface IDatabase { Task<bool> StringSetAsync(string key, string value); }

            public interface IConnectionMultiplexer : IDisposable, IAsyncDisposable
            {
                IDatabase GetDatabase(int db = -1, object? asyncState = null);
            }

            public sealed class ConnectionMultiplexer : IConnectionMultiplexer
            {
                private ConnectionMultiplexer() { }
                public static ConnectionMultiplexer Connect(string configuration, TextWriter? log = null) => new();
                public static Task<ConnectionMultiplexer> ConnectAsync(string configuration, TextWriter? log = null) => Task.FromResult(new ConnectionMultiplexer());
                public IDatabase GetDatabase(int db = -1, object? asyncState = null) => null!;
                public void Dispose() { }
                public ValueTask DisposeAsync() => default;
            }
        }

        namespace Azure.Storage.Blobs
        {
            public class BlobClientOptions { }

            public class BlobServiceClient
            {
                protected BlobServiceClient() { }
                public BlobServiceClient(string connectionString) { }
                public virtual BlobContainerClient GetBlobContainerClient(string blobContainerName) => new BlobContainerClient();
            }

            public class BlobContainerClient
            {
                protected internal BlobContainerClient() { }
                public BlobContainerClient(string connectionString, string blobContainerName) { }
                public virtual BlobClient GetBlobClient(string blobName) => new BlobClient();
            }

            public class BlobClient
            {
                protected internal BlobClient() { }
                public BlobClient(string connectionString, string blobContainerName, string blobName) { }
            }
        }

        namespace Azure.Messaging.ServiceBus
        {
            public class ServiceBusClient : IAsyncDisposable
            {
                protected ServiceBusClient() { }
                public ServiceBusClient(string connectionString) { }
                public virtual ValueTask DisposeAsync() => default;
            }
        }

        namespace MongoDB.Driver
        {
            public interface IMongoClient { }

            public class MongoClient : IMongoClient
            {
                public MongoClient(string connectionString) { }
            }
        }

        namespace Confluent.Kafka
        {
            public class ClientConfig : Dictionary<string, string> { public string? BootstrapServers { get; set; } }
            public class ProducerConfig : ClientConfig { }
            public class ConsumerConfig : ClientConfig { }

            public interface IProducer<TKey, TValue> : IDisposable { }
            public interface IConsumer<TKey, TValue> : IDisposable { }

            public class ProducerBuilder<TKey, TValue>
            {
                public ProducerBuilder(IEnumerable<KeyValuePair<string, string>> config) { }
                public virtual IProducer<TKey, TValue> Build() => null!;
            }

            public class ConsumerBuilder<TKey, TValue>
            {
                public ConsumerBuilder(IEnumerable<KeyValuePair<string, string>> config) { }
                public virtual IConsumer<TKey, TValue> Build() => null!;
            }
        }

        namespace MailKit.Net.Smtp
        {
            public interface ISmtpClient : IDisposable { }

            public class SmtpClient : ISmtpClient
            {
                public void Dispose() { }
            }
        }

        namespace RabbitMQ.Client
        {
            public interface IConnection : IDisposable { }

            public interface IConnectionFactory { IConnection CreateConnection(); }

            public sealed class ConnectionFactory : IConnectionFactory
            {
                public string HostName { get; set; } = "localhost";
                public IConnection CreateConnection() => null!;
            }
        }
        """;
}
