using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Gatekeeper.Analyzers;
using Gatekeeper.Analyzers.Rules;
using Gatekeeper.CodeFixes.Infrastructure;
using Gatekeeper.CodeFixes.Rules;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using VerifyCS = Gatekeeper.Tests.Verifiers.CodeFixVerifier<Gatekeeper.Analyzers.Rules.TestHasNoAssertionAnalyzer, Gatekeeper.CodeFixes.Rules.TestHasNoAssertionFixer>;

namespace Gatekeeper.Tests.Rules.GK2xxx;

/// <summary>
/// The GK2001 fix inserts a real assertion, in the framework and assertion library the project
/// uses. Every case checks the exact fixed text, FixAll in document scope, that the fixed project
/// compiles against the real framework assemblies and that GK2001 is gone.
/// </summary>
public class GK2001_TestHasNoAssertionFixerTests
{
    /// <summary>The code under test, in its own file (Shop.cs), which the fix never touches.</summary>
    private const string Shop = /* lang=c#-test */ """
        using System.Threading.Tasks;

        namespace Shop
        {
            public sealed class User
            {
                public string Name { get; set; } = "";
            }

            public class UserService
            {
                public User? Find(int id) => id > 0 ? new User() : null;
                public bool Exists(int id) => id > 0;
                public int Count() => 1;
                public void Delete(int id) { }
                public Task DeleteAsync(int id) => Task.CompletedTask;
                public ValueTask PingAsync() => default;
                public Task<User?> FindAsync(int id) => Task.FromResult(Find(id));
                public Task<bool> ExistsAsync(int id) => Task.FromResult(id > 0);
                public Task<int> CountAsync() => Task.FromResult(1);
                public int? Age(int id) => null;
                public void Update(ref int version) { }
                public UserService WithName(string name) => this;
                public T Echo<T>(T value) => value;
            }
        }
        """;

    /// <summary>
    /// TUnit is not served by the package mirror: these are the TUnit types the fix uses, declared
    /// under their real names (<c>TUnit.Core.TestAttribute</c>, <c>TUnit.Assertions.Assert.That</c>,
    /// the extension methods of <c>TUnit.Assertions.Extensions</c>) with the shapes TUnit gives them.
    /// </summary>
    private const string TUnitDeclarations = /* lang=c#-test */ """
        using System;
        using System.Threading.Tasks;

        namespace TUnit.Core
        {
            [AttributeUsage(AttributeTargets.Method)]
            public class TestAttribute : Attribute { }
        }

        namespace TUnit.Assertions
        {
            public static class Assert
            {
                public static ValueAssertion<T> That<T>(T? value) => new(value);
                public static DelegateAssertion That(Action action) => new(action);
                public static AsyncDelegateAssertion That(Func<Task> action) => new(action);
            }

            public sealed class ValueAssertion<T>(T? value) { public T? Value { get; } = value; }

            public sealed class DelegateAssertion(Action action) { public Action Action { get; } = action; }

            public sealed class AsyncDelegateAssertion(Func<Task> action) { public Func<Task> Action { get; } = action; }
        }

        namespace TUnit.Assertions.Extensions
        {
            public static class AssertionExtensions
            {
                public static Task IsNotNull<T>(this ValueAssertion<T> source) => Task.CompletedTask;
                public static Task IsTrue(this ValueAssertion<bool> source) => Task.CompletedTask;
                public static Task ThrowsNothing(this DelegateAssertion source) => Task.CompletedTask;
                public static Task ThrowsNothing(this AsyncDelegateAssertion source) => Task.CompletedTask;
            }
        }
        """;

    /// <summary>A test framework (and assertion library) a test project can use.</summary>
    public sealed record Flavor(string Name, string Usings, string ClassHeader, string TestAttribute, params ReferenceSet[] References)
    {
        public override string ToString() => Name;
    }

    private static readonly Dictionary<string, Flavor> Flavors = new[]
    {
        new Flavor("xUnit v2", "using Xunit;", "public class UserTests", "Fact", ReferenceSet.XunitV2),
        new Flavor("xUnit v3", "using Xunit;", "public class UserTests", "Fact", ReferenceSet.XunitV3),
        new Flavor("NUnit", "using NUnit.Framework;", "public class UserTests", "Test", ReferenceSet.NUnit),
        new Flavor("MSTest", "using Microsoft.VisualStudio.TestTools.UnitTesting;", "[TestClass]\npublic class UserTests", "TestMethod", ReferenceSet.MSTest),
        new Flavor("xUnit + FluentAssertions", "using FluentAssertions;\nusing Xunit;", "public class UserTests", "Fact", ReferenceSet.XunitV2, ReferenceSet.FluentAssertions),
        new Flavor("NUnit + Shouldly", "using NUnit.Framework;\nusing Shouldly;", "public class UserTests", "Test", ReferenceSet.NUnit, ReferenceSet.Shouldly),
    }.ToDictionary(flavor => flavor.Name);

    private static CodeFixTest<TestHasNoAssertionAnalyzer, TestHasNoAssertionFixer> Fix(string markup, params ReferenceSet[] references) =>
        VerifyCS.Test(markup)
            .WithSource("Shop.cs", Shop)
            .WithReferences(references)
            .WithEquivalenceKey(TestHasNoAssertionFixer.EquivalenceKey);

