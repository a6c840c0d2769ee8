using System.Threading.Tasks;
using Gatekeeper.Analyzers.Rules;
using Gatekeeper.CodeFixes.Rules;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.CodeFixVerifier<Gatekeeper.Analyzers.Rules.RealExternalClientInTestAnalyzer, Gatekeeper.CodeFixes.Rules.RealExternalClientInTestFixer>;

namespace Gatekeeper.Tests.Rules.GK2xxx;

/// <summary>
/// The GK2002 fix replaces a real client with a test double of the mocking library the project
/// references, typed as the interface the code expects; an HttpClient goes over a stub handler. Every
/// case checks the exact fixed text, FixAll, that the fixed project compiles and that GK2002 is gone.
/// </summary>
public class GK2002_RealExternalClientInTestFixerTests
{
    /// <summary>The code under test, in its own file, which the fix never touches.</summary>
    private const string Shop = /* lang=c#-test */ """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Amazon.S3;

        namespace Shop
        {
            public sealed class ReportUploader(IAmazonS3 s3)
            {
                public Task UploadAsync(string name) => s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "reports", Key = name });
            }

            public sealed class WeatherClient(HttpClient http)
            {
                public Task<string> ForecastAsync() => http.GetStringAsync("https://api.example.com/forecast");
            }
        }
        """;

    private static CodeFixTest<RealExternalClientInTestAnalyzer, RealExternalClientInTestFixer> Fix(string markup, params ReferenceSet[] references) =>
        VerifyCS.Test(markup)
            .WithSource("Shop.cs", Shop)
            .WithReferences(ReferenceSet.AwsS3)
            .WithReferences(references)
            .WithEquivalenceKey(RealExternalClientInTestFixer.EquivalenceKey);

    // ---- AWS clients, per mocking library ----

