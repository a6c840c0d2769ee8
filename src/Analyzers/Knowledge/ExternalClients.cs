using System;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Knowledge;

/// <summary>
/// Which objects talk to a real external service when created: HTTP, mail and socket clients of
/// the BCL, AWS and Azure SDK clients, Redis, RabbitMQ, Kafka and MongoDB connections. Every type is
/// recognized by its full name (or its base type's), never by assembly identity, so a client declared
/// in source under its real name is recognized as well as the one from the package.
/// </summary>
internal static class ExternalClients
{
    public const string HttpClient = "System.Net.Http.HttpClient";
    public const string HttpMessageHandler = "System.Net.Http.HttpMessageHandler";
    public const string DelegatingHandler = "System.Net.Http.DelegatingHandler";

    /// <summary>Handlers that send requests over the network.</summary>
    private static readonly string[] NetworkHandlers =
    {
        "System.Net.Http.HttpClientHandler",
        "System.Net.Http.SocketsHttpHandler",
        "System.Net.Http.WinHttpHandler",
    };

    /// <summary>Client types whose construction makes the client, with the family named in the message.</summary>
    private static readonly (string Type, string Family)[] ConstructedClients =
    {
        ("System.Net.WebClient", "HTTP"),
        ("System.Net.Sockets.TcpClient", "TCP"),
        ("System.Net.Mail.SmtpClient", "SMTP"),
        ("MailKit.Net.Smtp.SmtpClient", "SMTP"),
        ("MailKit.Net.Imap.ImapClient", "IMAP"),
        ("MailKit.Net.Pop3.Pop3Client", "POP3"),
        ("MongoDB.Driver.MongoClient", "MongoDB"),
        ("Microsoft.Azure.Cosmos.CosmosClient", "Azure"),
        ("Microsoft.Azure.Documents.Client.DocumentClient", "Azure"),
    };

    /// <summary>Base type of every AWS SDK service client (<c>AmazonS3Client</c>, <c>AmazonSQSClient</c>, …).</summary>
    private const string AmazonServiceClient = "Amazon.Runtime.AmazonServiceClient";

    /// <summary>Static or instance methods that open a connection, by declaring type.</summary>
    private static readonly (string Type, string Family, string[] Methods)[] FactoryMethods =
    {
        ("System.Net.WebRequest", "HTTP", new[] { "Create", "CreateHttp", "CreateDefault" }),
        ("StackExchange.Redis.ConnectionMultiplexer", "Redis", new[] { "Connect", "ConnectAsync", "SentinelConnect", "SentinelConnectAsync" }),
        ("RabbitMQ.Client.ConnectionFactory", "RabbitMQ", new[] { "CreateConnection", "CreateConnectionAsync" }),
        ("Confluent.Kafka.ProducerBuilder", "Kafka", new[] { "Build" }),
        ("Confluent.Kafka.ConsumerBuilder", "Kafka", new[] { "Build" }),
        ("Confluent.Kafka.AdminClientBuilder", "Kafka", new[] { "Build" }),
        ("Confluent.Kafka.DependentProducerBuilder", "Kafka", new[] { "Build" }),
    };

    /// <summary>Every name of <see cref="FactoryMethods"/>: a cheap filter before any symbol is looked at.</summary>
    public static bool IsFactoryMethodName(string name) =>
        name is "Create" or "CreateHttp" or "CreateDefault" or "Connect" or "ConnectAsync" or "SentinelConnect"
            or "SentinelConnectAsync" or "CreateConnection" or "CreateConnectionAsync" or "Build";

    /// <summary>
    /// Namespaces of test infrastructure that runs a stand-in for a service on the test's machine:
    /// containers started by the test, HTTP stub servers, in-process MongoDB. A test class that holds
    /// one points its clients at it.
    /// </summary>
    private static readonly string[] LocalServerNamespaces =
    {
        "DotNet.Testcontainers",
        "Testcontainers",
        "WireMock",
        "Mongo2Go",
        "EphemeralMongo",
    };

    /// <summary>The ASP.NET Core test server: a client built from it (<c>Server.CreateHandler()</c>) stays in memory.</summary>
    private static readonly string[] TestServerNamespaces =
    {
        "Microsoft.AspNetCore.TestHost",
        "Microsoft.AspNetCore.Mvc.Testing",
    };