    /// <summary>A test class of <paramref name="flavor"/> whose one test has <paramref name="body"/> (its lines indented by 8).</summary>
    private static string TestClass(Flavor flavor, string signature, string body, string? usings = null) => $$"""
        {{usings ?? flavor.Usings}}
        using System.Threading.Tasks;
        using Shop;

        {{flavor.ClassHeader}}
        {
            private readonly UserService _service = new();

            [{{flavor.TestAttribute}}]
            {{signature}}
            {
        {{body}}
            }
        }
        """;

    /// <summary>Lines of a method body, indented as statements of <see cref="TestClass"/>.</summary>
    private static string Body(params string[] lines) => string.Join("\n", lines.Select(line => "        " + line));

    private static Task FixFlavorAsync(string flavorName, string signature, string[] before, string[] after)
    {
        var flavor = Flavors[flavorName];
        return Fix(TestClass(flavor, signature.Replace("Name", "[|Name|]", StringComparison.Ordinal), Body(before)), flavor.References)
            .ShouldFix(TestClass(flavor, signature, Body(after)))
            .RunAsync();
    }

    // ---- Last statement produces a reference: capture it and assert it is not null ----

    public static TheoryData<string, string> NotNullAssertions => new()
    {
        { "xUnit v2", "Assert.NotNull(result);" },
        { "xUnit v3", "Assert.NotNull(result);" },
        { "NUnit", "Assert.That(result, Is.Not.Null);" },
        { "MSTest", "Assert.IsNotNull(result);" },
        { "xUnit + FluentAssertions", "result.Should().NotBeNull();" },
        { "NUnit + Shouldly", "result.ShouldNotBeNull();" },
    };

    [Theory]
    [MemberData(nameof(NotNullAssertions))]
    public Task Reference_from_the_last_call_is_captured_and_asserted_not_null(string flavor, string assertion) =>
        FixFlavorAsync(
            flavor,
            "public void Name()",
            ["_service.Find(1);"],
            ["var result = _service.Find(1);", assertion]);

    [Theory]
    [MemberData(nameof(NotNullAssertions))]
    public Task Awaited_reference_is_captured_and_asserted_not_null(string flavor, string assertion) =>
        FixFlavorAsync(
            flavor,
            "public async Task Name()",
            ["await _service.FindAsync(1);"],
            ["var result = await _service.FindAsync(1);", assertion]);

    [Theory]
    [MemberData(nameof(NotNullAssertions))]
    public Task Nullable_value_is_asserted_not_null(string flavor, string assertion) =>
        FixFlavorAsync(
            flavor,
            "public void Name()",
            ["_service.Age(1);"],
            ["var result = _service.Age(1);", assertion]);

    public static TheoryData<string, string> NotNullOnUserAssertions => new()
    {
        { "xUnit v2", "Assert.NotNull(user);" },
        { "xUnit v3", "Assert.NotNull(user);" },
        { "NUnit", "Assert.That(user, Is.Not.Null);" },
        { "MSTest", "Assert.IsNotNull(user);" },
        { "xUnit + FluentAssertions", "user.Should().NotBeNull();" },
        { "NUnit + Shouldly", "user.ShouldNotBeNull();" },
    };

    [Theory]
    [MemberData(nameof(NotNullOnUserAssertions))]
    public Task Local_declared_last_is_asserted_without_capture(string flavor, string assertion) =>
        FixFlavorAsync(
            flavor,
            "public void Name()",
            ["var user = _service.Find(1);"],
            ["var user = _service.Find(1);", assertion]);

    [Theory]
    [MemberData(nameof(NotNullOnUserAssertions))]
    public Task Other_last_statement_asserts_on_the_last_local_with_a_value(string flavor, string assertion) =>
        FixFlavorAsync(
            flavor,
            "public void Name()",
            ["var user = _service.Find(1);", "var count = _service.Count();", "user!.Name = \"Ada\";"],
            ["var user = _service.Find(1);", "var count = _service.Count();", "user!.Name = \"Ada\";", assertion]);

    // ---- Last statement produces a bool: assert it is true ----

    public static TheoryData<string, string> IsTrueAssertions => new()
    {
        { "xUnit v2", "Assert.True(result);" },
        { "xUnit v3", "Assert.True(result);" },
        { "NUnit", "Assert.That(result, Is.True);" },
        { "MSTest", "Assert.IsTrue(result);" },
        { "xUnit + FluentAssertions", "result.Should().BeTrue();" },
        { "NUnit + Shouldly", "result.ShouldBeTrue();" },
    };

    [Theory]
    [MemberData(nameof(IsTrueAssertions))]
    public Task Bool_from_the_last_call_is_asserted_true(string flavor, string assertion) =>
        FixFlavorAsync(
            flavor,
            "public void Name()",
            ["_service.Exists(1);"],
            ["var result = _service.Exists(1);", assertion]);

    [Theory]
    [MemberData(nameof(IsTrueAssertions))]
    public Task Awaited_bool_is_asserted_true(string flavor, string assertion) =>
        FixFlavorAsync(
            flavor,
            "public async Task Name()",
            ["await _service.ExistsAsync(1);"],
            ["var result = await _service.ExistsAsync(1);", assertion]);

    // ---- Last statement returns nothing: assert that it does not throw ----

    public static TheoryData<string, string[]> DoesNotThrowAssertions => new()
    {
        { "xUnit v2", ["var exception = Record.Exception(() => _service.Delete(1));", "Assert.Null(exception);"] },
        { "xUnit v3", ["var exception = Record.Exception(() => _service.Delete(1));", "Assert.Null(exception);"] },
        { "NUnit", ["Assert.DoesNotThrow(() => _service.Delete(1));"] },
        { "xUnit + FluentAssertions", ["FluentActions.Invoking(() => _service.Delete(1)).Should().NotThrow();"] },
        { "NUnit + Shouldly", ["Should.NotThrow(() => _service.Delete(1));"] },
    };