    [Fact]
    public Task Moq_mock_of_the_well_known_interface_for_a_var_local() =>
        Fix(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Amazon.S3;
            using Shop;
            using Xunit;

            public class ReportUploaderTests
            {
                [Fact]
                public async Task Uploads()
                {
                    var s3 = [|new AmazonS3Client()|];
                    await new ReportUploader(s3).UploadAsync("q1.csv");
                }
            }
            """, ReferenceSet.XunitV2, ReferenceSet.Moq)
            .ShouldFix(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Amazon.S3;
            using Moq;
            using Shop;
            using Xunit;

            public class ReportUploaderTests
            {
                [Fact]
                public async Task Uploads()
                {
                    var s3 = new Mock<IAmazonS3>().Object;
                    await new ReportUploader(s3).UploadAsync("q1.csv");
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task NSubstitute_substitute_of_the_declared_interface() =>
        Fix(/* lang=c#-test */ """
            using Amazon;
            using Amazon.S3;
            using NUnit.Framework;
            using Shop;

            public class ReportUploaderTests
            {
                [Test]
                public void Uploads()
                {
                    IAmazonS3 s3 = [|new AmazonS3Client(RegionEndpoint.EUWest1)|];
                    _ = new ReportUploader(s3).UploadAsync("q1.csv");
                }
            }
            """, ReferenceSet.NUnit, ReferenceSet.NSubstitute)
            .ShouldFix(/* lang=c#-test */ """
            using Amazon;
            using Amazon.S3;
            using NSubstitute;
            using NUnit.Framework;
            using Shop;

            public class ReportUploaderTests
            {
                [Test]
                public void Uploads()
                {
                    IAmazonS3 s3 = Substitute.For<IAmazonS3>();
                    _ = new ReportUploader(s3).UploadAsync("q1.csv");
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task FakeItEasy_fake_retypes_a_field_declared_as_the_client_class() =>
        Fix(/* lang=c#-test */ """
            using Amazon.S3;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class ReportUploaderTests
            {
                private readonly AmazonS3Client _s3 = [|new AmazonS3Client()|];

                [TestMethod]
                public void Uploads() => _ = new ReportUploader(_s3).UploadAsync("q1.csv");
            }
            """, ReferenceSet.MSTest, ReferenceSet.FakeItEasy)
            .ShouldFix(/* lang=c#-test */ """
            using Amazon.S3;
            using FakeItEasy;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class ReportUploaderTests
            {
                private readonly IAmazonS3 _s3 = A.Fake<IAmazonS3>();

                [TestMethod]
                public void Uploads() => _ = new ReportUploader(_s3).UploadAsync("q1.csv");
            }
            """)
            .RunAsync();

    [Fact]
    public Task A_field_assigned_in_the_constructor_is_retyped() =>
        Fix(/* lang=c#-test */ """
            using Amazon.S3;
            using Moq;
            using Xunit;

            public class ReportUploaderTests
            {
                private readonly AmazonS3Client _s3;

                public ReportUploaderTests()
                {
                    _s3 = [|new AmazonS3Client()|];
                }

                [Fact]
                public void Uploads() => _ = new Shop.ReportUploader(_s3).UploadAsync("q1.csv");
            }
            """, ReferenceSet.XunitV2, ReferenceSet.Moq)
            .ShouldFix(/* lang=c#-test */ """
            using Amazon.S3;
            using Moq;
            using Xunit;

            public class ReportUploaderTests
            {
                private readonly IAmazonS3 _s3;

                public ReportUploaderTests()
                {
                    _s3 = new Mock<IAmazonS3>().Object;
                }

                [Fact]
                public void Uploads() => _ = new Shop.ReportUploader(_s3).UploadAsync("q1.csv");
            }
            """)
            .RunAsync();

    [Fact]
    public Task The_library_the_file_already_uses_wins() =>
        Fix(/* lang=c#-test */ """
            using Amazon.S3;
            using FakeItEasy;
            using Xunit;

            public class ReportUploaderTests
            {
                [Fact]
                public void Uploads() => _ = new Shop.ReportUploader([|new AmazonS3Client()|]).UploadAsync("q1.csv");
            }
            """, ReferenceSet.XunitV2, ReferenceSet.Moq, ReferenceSet.NSubstitute, ReferenceSet.FakeItEasy)
            .ShouldFix(/* lang=c#-test */ """
            using Amazon.S3;
            using FakeItEasy;
            using Xunit;

            public class ReportUploaderTests
            {
                [Fact]
                public void Uploads() => _ = new Shop.ReportUploader(A.Fake<IAmazonS3>()).UploadAsync("q1.csv");
            }
            """)
            .RunAsync();

    // ---- Other client families (declared under their real names) ----

    [Fact]
    public Task Redis_connect_is_replaced_by_a_double_of_the_multiplexer_interface() =>
        Fix(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using StackExchange.Redis;
            using Xunit;

            public class CacheTests
            {
                [Fact]
                public async Task Caches()
                {
                    var redis = [|ConnectionMultiplexer.Connect("redis.example.com")|];
                    var other = await [|ConnectionMultiplexer.ConnectAsync("redis.example.com")|].ConfigureAwait(false);
                    await redis.GetDatabase().StringSetAsync("k", "v");
                    await other.GetDatabase().StringSetAsync("k", "v");
                }
            }
            """, ReferenceSet.XunitV2, ReferenceSet.Moq)
            .WithSource("Clients.cs", GK2002_ClientDeclarations.All)
            .ShouldFix(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Moq;
            using StackExchange.Redis;
            using Xunit;

            public class CacheTests
            {
                [Fact]
                public async Task Caches()
                {
                    var redis = new Mock<IConnectionMultiplexer>().Object;
                    var other = new Mock<IConnectionMultiplexer>().Object;
                    await redis.GetDatabase().StringSetAsync("k", "v");
                    await other.GetDatabase().StringSetAsync("k", "v");
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Azure_clients_without_an_interface_are_mocked_as_classes() =>
        Fix(/* lang=c#-test */ """
            using Azure.Storage.Blobs;
            using NSubstitute;
            using Xunit;

            public class ArchiveTests
            {
                [Fact]
                public void Archives()
                {
                    var blobs = [|new BlobServiceClient("UseDevelopmentStorage=true")|];
                    var container = blobs.GetBlobContainerClient("archive");
                }
            }
            """, ReferenceSet.XunitV2, ReferenceSet.NSubstitute)
            .WithSource("Clients.cs", GK2002_ClientDeclarations.All)
            .ShouldFix(/* lang=c#-test */ """
            using Azure.Storage.Blobs;
            using NSubstitute;
            using Xunit;

            public class ArchiveTests
            {
                [Fact]
                public void Archives()
                {
                    var blobs = Substitute.For<BlobServiceClient>();
                    var container = blobs.GetBlobContainerClient("archive");
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Kafka_and_mongo_and_mailkit() =>
        Fix(/* lang=c#-test */ """
            using Confluent.Kafka;
            using MongoDB.Driver;
            using Xunit;

            public class MessagingTests
            {
                [Fact]
                public void Publishes()
                {
                    using var producer = [|new ProducerBuilder<string, string>(new ProducerConfig()).Build()|];
                    var mongo = [|new MongoClient("mongodb://mongo")|];
                    using var smtp = [|new MailKit.Net.Smtp.SmtpClient()|];
                }
            }
            """, ReferenceSet.XunitV2, ReferenceSet.FakeItEasy)
            .WithSource("Clients.cs", GK2002_ClientDeclarations.All)
            .ShouldFix(/* lang=c#-test */ """
            using Confluent.Kafka;
            using FakeItEasy;
            using MailKit.Net.Smtp;
            using MongoDB.Driver;
            using Xunit;

            public class MessagingTests
            {
                [Fact]
                public void Publishes()
                {
                    using var producer = A.Fake<IProducer<string, string>>();
                    var mongo = A.Fake<IMongoClient>();
                    using var smtp = A.Fake<ISmtpClient>();
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task RabbitMQ_connection_from_the_real_package() =>
        Fix(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using RabbitMQ.Client;
            using Xunit;

            public class PublisherTests
            {
                [Fact]
                public async Task Publishes()
                {
                    var factory = new ConnectionFactory { HostName = "rabbit.example.com" };
                    await using var connection = await [|factory.CreateConnectionAsync()|];
                    await using var channel = await connection.CreateChannelAsync();
                }
            }
            """, ReferenceSet.XunitV2, ReferenceSet.RabbitMQ, ReferenceSet.Moq)
            .ShouldFix(/* lang=c#-test */ """
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
                    await using var connection = new Mock<IConnection>().Object;
                    await using var channel = await connection.CreateChannelAsync();
                }
            }
            """)
            .RunAsync();

    // ---- HttpClient ----

    [Fact]
    public Task HttpClient_over_a_stub_handler_added_once_per_project() =>
        Fix(/* lang=c#-test */ """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Shop;
            using Xunit;

            namespace Shop.Tests
            {
                public class WeatherClientTests
                {
                    [Fact]
                    public async Task Fetches_the_forecast()
                    {
                        using var http = [|new HttpClient()|];
                        await new WeatherClient(http).ForecastAsync();
                    }

                    [Fact]
                    public Task With_a_base_address()
                    {
                        var http = [|new HttpClient { BaseAddress = new Uri("https://api.example.com") }|];
                        return new WeatherClient(http).ForecastAsync();
                    }

                    [Fact]
                    public Task Over_a_real_handler()
                    {
                        HttpClient http = [|new(new HttpClientHandler(), disposeHandler: true)|];
                        return new WeatherClient(http).ForecastAsync();
                    }
                }
            }
            """, ReferenceSet.XunitV2)
            .ShouldFix(/* lang=c#-test */ """
            using System;
            using System.Collections.Generic;
            using System.Net;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using Shop;
            using Xunit;

            namespace Shop.Tests
            {
                public class WeatherClientTests
                {
                    [Fact]
                    public async Task Fetches_the_forecast()
                    {
                        using var http = new HttpClient(new StubHttpMessageHandler());
                        await new WeatherClient(http).ForecastAsync();
                    }

                    [Fact]
                    public Task With_a_base_address()
                    {
                        var http = new HttpClient(new StubHttpMessageHandler()) { BaseAddress = new Uri("https://api.example.com") };
                        return new WeatherClient(http).ForecastAsync();
                    }

                    [Fact]
                    public Task Over_a_real_handler()
                    {
                        HttpClient http = new(new StubHttpMessageHandler());
                        return new WeatherClient(http).ForecastAsync();
                    }
                }

                /// <summary>
                /// Answers every request without the network: 200 OK with an empty body, unless the test passes
                /// its own responder. <see cref="Requests"/> holds what the code under test sent.
                /// </summary>
                internal sealed class StubHttpMessageHandler : HttpMessageHandler
                {
                    private readonly Func<HttpRequestMessage, HttpResponseMessage> _respond;

                    public StubHttpMessageHandler()
                        : this(request => new HttpResponseMessage(HttpStatusCode.OK))
                    {
                    }

                    public StubHttpMessageHandler(Func<HttpRequestMessage, HttpResponseMessage> respond)
                    {
                        _respond = respond;
                    }

                    public List<HttpRequestMessage> Requests { get; } = new List<HttpRequestMessage>();

                    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                    {
                        Requests.Add(request);
                        return Task.FromResult(_respond(request));
                    }
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task FixAll_in_the_project_adds_the_stub_handler_once() =>
        Fix(/* lang=c#-test */ """
            using System.Net.Http;
            using Xunit;

            namespace Shop.Tests;

            public class FirstTests
            {
                [Fact]
                public void Uses_http() => _ = new Shop.WeatherClient([|new HttpClient()|]).ForecastAsync();
            }
            """, ReferenceSet.XunitV2)
            .WithSource("Second.cs", /* lang=c#-test */ """
            using System.Net.Http;
            using Xunit;

            namespace Shop.Other;

            public class SecondTests
            {
                [Fact]
                public void Uses_http() => _ = new Shop.WeatherClient([|new HttpClient()|]).ForecastAsync();
            }
            """)
            .ShouldFixAll(
                FixAllScope.Project,
                ("Test0.cs", /* lang=c#-test */ """
                using System;
                using System.Collections.Generic;
                using System.Net;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;
                using Xunit;

                namespace Shop.Tests;

                public class FirstTests
                {
                    [Fact]
                    public void Uses_http() => _ = new Shop.WeatherClient(new HttpClient(new StubHttpMessageHandler())).ForecastAsync();
                }

                /// <summary>
                /// Answers every request without the network: 200 OK with an empty body, unless the test passes
                /// its own responder. <see cref="Requests"/> holds what the code under test sent.
                /// </summary>
                internal sealed class StubHttpMessageHandler : HttpMessageHandler
                {
                    private readonly Func<HttpRequestMessage, HttpResponseMessage> _respond;

                    public StubHttpMessageHandler()
                        : this(request => new HttpResponseMessage(HttpStatusCode.OK))
                    {
                    }

                    public StubHttpMessageHandler(Func<HttpRequestMessage, HttpResponseMessage> respond)
                    {
                        _respond = respond;
                    }

                    public List<HttpRequestMessage> Requests { get; } = new List<HttpRequestMessage>();

                    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                    {
                        Requests.Add(request);
                        return Task.FromResult(_respond(request));
                    }
                }
                """),
                ("Second.cs", /* lang=c#-test */ """
                using System.Net.Http;
                using Shop.Tests;
                using Xunit;

                namespace Shop.Other;

                public class SecondTests
                {
                    [Fact]
                    public void Uses_http() => _ = new Shop.WeatherClient(new HttpClient(new StubHttpMessageHandler())).ForecastAsync();
                }
                """))
            .RunAsync();

    [Fact]
    public Task An_existing_stub_handler_is_reused() =>
        Fix(/* lang=c#-test */ """
            using System.Net.Http;
            using Xunit;

            public class WeatherClientTests
            {
                [Fact]
                public void Uses_http() => _ = new Shop.WeatherClient([|new HttpClient()|]).ForecastAsync();
            }
            """, ReferenceSet.XunitV2)
            .WithSource("Stub.cs", /* lang=c#-test */ """
            using System.Net;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Shop.Testing
            {
                public sealed class StubHttpMessageHandler : HttpMessageHandler
                {
                    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                        Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
                }
            }
            """)
            .ShouldFix(/* lang=c#-test */ """
            using System.Net.Http;
            using Shop.Testing;
            using Xunit;

            public class WeatherClientTests
            {
                [Fact]
                public void Uses_http() => _ = new Shop.WeatherClient(new HttpClient(new StubHttpMessageHandler())).ForecastAsync();
            }
            """)
            .RunAsync();

    [Fact]
    public Task MockHttp_when_the_project_references_it() =>
        Fix(/* lang=c#-test */ """
            using System;
            using System.Net.Http;
            using Xunit;

            public class WeatherClientTests
            {
                [Fact]
                public void Uses_http()
                {
                    var plain = new Shop.WeatherClient([|new HttpClient()|]);
                    var withAddress = new Shop.WeatherClient([|new HttpClient { BaseAddress = new Uri("https://api.example.com") }|]);
                }
            }
            """, ReferenceSet.XunitV2, ReferenceSet.MockHttp)
            .ShouldFix(/* lang=c#-test */ """
            using System;
            using System.Net.Http;
            using RichardSzalay.MockHttp;
            using Xunit;

            public class WeatherClientTests
            {
                [Fact]
                public void Uses_http()
                {
                    var plain = new Shop.WeatherClient(new MockHttpMessageHandler().ToHttpClient());
                    var withAddress = new Shop.WeatherClient(new HttpClient(new MockHttpMessageHandler()) { BaseAddress = new Uri("https://api.example.com") });
                }
            }
            """)
            .RunAsync();

    // ---- No fix ----

    [Fact]
    public Task No_fix_without_a_mocking_library() =>
        Fix(/* lang=c#-test */ """
            using Amazon.S3;
            using Xunit;

            public class ReportUploaderTests
            {
                [Fact]
                public void Uploads() => _ = new Shop.ReportUploader([|new AmazonS3Client()|]).UploadAsync("q1.csv");
            }
            """, ReferenceSet.XunitV2)
            .ExpectNoFix()
            .RunAsync();

    [Fact]
    public Task No_fix_when_no_interface_fits() =>
        Fix(/* lang=c#-test */ """
            using System.Net;
            using System.Net.Mail;
            using System.Net.Sockets;
            using Xunit;

            public class LegacyTests
            {
                [Fact]
                public void Clients()
                {
                    using var smtp = [|new SmtpClient("smtp.example.com")|];
                    using var tcp = [|new TcpClient()|];
                    using var web = [|new WebClient()|];
                    var request = [|WebRequest.Create("https://example.com")|];
                }
            }
            """, ReferenceSet.XunitV2, ReferenceSet.Moq)
            .ExpectNoFix()
            .RunAsync();

    [Fact]
    public Task No_fix_when_the_double_would_not_compile() =>
        Fix(/* lang=c#-test */ """
            using Amazon.S3;
            using Moq;
            using Xunit;

            public class ReportUploaderTests
            {
                [Fact]
                public void Uses_the_class()
                {
                    var s3 = [|new AmazonS3Client()|];
                    Takes(s3);
                }

                private static void Takes(AmazonS3Client client) { }
            }
            """, ReferenceSet.XunitV2, ReferenceSet.Moq)
            .ExpectNoFix()
            .RunAsync();

    [Fact]
    public Task No_fix_for_half_typed_code() =>
        Fix(/* lang=c#-test */ """
            using Amazon.S3;
            using Moq;
            using Xunit;

            public class ReportUploaderTests
            {
                [Fact]
                public void Typing()
                {
                    var s3 = [|new AmazonS3Client()|];
                    s3.
                }
            }
            """, ReferenceSet.XunitV2, ReferenceSet.Moq)
            .AllowCompilerErrors()
            .ExpectNoFix()
            .RunAsync();
}