    /// <summary>
    /// The family of a client created with <c>new</c> (not <see cref="HttpClient"/>, whose handler decides):
    /// "AWS", "Azure", "SMTP", … or null when <paramref name="type"/> is not a known client.
    /// </summary>
    public static string? FamilyOfConstructedClient(INamedTypeSymbol type)
    {
        if (type.IsAbstract || type.TypeKind != TypeKind.Class)
        {
            return null;
        }

        foreach (var (name, family) in ConstructedClients)
        {
            if (SymbolNames.InheritsFromOrIs(type, name))
            {
                return family;
            }
        }

        if (SymbolNames.InheritsFromOrIs(type, AmazonServiceClient))
        {
            return "AWS";
        }

        return IsAzureSdkClient(type) ? "Azure" : null;
    }

    /// <summary>
    /// True for a class of this compilation derived from a client that overrides some of its
    /// operations (<c>class FakeS3 : AmazonS3Client { public override Task&lt;…&gt; PutObjectAsync(…) … }</c>):
    /// a hand-written test double, not a client. Overrides of <c>Dispose</c>, <c>ToString</c>,
    /// <c>Equals</c> and <c>GetHashCode</c> change no operation.
    /// </summary>
    public static bool IsHandWrittenDouble(INamedTypeSymbol type)
    {
        if (type.DeclaringSyntaxReferences.Length == 0)
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (member.IsOverride && member.Name is not ("Dispose" or "DisposeAsync" or "ToString" or "Equals" or "GetHashCode")
                && member is IMethodSymbol { MethodKind: MethodKind.Ordinary } or IPropertySymbol)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Azure SDK clients: a public class whose name ends in <c>Client</c> in a namespace under
    /// <c>Azure</c> (<c>BlobServiceClient</c>, <c>QueueClient</c>, <c>ServiceBusClient</c>,
    /// <c>SecretClient</c>, <c>TableClient</c>, …), <c>Azure.Core</c> and <c>Azure.Identity</c> excepted (they hold no
    /// service clients), or one of the older <c>Microsoft.Azure.*</c> clients.
    /// </summary>
    public static bool IsAzureSdkClient(INamedTypeSymbol type)
    {
        if (!type.Name.EndsWith("Client", StringComparison.Ordinal) || type.DeclaredAccessibility != Accessibility.Public)
        {
            return false;
        }

        var ns = type.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace)
        {
            return false;
        }

        if (SymbolNames.IsInNamespace(ns, "Microsoft.Azure.Cosmos") || SymbolNames.IsInNamespace(ns, "Microsoft.Azure.Documents")
            || SymbolNames.IsInNamespace(ns, "Microsoft.Azure.ServiceBus") || SymbolNames.IsInNamespace(ns, "Microsoft.Azure.EventHubs"))
        {
            return true;
        }

        return SymbolNames.IsInNamespace(ns, "Azure")
            && !SymbolNames.IsInNamespace(ns, "Azure.Core")
            && !SymbolNames.IsInNamespace(ns, "Azure.Identity");
    }