    [Theory]
    [MemberData(nameof(DoesNotThrowAssertions))]
    public Task Void_call_is_asserted_not_to_throw(string flavor, string[] assertion) =>
        FixFlavorAsync(flavor, "public void Name()", ["_service.Delete(1);"], assertion);

    public static TheoryData<string, string[]> DoesNotThrowAsyncAssertions => new()
    {
        { "xUnit v2", ["var exception = await Record.ExceptionAsync(() => _service.DeleteAsync(1));", "Assert.Null(exception);"] },
        { "xUnit v3", ["var exception = await Record.ExceptionAsync(() => _service.DeleteAsync(1));", "Assert.Null(exception);"] },
        { "NUnit", ["await Assert.ThatAsync(() => _service.DeleteAsync(1), Throws.Nothing);"] },
        { "xUnit + FluentAssertions", ["await FluentActions.Awaiting(() => _service.DeleteAsync(1)).Should().NotThrowAsync();"] },
        { "NUnit + Shouldly", ["await Should.NotThrowAsync(() => _service.DeleteAsync(1));"] },
    };

    [Theory]
    [MemberData(nameof(DoesNotThrowAsyncAssertions))]
    public Task Awaited_task_is_asserted_not_to_throw_and_the_lambda_returns_the_task(string flavor, string[] assertion) =>
        FixFlavorAsync(flavor, "public async Task Name()", ["await _service.DeleteAsync(1);"], assertion);

    [Theory]
    [MemberData(nameof(DoesNotThrowAsyncAssertions))]
    public Task Task_that_was_not_awaited_is_awaited_by_the_assertion(string flavor, string[] assertion) =>
        FixFlavorAsync(flavor, "public async Task Name()", ["_service.DeleteAsync(1);"], assertion);

    public static TheoryData<string, string[]> ValueTypeFallbacks => new()
    {
        { "xUnit v2", ["var exception = Record.Exception(() => _service.Count());", "Assert.Null(exception);"] },
        { "xUnit v3", ["var exception = Record.Exception(() => _service.Count());", "Assert.Null(exception);"] },
        { "NUnit", ["Assert.DoesNotThrow(() => _service.Count());"] },
        { "xUnit + FluentAssertions", ["FluentActions.Invoking(() => _service.Count()).Should().NotThrow();"] },
        { "NUnit + Shouldly", ["Should.NotThrow(() => _service.Count());"] },
    };

    [Theory]
    [MemberData(nameof(ValueTypeFallbacks))]
    public Task Int_result_has_no_honest_expectation_so_the_call_is_asserted_not_to_throw(string flavor, string[] assertion) =>
        FixFlavorAsync(flavor, "public void Name()", ["_service.Count();"], assertion);

    [Theory]
    [MemberData(nameof(ValueTypeFallbacks))]
    public Task Int_local_declared_last_becomes_a_does_not_throw_check_of_its_initializer(string flavor, string[] assertion) =>
        FixFlavorAsync(flavor, "public void Name()", ["var count = _service.Count();"], assertion);

    [Fact]
    public Task Discarded_value_is_captured_instead() =>
        FixFlavorAsync(
            "xUnit v3",
            "public async Task Name()",
            ["_ = _service.Count();", "_ = await _service.FindAsync(1);"],
            ["_ = _service.Count();", "var result = await _service.FindAsync(1);", "Assert.NotNull(result);"]);

    [Fact]
    public Task ConfigureAwait_is_kept_inside_an_async_lambda() =>
        FixFlavorAsync(
            "xUnit + FluentAssertions",
            "public async Task Name()",
            ["await _service.DeleteAsync(1).ConfigureAwait(false);"],
            ["await FluentActions.Awaiting(async () => await _service.DeleteAsync(1).ConfigureAwait(false)).Should().NotThrowAsync();"]);

    [Fact]
    public Task ValueTask_is_awaited_inside_an_async_lambda() =>
        FixFlavorAsync(
            "xUnit v2",
            "public async Task Name()",
            ["await _service.PingAsync();"],
            ["var exception = await Record.ExceptionAsync(async () => await _service.PingAsync());", "Assert.Null(exception);"]);

    [Fact]
    public Task Constructor_call_is_asserted_not_to_throw_as_new_is_never_null() =>
        FixFlavorAsync(
            "NUnit",
            "public void Name()",
            ["new UserService();"],
            ["Assert.DoesNotThrow(() => new UserService());"]);

    [Fact]
    public Task NUnit_checks_a_task_without_an_async_method() =>
        // Assert.DoesNotThrowAsync waits for the task itself, so the test need not become async.
        FixFlavorAsync(
            "NUnit",
            "public void Name()",
            ["_service.DeleteAsync(1);"],
            ["Assert.DoesNotThrowAsync(() => _service.DeleteAsync(1));"]);

    [Fact]
    public Task Unconstrained_type_parameter_is_asserted_not_to_throw() =>
        // `T` may be a value type: a not-null check would not be honest for every T.
        Fix(/* lang=c#-test */ """
            using NUnit.Framework;
            using Shop;

            public class EchoTests
            {
                [TestCase(1)]
                [TestCase("Ada")]
                public void [|Echo_works|]<T>(T value)
                {
                    new UserService().Echo(value);
                }
            }
            """, ReferenceSet.NUnit)
            .ShouldFix(/* lang=c#-test */ """
            using NUnit.Framework;
            using Shop;

            public class EchoTests
            {
                [TestCase(1)]
                [TestCase("Ada")]
                public void Echo_works<T>(T value)
                {
                    Assert.DoesNotThrow(() => new UserService().Echo(value));
                }
            }
            """)
            .RunAsync();

