using System.Collections.Generic;
using System.Linq;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Gatekeeper.Tests.VerifierTests;

/// <summary>Each reference set resolves real, restored assemblies: a snippet using the framework compiles without errors.</summary>
public sealed class ReferenceSetTests
{
    public static TheoryData<string, string> Snippets => new()
    {
        { nameof(ReferenceSet.Net), "public class C { public System.Collections.Generic.List<int> M() => [1, 2]; }" },
        {
            nameof(ReferenceSet.XunitV2),
            """
            using Xunit;
            using Xunit.Abstractions;
            public class C(ITestOutputHelper output)
            {
                [Fact] public void M() { output.WriteLine("x"); Assert.True(true); Assert.Throws<System.FormatException>(() => int.Parse("x")); }
                [Theory, InlineData(1)] public void N(int x) => Assert.Equal(1, x);
            }
            """
        },
        {
            nameof(ReferenceSet.XunitV3),
            """
            using System.Threading.Tasks;
            using Xunit;
            public class C
            {
                // TestContext.Current exists only in xUnit v3.
                [Fact] public async Task M() { await Task.Delay(1, TestContext.Current.CancellationToken); Assert.True(true); }
                [Theory, InlineData(1)] public void N(int x) => Assert.Equal(1, x);
            }
            """
        },
        {
            nameof(ReferenceSet.NUnit),
            """
            using NUnit.Framework;
            using NUnit.Framework.Legacy;
            [TestFixture] public class C
            {
                [Test] public void M() { Assert.That(1, Is.EqualTo(1)); ClassicAssert.AreEqual(1, 1); }
                [TestCase(1)] public void N(int x) => Assert.That(x, Is.Positive);
            }
            """
        },
        {
            nameof(ReferenceSet.MSTest),
            """
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            [TestClass] public class C
            {
                [TestMethod] public void M() => Assert.AreEqual(1, 1);
                [TestMethod, ExpectedException(typeof(System.Exception))] public void N() => throw new System.Exception();
                [DataTestMethod, DataRow(1)] public void O(int x) => Assert.IsTrue(x > 0);
            }
            """
        },
        {
            nameof(ReferenceSet.Moq),
            """
            using Moq;
            public interface IService { int Get(string key); }
            public class C
            {
                public void M()
                {
                    var mock = new Mock<IService>(MockBehavior.Strict);
                    mock.Setup(s => s.Get(It.IsAny<string>())).Returns(1);
                    mock.Verify(s => s.Get("a"), Times.Once());
                }
            }
            """
        },
        {
            nameof(ReferenceSet.NSubstitute),
            """
            using NSubstitute;
            public interface IService { int Get(string key); }
            public class C { public void M() { var s = Substitute.For<IService>(); s.Get("a").Returns(1); s.Received(1).Get("a"); } }
            """
        },
        {
            nameof(ReferenceSet.FakeItEasy),
            """
            using FakeItEasy;
            public interface IService { int Get(string key); }
            public class C { public void M() { var f = A.Fake<IService>(); A.CallTo(() => f.Get("a")).Returns(1); A.CallTo(() => f.Get("a")).MustHaveHappenedOnceExactly(); } }
            """
        },
        {
            nameof(ReferenceSet.FluentAssertions),
            """
            using FluentAssertions;
            public class C { public void M() { 1.Should().Be(1); "abc".Should().StartWith("a"); new[] { 1 }.Should().ContainSingle(); } }
            """
        },
        {
            nameof(ReferenceSet.Shouldly),
            """
            using Shouldly;
            public class C { public void M() { 1.ShouldBe(1); "abc".ShouldStartWith("a"); Should.Throw<System.Exception>(() => throw new System.Exception()); } }
            """
        },
        {
            nameof(ReferenceSet.JetBrainsAnnotations),
            """
            using JetBrains.Annotations;
            public static class C { [AssertionMethod] public static void Check([AssertionCondition(AssertionConditionType.IS_TRUE)] bool condition) { } }
            """
        },
        {
            nameof(ReferenceSet.AwsS3),
            """
            using System.Threading.Tasks;
            using Amazon.S3;
            using Amazon.S3.Model;
            public class C { public async Task M(IAmazonS3 s3) { await s3.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = "k", ContentBody = "x" }); } }
            """
        },
        {
            nameof(ReferenceSet.EntityFrameworkCore),
            """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            public class Item { public int Id { get; set; } }
            public class Db(DbContextOptions<Db> options) : DbContext(options)
            {
                public DbSet<Item> Items => Set<Item>();
                protected override void OnModelCreating(ModelBuilder builder) => builder.Entity<Item>().HasKey(i => i.Id);
                public Task<Item[]> Big() => Items.Where(i => i.Id > 10).AsNoTracking().ToArrayAsync();
                public Task<bool> Create() => Database.EnsureCreatedAsync();
            }
            """
        },
        {
            nameof(ReferenceSet.AspNetCore),
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;
            [ApiController, Route("items")] public class ItemsController : ControllerBase { [HttpGet] public IActionResult Get() => Ok(); }
            public static class Api
            {
                public static void Run()
                {
                    var builder = WebApplication.CreateBuilder();
                    builder.Services.AddControllers();
                    var app = builder.Build();
                    app.MapGet("/", () => Results.Ok("hi")).RequireAuthorization();
                    app.Run();
                }
            }
            """
        },
        {
            nameof(ReferenceSet.MvcTesting),
            """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc.Testing;
            using Microsoft.AspNetCore.TestHost;
            public partial class Program { }
            public class C(WebApplicationFactory<Program> factory)
            {
                public async Task M()
                {
                    using var client = factory.WithWebHostBuilder(b => b.ConfigureTestServices(_ => { })).CreateClient();
                    HttpResponseMessage response = await client.GetAsync("/");
                    response.EnsureSuccessStatusCode();
                }
            }
            """
        },
        {
            nameof(ReferenceSet.FluentValidation),
            """
            using FluentValidation;
            public record Note(string Title);
            public class NoteValidator : AbstractValidator<Note> { public NoteValidator() { RuleFor(x => x.Title).NotEmpty().MaximumLength(200); } }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_using_the_framework_compiles(string setName, string source)
    {
        var set = Set(setName);
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            set.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.Empty(errors);
        Assert.Equal(setName, set.Name);
    }

    [Fact]
    public void References_are_built_once_and_shared_between_sets()
    {
        Assert.Same(ReferenceSet.NUnit.References, ReferenceSet.NUnit.References);
        var runtimeInNUnit = ReferenceSet.NUnit.References.Single(r => r.Display!.EndsWith("/System.Runtime.dll"));
        var runtimeInMoq = ReferenceSet.Moq.References.Single(r => r.Display!.EndsWith("/System.Runtime.dll"));
        Assert.Same(runtimeInNUnit, runtimeInMoq);
    }

    [Fact]
    public void XunitV3_references_the_v3_assemblies_and_not_v2()
    {
        var files = FileNames(ReferenceSet.XunitV3);
        Assert.Contains("xunit.v3.core.dll", files);
        Assert.Contains("xunit.v3.assert.dll", files);
        Assert.Contains("xunit.v3.common.dll", files);
        Assert.DoesNotContain("xunit.core.dll", files);
        Assert.DoesNotContain("xunit.assert.dll", files);
    }

    [Fact]
    public void Packages_use_their_best_lib_folder_for_net10()
    {
        // xunit.assert 2.9.3 ships net6.0 and netstandard1.1; NUnit 4.4.0 ships net462, net6.0 and net8.0.
        Assert.Contains(ReferenceSet.XunitV2.References, r => r.Display!.Replace('\\', '/').EndsWith("/lib/net6.0/xunit.assert.dll"));
        Assert.Contains(ReferenceSet.NUnit.References, r => r.Display!.Replace('\\', '/').EndsWith("/lib/net8.0/nunit.framework.dll"));
    }

    [Fact]
    public void Combined_sets_reference_each_assembly_once()
    {
        var combined = ReferenceSet.Combine([ReferenceSet.AspNetCore, ReferenceSet.MvcTesting, ReferenceSet.XunitV2]);
        var duplicates = combined.GroupBy(r => System.IO.Path.GetFileName(r.Display)).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    private static ReferenceSet Set(string name) =>
        (ReferenceSet)typeof(ReferenceSet).GetProperty(name)!.GetValue(null)!;

    private static HashSet<string> FileNames(ReferenceSet set) =>
        set.References.Select(r => System.IO.Path.GetFileName(r.Display!)).ToHashSet();
}