    /// <summary>
    /// The family of a method that opens a connection (<c>WebRequest.Create</c>, <c>ConnectionMultiplexer.Connect*</c>,
    /// RabbitMQ <c>ConnectionFactory.CreateConnection*</c>, Kafka builders' <c>Build()</c>), or null.
    /// </summary>
    public static string? FamilyOfFactoryMethod(IMethodSymbol method)
    {
        var declaringType = method.ContainingType;
        if (declaringType is null || !IsFactoryMethodName(method.Name))
        {
            return null;
        }

        foreach (var (type, family, methods) in FactoryMethods)
        {
            if (Array.IndexOf(methods, method.Name) >= 0 && SymbolNames.InheritsFromOrIs(declaringType, type))
            {
                return family;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="type"/> is the RabbitMQ <c>ConnectionFactory</c> class (or derives from it).</summary>
    public static bool IsRabbitConnectionFactory(ITypeSymbol? type) => SymbolNames.InheritsFromOrIs(type, "RabbitMQ.Client.ConnectionFactory");

    /// <summary>True for <c>System.Net.Http.HttpClient</c> itself (a derived client brings its own constructors).</summary>
    public static bool IsHttpClient(ITypeSymbol? type) => SymbolNames.IsType(type, HttpClient);

    /// <summary>True for <c>HttpMessageHandler</c> and every type derived from it.</summary>
    public static bool IsHttpMessageHandler(ITypeSymbol? type) => SymbolNames.InheritsFromOrIs(type, HttpMessageHandler);

    /// <summary>True for <c>DelegatingHandler</c> subclasses: they pass requests on to their inner handler.</summary>
    public static bool IsDelegatingHandler(ITypeSymbol? type) => SymbolNames.InheritsFromOrIs(type, DelegatingHandler);

    /// <summary>
    /// True when a handler of this type sends requests over the network: <c>HttpClientHandler</c>,
    /// <c>SocketsHttpHandler</c>, <c>WinHttpHandler</c>, or a type derived from one that does not
    /// override <c>SendAsync</c>/<c>Send</c> (a subclass that does answers the requests itself: a stub).
    /// </summary>
    public static bool IsNetworkHandler(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var handler in NetworkHandlers)
            {
                if (SymbolNames.IsType(current, handler))
                {
                    return true;
                }
            }

            if (OverridesSend(current))
            {
                return false;
            }
        }

        return false;
    }

    private static bool OverridesSend(ITypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { IsOverride: true, Name: "SendAsync" or "Send" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="symbol"/> is (or belongs to, or returns) test infrastructure that
    /// stands in for a service locally: a container, a stub server, the ASP.NET Core test server.
    /// </summary>
    public static bool IsLocalStandIn(ISymbol? symbol)
    {
        var type = symbol switch
        {
            ITypeSymbol t => t,
            IMethodSymbol m => m.ContainingType,
            IPropertySymbol p => p.ContainingType,
            IFieldSymbol f => f.ContainingType,
            _ => null,
        };

        return IsInAny(type, LocalServerNamespaces) || IsInAny(type, TestServerNamespaces)
            || (symbol is IMethodSymbol method && (IsInAny(method.ReturnType, LocalServerNamespaces) || IsInAny(method.ReturnType, TestServerNamespaces)));
    }

    /// <summary>True for types of Testcontainers, WireMock.Net and in-process MongoDB runners (not the ASP.NET Core test server).</summary>
    public static bool IsLocalServerType(ITypeSymbol? type) => IsInAny(type, LocalServerNamespaces);

    private static bool IsInAny(ITypeSymbol? type, string[] namespaces)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var ns in namespaces)
        {
            if (SymbolNames.IsInNamespace(type.OriginalDefinition.ContainingNamespace, ns))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The interface a test double of <paramref name="clientType"/> should implement: the one the SDK
    /// pairs with the client by name (<c>AmazonS3Client</c> → <c>IAmazonS3</c>,
    /// <c>ConnectionMultiplexer</c> → <c>IConnectionMultiplexer</c>, <c>MongoClient</c> → <c>IMongoClient</c>,
    /// MailKit <c>SmtpClient</c> → <c>ISmtpClient</c>); the type itself when it already is an interface
    /// (RabbitMQ <c>IConnection</c>, Kafka <c>IProducer&lt;K, V&gt;</c>). Null when there is none.
    /// </summary>
    public static INamedTypeSymbol? ServiceInterfaceOf(ITypeSymbol clientType)
    {
        if (clientType is INamedTypeSymbol { TypeKind: TypeKind.Interface } alreadyInterface)
        {
            return alreadyInterface;
        }

        if (clientType is not INamedTypeSymbol named)
        {
            return null;
        }

        var fullName = "I" + named.Name;
        var shortName = named.Name.EndsWith("Client", StringComparison.Ordinal) && named.Name.Length > "Client".Length
            ? "I" + named.Name.Substring(0, named.Name.Length - "Client".Length)
            : null;
        INamedTypeSymbol? best = null;
        foreach (var @interface in named.AllInterfaces)
        {
            if (@interface.Name == fullName)
            {
                return @interface;
            }

            if (@interface.Name == shortName)
            {
                best = @interface;
            }
        }

        return best;
    }

    /// <summary>
    /// True when the SDK designs the client class itself for mocking: the Azure SDK (protected
    /// parameterless constructor, virtual members; its guidance is to mock the client classes).
    /// </summary>
    public static bool IsDesignedForMocking(INamedTypeSymbol clientType)
    {
        if (clientType.IsSealed || !IsAzureSdkClient(clientType))
        {
            return false;
        }

        foreach (var constructor in clientType.InstanceConstructors)
        {
            if (constructor.Parameters.Length == 0
                && constructor.DeclaredAccessibility is Accessibility.Protected or Accessibility.Public or Accessibility.ProtectedOrInternal)
            {
                return true;
            }
        }

        return false;
    }
}