    // ---- MSTest has no DoesNotThrow: try/catch + Assert.Fail ----

    [Fact]
    public Task MSTest_wraps_a_void_call_in_try_catch_and_imports_System() =>
        Fix(/* lang=c#-test */ """
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class UserTests
            {
                [TestMethod]
                public void [|Delete_works|]()
                {
                    var service = new UserService();
                    // Act
                    service.Delete(1);
                }
            }
            """, ReferenceSet.MSTest)
            .ShouldFix(/* lang=c#-test */ """
            using System;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class UserTests
            {
                [TestMethod]
                public void Delete_works()
                {
                    var service = new UserService();
                    // Act
                    try
                    {
                        service.Delete(1);
                    }
                    catch (Exception ex)
                    {
                        Assert.Fail($"Expected no exception, but got {ex.GetType().Name}: {ex.Message}");
                    }
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task MSTest_awaits_inside_try_and_keeps_the_statement_layout() =>
        Fix(/* lang=c#-test */ """
            using System;
            using System.Threading.Tasks;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class UserTests
            {
                [TestMethod]
                public async Task [|Delete_works|]()
                {
                    var ex = new UserService();
                    await ex
                        .WithName("Ada")
                        .DeleteAsync(1);
                }
            }
            """, ReferenceSet.MSTest)
            .ShouldFix(/* lang=c#-test */ """
            using System;
            using System.Threading.Tasks;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class UserTests
            {
                [TestMethod]
                public async Task Delete_works()
                {
                    var ex = new UserService();
                    try
                    {
                        await ex
                            .WithName("Ada")
                            .DeleteAsync(1);
                    }
                    catch (Exception ex2)
                    {
                        Assert.Fail($"Expected no exception, but got {ex2.GetType().Name}: {ex2.Message}");
                    }
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task MSTest_keeps_ref_arguments_as_the_call_stays_a_statement() =>
        Fix(/* lang=c#-test */ """
            using System;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class UserTests
            {
                [TestMethod]
                public void [|Update_works|]()
                {
                    var version = 1;
                    new UserService().Update(ref version);
                }
            }
            """, ReferenceSet.MSTest)
            .ShouldFix(/* lang=c#-test */ """
            using System;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class UserTests
            {
                [TestMethod]
                public void Update_works()
                {
                    var version = 1;
                    try
                    {
                        new UserService().Update(ref version);
                    }
                    catch (Exception ex)
                    {
                        Assert.Fail($"Expected no exception, but got {ex.GetType().Name}: {ex.Message}");
                    }
                }
            }
            """)
            .RunAsync();

    // ---- TUnit: every assertion is awaited ----

    [Fact]
    public Task TUnit_async_tests_get_awaited_assertions() =>
        Fix(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Shop;
            using TUnit.Core;

            public class UserTests
            {
                private readonly UserService _service = new();

                [Test]
                public async Task [|Find_works|]()
                {
                    await _service.FindAsync(1);
                }

                [Test]
                public async Task [|Exists_works|]()
                {
                    var exists = await _service.ExistsAsync(1);
                }

                [Test]
                public async Task [|Delete_works|]()
                {
                    await _service.DeleteAsync(1);
                }

                [Test]
                public async Task [|Delete_sync_works|]()
                {
                    _service.Delete(1);
                }
            }
            """, ReferenceSet.Net)
            .WithSource("TUnit.cs", TUnitDeclarations)
            .ShouldFix(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Shop;
            using TUnit.Assertions;
            using TUnit.Assertions.Extensions;
            using TUnit.Core;

            public class UserTests
            {
                private readonly UserService _service = new();

                [Test]
                public async Task Find_works()
                {
                    var result = await _service.FindAsync(1);
                    await Assert.That(result).IsNotNull();
                }

                [Test]
                public async Task Exists_works()
                {
                    var exists = await _service.ExistsAsync(1);
                    await Assert.That(exists).IsTrue();
                }

                [Test]
                public async Task Delete_works()
                {
                    await Assert.That(() => _service.DeleteAsync(1)).ThrowsNothing();
                }

                [Test]
                public async Task Delete_sync_works()
                {
                    await Assert.That(() => _service.Delete(1)).ThrowsNothing();
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task TUnit_test_that_is_not_async_gets_no_fix() =>
        Fix(/* lang=c#-test */ """
            using Shop;
            using TUnit.Core;

            public class UserTests
            {
                // No fix: a TUnit assertion must be awaited, and the method is not async.
                [Test]
                public void [|Find_works|]()
                {
                    new UserService().Find(1);
                }
            }
            """, ReferenceSet.Net)
            .WithSource("TUnit.cs", TUnitDeclarations)
            .ExpectNoFix()
            .RunAsync();

    // ---- Usings: added where the file keeps them, never ambiguous ----

    [Fact]
    public Task Using_is_added_in_sorted_position() =>
        Fix(/* lang=c#-test */ """
            using System.Linq;
            using Shop;

            public class UserTests
            {
                [Xunit.Fact]
                public void [|Find_works|]()
                {
                    new UserService().Find(1);
                }
            }
            """, ReferenceSet.XunitV2)
            .ShouldFix(/* lang=c#-test */ """
            using System.Linq;
            using Shop;
            using Xunit;

            public class UserTests
            {
                [Xunit.Fact]
                public void Find_works()
                {
                    var result = new UserService().Find(1);
                    Assert.NotNull(result);
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Using_is_added_to_a_file_without_usings_after_its_header() =>
        Fix(/* lang=c#-test */ """
            // Copyright (c) Shop.

            namespace Shop.Tests;

            public class UserTests
            {
                [NUnit.Framework.Test]
                public void [|Find_works|]()
                {
                    new UserService().Find(1);
                }
            }
            """, ReferenceSet.NUnit)
            .ShouldFix(/* lang=c#-test */ """
            // Copyright (c) Shop.

            using NUnit.Framework;

            namespace Shop.Tests;

            public class UserTests
            {
                [NUnit.Framework.Test]
                public void Find_works()
                {
                    var result = new UserService().Find(1);
                    Assert.That(result, Is.Not.Null);
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Using_is_added_inside_the_namespace_when_the_file_keeps_them_there() =>
        Fix(/* lang=c#-test */ """
            namespace Shop.Tests
            {
                using Shop;

                public class UserTests
                {
                    [Xunit.Fact]
                    public void [|Exists_works|]()
                    {
                        new UserService().Exists(1);
                    }
                }
            }
            """, ReferenceSet.XunitV3)
            .ShouldFix(/* lang=c#-test */ """
            namespace Shop.Tests
            {
                using Shop;
                using Xunit;

                public class UserTests
                {
                    [Xunit.Fact]
                    public void Exists_works()
                    {
                        var result = new UserService().Exists(1);
                        Assert.True(result);
                    }
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Using_added_first_leaves_the_file_header_on_top() =>
        Fix(/* lang=c#-test */ """
            // Copyright (c) Shop.
            #nullable enable
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class UserTests
            {
                [TestMethod]
                public void [|Delete_works|]()
                {
                    new UserService().Delete(1);
                }
            }
            """, ReferenceSet.MSTest)
            .ShouldFix(/* lang=c#-test */ """
            // Copyright (c) Shop.
            #nullable enable
            using System;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class UserTests
            {
                [TestMethod]
                public void Delete_works()
                {
                    try
                    {
                        new UserService().Delete(1);
                    }
                    catch (Exception ex)
                    {
                        Assert.Fail($"Expected no exception, but got {ex.GetType().Name}: {ex.Message}");
                    }
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Names_are_qualified_when_a_new_using_would_make_other_code_ambiguous() =>
        // `using NUnit.Framework;` would make the file's own `TestContext` ambiguous (CS0104).
        Fix(/* lang=c#-test */ """
            using Helpers;
            using Shop;

            public class UserTests
            {
                private readonly TestContext _context = new();

                [NUnit.Framework.Test]
                public void [|Find_works|]()
                {
                    new UserService().Find(1);
                }
            }

            namespace Helpers
            {
                public sealed class TestContext { }
            }
            """, ReferenceSet.NUnit)
            .ShouldFix(/* lang=c#-test */ """
            using Helpers;
            using Shop;

            public class UserTests
            {
                private readonly TestContext _context = new();

                [NUnit.Framework.Test]
                public void Find_works()
                {
                    var result = new UserService().Find(1);
                    NUnit.Framework.Assert.That(result, NUnit.Framework.Is.Not.Null);
                }
            }

            namespace Helpers
            {
                public sealed class TestContext { }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Global_using_counts_as_imported() =>
        Fix(/* lang=c#-test */ """
            using Shop;

            public class UserTests
            {
                [Fact]
                public void [|Find_works|]()
                {
                    new UserService().Find(1);
                }
            }
            """, ReferenceSet.XunitV2, ReferenceSet.FluentAssertions)
            .WithSource("GlobalUsings.cs", "global using FluentAssertions;\nglobal using Xunit;\n")
            .ShouldFix(/* lang=c#-test */ """
            using Shop;

            public class UserTests
            {
                [Fact]
                public void Find_works()
                {
                    var result = new UserService().Find(1);
                    result.Should().NotBeNull();
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Ambiguous_Assert_is_fully_qualified() =>
        Fix(/* lang=c#-test */ """
            using Helpers;
            using NUnit.Framework;
            using Shop;

            public class UserTests
            {
                [Test]
                public void [|Find_works|]()
                {
                    new UserService().Find(1);
                }
            }

            namespace Helpers
            {
                public static class Assert
                {
                    public static void Valid(object value) { }
                }
            }
            """, ReferenceSet.NUnit)
            .ShouldFix(/* lang=c#-test */ """
            using Helpers;
            using NUnit.Framework;
            using Shop;

            public class UserTests
            {
                [Test]
                public void Find_works()
                {
                    var result = new UserService().Find(1);
                    NUnit.Framework.Assert.That(result, Is.Not.Null);
                }
            }

            namespace Helpers
            {
                public static class Assert
                {
                    public static void Valid(object value) { }
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Member_that_hides_a_framework_type_is_not_used() =>
        Fix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests
            {
                private string Record { get; } = "";

                [Fact]
                public void [|Delete_works|]()
                {
                    new UserService().Delete(1);
                }
            }
            """, ReferenceSet.XunitV2)
            .ShouldFix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests
            {
                private string Record { get; } = "";

                [Fact]
                public void Delete_works()
                {
                    var exception = Xunit.Record.Exception(() => new UserService().Delete(1));
                    Assert.Null(exception);
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task File_that_uses_Shouldly_gets_Shouldly_in_a_project_with_both_libraries() =>
        Fix(/* lang=c#-test */ """
            using Shop;
            using Shouldly;
            using Xunit;

            public class UserTests
            {
                [Fact]
                public void [|Find_works|]()
                {
                    var user = new UserService().Find(1);
                }
            }
            """, ReferenceSet.XunitV2, ReferenceSet.FluentAssertions, ReferenceSet.Shouldly)
            .ShouldFix(/* lang=c#-test */ """
            using Shop;
            using Shouldly;
            using Xunit;

            public class UserTests
            {
                [Fact]
                public void Find_works()
                {
                    var user = new UserService().Find(1);
                    user.ShouldNotBeNull();
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task FluentAssertions_namespace_is_imported_for_its_extension_methods() =>
        Fix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests
            {
                [Fact]
                public void [|Exists_works|]()
                {
                    new UserService().Exists(1);
                }
            }
            """, ReferenceSet.XunitV2, ReferenceSet.FluentAssertions)
            .ShouldFix(/* lang=c#-test */ """
            using FluentAssertions;
            using Shop;
            using Xunit;

            public class UserTests
            {
                [Fact]
                public void Exists_works()
                {
                    var result = new UserService().Exists(1);
                    result.Should().BeTrue();
                }
            }
            """)
            .RunAsync();

    // ---- Layout ----

    [Fact]
    public Task Expression_bodied_test_becomes_a_block() =>
        Fix(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Shop;
            using Xunit;

            public class UserTests
            {
                private readonly UserService _service = new();

                [Fact]
                public void [|Delete_works|]() => _service.Delete(1);

                [Fact]
                public async Task [|DeleteAsync_works|]() => await _service.DeleteAsync(1);
            }
            """, ReferenceSet.XunitV2)
            .ShouldFix(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Shop;
            using Xunit;

            public class UserTests
            {
                private readonly UserService _service = new();

                [Fact]
                public void Delete_works()
                {
                    var exception = Record.Exception(() => _service.Delete(1));
                    Assert.Null(exception);
                }

                [Fact]
                public async Task DeleteAsync_works()
                {
                    var exception = await Record.ExceptionAsync(() => _service.DeleteAsync(1));
                    Assert.Null(exception);
                }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Comments_stay_with_their_statements() =>
        FixFlavorAsync(
            "xUnit v2",
            "public void Name()",
            ["// Arrange", "var id = 1;", "", "// Act", "_service.Find(id); // the call under test"],
            ["// Arrange", "var id = 1;", "", "// Act", "var result = _service.Find(id); // the call under test", "Assert.NotNull(result);"]);

    [Fact]
    public Task Single_line_body_stays_on_one_line() =>
        Fix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests
            {
                [Fact]
                public void [|Delete_works|]() { new UserService().Delete(1); }
            }
            """, ReferenceSet.XunitV2)
            .ShouldFix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests
            {
                [Fact]
                public void Delete_works() { var exception = Record.Exception(() => new UserService().Delete(1)); Assert.Null(exception); }
            }
            """)
            .RunAsync();

    [Fact]
    public Task Indentation_comes_from_editorconfig_when_the_file_shows_none() =>
        Fix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests { [Fact] public void [|Delete_works|]() => new UserService().Delete(1); }
            """, ReferenceSet.XunitV2)
            .WithEditorConfig("indent_size = 2")
            .ShouldFix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests { [Fact] public void Delete_works()
            {
              var exception = Record.Exception(() => new UserService().Delete(1));
              Assert.Null(exception);
            } }
            """)
            .RunAsync();

    [Fact]
    public Task Tab_indented_file_gets_tabs() =>
        Fix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests
            {
            	[Fact]
            	public void [|Find_works|]()
            	{
            		new UserService().Find(1);
            	}
            }
            """, ReferenceSet.XunitV2)
            .ShouldFix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests
            {
            	[Fact]
            	public void Find_works()
            	{
            		var result = new UserService().Find(1);
            		Assert.NotNull(result);
            	}
            }
            """)
            .RunAsync();

    [Fact]
    public Task Captured_local_gets_a_free_name() =>
        FixFlavorAsync(
            "xUnit v2",
            "public void Name()",
            ["var result = _service.Count();", "var exception = result + 1;", "_service.Find(exception);"],
            ["var result = _service.Count();", "var exception = result + 1;", "var result2 = _service.Find(exception);", "Assert.NotNull(result2);"]);

    [Fact]
    public Task Assertion_goes_before_a_final_return_and_before_local_functions() =>
        Fix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests
            {
                [Fact]
                public void [|Find_works|]()
                {
                    var user = Load();
                    if (user is null)
                    {
                        return;
                    }

                    return;

                    static User? Load() => new UserService().Find(1);
                }

                [Fact]
                public void [|Delete_works|]()
                {
                    Delete();

                    static void Delete() => new UserService().Delete(1);
                }
            }
            """, ReferenceSet.XunitV2)
            .ShouldFix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests
            {
                [Fact]
                public void Find_works()
                {
                    var user = Load();
                    if (user is null)
                    {
                        return;
                    }

                    Assert.NotNull(user);
                    return;

                    static User? Load() => new UserService().Find(1);
                }

                [Fact]
                public void Delete_works()
                {
                    var exception = Record.Exception(() => Delete());
                    Assert.Null(exception);

                    static void Delete() => new UserService().Delete(1);
                }
            }
            """)
            .RunAsync();

    // ---- No fix ----

    [Fact]
    public Task No_fix_when_there_is_nothing_to_assert_on() =>
        Fix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests
            {
                private int _calls;

                // No fix: an empty test is the developer's to write.
                [Fact]
                public void [|Empty|]()
                {
                }

                // No fix: a lambda cannot take a ref argument along.
                [Fact]
                public void [|Update_works|]()
                {
                    var version = 1;
                    new UserService().Update(ref version);
                }

                // No fix: only constants and value types, nothing ran that could be checked.
                [Fact]
                public void [|Counts|]()
                {
                    var expected = "Ada";
                    var count = 3;
                    _calls = count;
                }
            }
            """, ReferenceSet.XunitV2)
            .ExpectNoFix()
            .RunAsync();

    [Fact]
    public Task No_fix_for_an_await_in_a_method_that_is_not_async() =>
        // Half-typed code: the developer has not added `async` yet; nothing can be promised.
        Fix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests
            {
                [Fact]
                public void [|Delete_works|]()
                {
                    await new UserService().DeleteAsync(1);
                }
            }
            """, ReferenceSet.XunitV2)
            .AllowCompilerErrors()
            .ExpectNoFix()
            .RunAsync();

    [Fact]
    public Task No_fix_and_no_exception_for_a_test_cut_off_mid_statement() =>
        Fix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests
            {
                [Fact]
                public void [|Find_works|]()
                {
                    var user = new UserService().Find(
                }
            }
            """, ReferenceSet.XunitV2)
            .AllowCompilerErrors()
            .ExpectNoFix()
            .RunAsync();

    [Fact]
    public Task No_fix_for_a_task_that_a_non_async_xunit_test_cannot_await() =>
        Fix(/* lang=c#-test */ """
            using Shop;
            using Xunit;

            public class UserTests
            {
                // No fix: awaiting needs an async method; blocking on the task could deadlock.
                [Fact]
                public void [|Delete_works|]()
                {
                    new UserService().DeleteAsync(1);
                }
            }
            """, ReferenceSet.XunitV2)
            .ExpectNoFix()
            .RunAsync();

    public static TheoryData<string> HalfTypedSamples => new()
    {
        /* lang=c#-test */ """
        using System.Threading.Tasks;
        using Shop;
        using Xunit;

        public class UserTests
        {
            private readonly UserService _service = new();

            [Fact]
            public async Task Find_works()
            {
                var user = await _service.FindAsync(1);
                _service.Delete(user!.Name.Length);
                await _service.DeleteAsync(1);
                _service.WithName("Ada").Exists(2);
            }
        }
        """,
        /* lang=c#-test */ """
        using System.Threading.Tasks;
        using Microsoft.VisualStudio.TestTools.UnitTesting;
        using Shop;

        [TestClass]
        public class UserTests
        {
            [TestMethod]
            public async Task Find_works()
            {
                var version = 1;
                new UserService().Update(ref version);
                await new UserService().PingAsync();
                var count = new UserService().Count();
            }
        }
        """,
    };

    /// <summary>
    /// The IDE runs the fix on every keystroke: cut the sample after each token of the test body
    /// (closing the braces, as an editor would show it) and check that whatever fix is offered
    /// adds no compiler error, and that nothing throws.
    /// </summary>
    [Theory]
    [MemberData(nameof(HalfTypedSamples))]
    public async Task Half_typed_test_never_gets_a_fix_that_adds_errors(string sample)
    {
        var references = sample.Contains("Microsoft.VisualStudio", StringComparison.Ordinal)
            ? ReferenceSet.Combine([ReferenceSet.MSTest])
            : ReferenceSet.Combine([ReferenceSet.XunitV2]);
        var bodyStart = sample.IndexOf("    {\n        ", sample.IndexOf("Find_works", StringComparison.Ordinal), StringComparison.Ordinal);
        var bodyEnd = sample.LastIndexOf("    }", sample.LastIndexOf('}') - 1, StringComparison.Ordinal);
        var tree = CSharpSyntaxTree.ParseText(sample);
        var cuts = tree.GetRoot().DescendantTokens()
            .Select(token => token.Span.End)
            .Where(end => end > bodyStart && end < bodyEnd)
            .ToList();
        Assert.NotEmpty(cuts);

        var fixer = new TestHasNoAssertionFixer();
        var offered = 0;
        foreach (var cut in cuts)
        {
            var text = sample.Substring(0, cut) + "\n    }\n}\n";
            using var workspace = new AdhocWorkspace();
            var project = TestWorkspace.CreateProject(
                workspace,
                [TestSource.Parse("Test0.cs", text), TestSource.Parse("Shop.cs", Shop)],
                string.Empty,
                references,
                LanguageVersion.Latest,
                OutputKind.DynamicallyLinkedLibrary);
            var errorsBefore = ErrorKeys(await TestWorkspace.GetCompilerDiagnosticsAsync(project));
            foreach (var diagnostic in await TestWorkspace.GetAnalyzerDiagnosticsAsync(project, new TestHasNoAssertionAnalyzer()))
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree!)!;
                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), default));
                foreach (var action in actions)
                {
                    offered++;
                    var operation = (await action.GetOperationsAsync(default)).OfType<ApplyChangesOperation>().Single();
                    var fixedProject = operation.ChangedSolution.GetProject(project.Id)!;
                    var added = ErrorKeys(await TestWorkspace.GetCompilerDiagnosticsAsync(fixedProject));
                    foreach (var error in errorsBefore)
                    {
                        added.Remove(error);
                    }

                    var fixedText = (await fixedProject.GetDocument(document.Id)!.GetTextAsync()).ToString();
                    Assert.True(added.Count == 0, $"The fix of\n{text}\nadds {string.Join(", ", added)}:\n{fixedText}");
                }
            }
        }

        // The complete prefixes (cut after a statement) do get fixes: the sweep is not vacuous.
        Assert.True(offered > 0);
    }

    private static List<string> ErrorKeys(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.Id + ": " + d.GetMessage(CultureInfo.InvariantCulture))
            .ToList();

    [Fact]
    public async Task Fixer_base_offers_nothing_instead_of_throwing_but_lets_cancellation_through()
    {
        using var workspace = new AdhocWorkspace();
        var project = TestWorkspace.CreateProject(
            workspace, [TestSource.Parse("Test0.cs", "class C { void M() { } }")], string.Empty, ReferenceSet.Combine([]), LanguageVersion.Latest, OutputKind.DynamicallyLinkedLibrary);
        var document = project.Documents.Single();
        var tree = (await document.GetSyntaxTreeAsync())!;
        var diagnostic = Diagnostic.Create(Descriptors.GK2001_TestHasNoAssertion, Location.Create(tree, new TextSpan(15, 1)), "M");

        var registered = 0;
        await new ThrowingFixer(new InvalidOperationException("bug")).RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (_, _) => registered++, default));
        Assert.Equal(0, registered);
        Assert.Same(WellKnownFixAllProviders.BatchFixer, new ThrowingFixer(new InvalidOperationException()).GetFixAllProvider());
        Assert.Equal("GK2001", Assert.Single(new ThrowingFixer(new InvalidOperationException()).FixableDiagnosticIds));

        await Assert.ThrowsAsync<OperationCanceledException>(
            () => new ThrowingFixer(new OperationCanceledException()).RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (_, _) => registered++, default)));
    }

    private sealed class ThrowingFixer(Exception exception) : GkCodeFixProvider(RuleIds.TestHasNoAssertion)
    {
        protected override Task RegisterFixesAsync(CodeFixContext context) => throw exception;
    }

    // ---- FixAll ----

    [Fact]
    public Task FixAll_in_a_document_fixes_every_test_and_adds_each_using_once() =>
        Fix(/* lang=c#-test */ """
            using System.Threading.Tasks;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class UserTests
            {
                private readonly UserService _service = new();

                [TestMethod]
                public void [|Find_works|]()
                {
                    _service.Find(1);
                }

                [TestMethod]
                public void [|Delete_works|]()
                {
                    _service.Delete(1);
                }

                [TestMethod]
                public async Task [|DeleteAsync_works|]()
                {
                    await _service.DeleteAsync(1);
                }
            }
            """, ReferenceSet.MSTest)
            .ShouldFix(/* lang=c#-test */ """
            using System;
            using System.Threading.Tasks;
            using Microsoft.VisualStudio.TestTools.UnitTesting;
            using Shop;

            [TestClass]
            public class UserTests
            {
                private readonly UserService _service = new();

                [TestMethod]
                public void Find_works()
                {
                    var result = _service.Find(1);
                    Assert.IsNotNull(result);
                }

                [TestMethod]
                public void Delete_works()
                {
                    try
                    {
                        _service.Delete(1);
                    }
                    catch (Exception ex)
                    {
                        Assert.Fail($"Expected no exception, but got {ex.GetType().Name}: {ex.Message}");
                    }
                }

                [TestMethod]
                public async Task DeleteAsync_works()
                {
                    try
                    {
                        await _service.DeleteAsync(1);
                    }
                    catch (Exception ex)
                    {
                        Assert.Fail($"Expected no exception, but got {ex.GetType().Name}: {ex.Message}");
                    }
                }
            }
            """)
            .RunAsync();

    private const string FirstTestFile = /* lang=c#-test */ """
        using Shop;

        public class FindTests
        {
            [Xunit.Fact]
            public void [|Find_works|]()
            {
                new UserService().Find(1);
            }

            [Xunit.Fact]
            public void [|Exists_works|]()
            {
                new UserService().Exists(1);
            }
        }
        """;

    private const string SecondTestFile = /* lang=c#-test */ """
        using Shop;
        using Xunit;

        public class DeleteTests
        {
            [Fact]
            public void [|Delete_works|]()
            {
                new UserService().Delete(1);
            }
        }
        """;

    private const string FirstTestFileFixed = /* lang=c#-test */ """
        using Shop;
        using Xunit;

        public class FindTests
        {
            [Xunit.Fact]
            public void Find_works()
            {
                var result = new UserService().Find(1);
                Assert.NotNull(result);
            }

            [Xunit.Fact]
            public void Exists_works()
            {
                var result = new UserService().Exists(1);
                Assert.True(result);
            }
        }
        """;

    private const string SecondTestFileFixed = /* lang=c#-test */ """
        using Shop;
        using Xunit;

        public class DeleteTests
        {
            [Fact]
            public void Delete_works()
            {
                var exception = Record.Exception(() => new UserService().Delete(1));
                Assert.Null(exception);
            }
        }
        """;

    [Theory]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task FixAll_across_documents(FixAllScope scope) =>
        Fix(FirstTestFile, ReferenceSet.XunitV2)
            .WithSource("Test1.cs", SecondTestFile)
            .ShouldFix(("Test0.cs", FirstTestFileFixed), ("Test1.cs", SecondTestFileFixed))
            .ShouldFixAll(scope, ("Test0.cs", FirstTestFileFixed), ("Test1.cs", SecondTestFileFixed))
            .RunAsync();
}
