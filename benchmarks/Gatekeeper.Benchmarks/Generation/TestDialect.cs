using System;

namespace Gatekeeper.Benchmarks.Generation;

/// <summary>How one test class writes its assertions: the framework's own asserts or FluentAssertions.</summary>
internal sealed class Asserts
{
    private readonly TestFramework _framework;
    private readonly bool _fluent;

    public Asserts(TestFramework framework, AssertionStyle style)
    {
        _framework = framework;
        _fluent = style == AssertionStyle.FluentAssertions;
    }

    public string Equal(string expected, string actual) => _fluent ? $"{actual}.Should().Be({expected});" : _framework switch
    {
        TestFramework.Xunit => $"Assert.Equal({expected}, {actual});",
        TestFramework.NUnit => $"Assert.That({actual}, Is.EqualTo({expected}));",
        _ => $"Assert.AreEqual({expected}, {actual});",
    };

    public string NotNull(string value) => _fluent ? $"{value}.Should().NotBeNull();" : _framework switch
    {
        TestFramework.Xunit => $"Assert.NotNull({value});",
        TestFramework.NUnit => $"Assert.That({value}, Is.Not.Null);",
        _ => $"Assert.IsNotNull({value});",
    };

    public string Null(string value) => _fluent ? $"{value}.Should().BeNull();" : _framework switch
    {
        TestFramework.Xunit => $"Assert.Null({value});",
        TestFramework.NUnit => $"Assert.That({value}, Is.Null);",
        _ => $"Assert.IsNull({value});",
    };

    public string True(string condition) => _fluent ? $"{condition}.Should().BeTrue();" : _framework switch
    {
        TestFramework.Xunit => $"Assert.True({condition});",
        TestFramework.NUnit => $"Assert.That({condition}, Is.True);",
        _ => $"Assert.IsTrue({condition});",
    };

    public string False(string condition) => _fluent ? $"{condition}.Should().BeFalse();" : _framework switch
    {
        TestFramework.Xunit => $"Assert.False({condition});",
        TestFramework.NUnit => $"Assert.That({condition}, Is.False);",
        _ => $"Assert.IsFalse({condition});",
    };

    public string IsType(string type, string value) => _fluent ? $"{value}.Should().BeOfType<{type}>();" : _framework switch
    {
        TestFramework.Xunit => $"Assert.IsType<{type}>({value});",
        TestFramework.NUnit => $"Assert.That({value}, Is.InstanceOf<{type}>());",
        _ => $"Assert.IsInstanceOfType<{type}>({value});",
    };

    public string Count(int count, string collection) => _fluent ? $"{collection}.Should().HaveCount({count});" : _framework switch
    {
        TestFramework.Xunit => $"Assert.Equal({count}, {collection}.Count);",
        TestFramework.NUnit => $"Assert.That({collection}, Has.Count.EqualTo({count}));",
        _ => $"Assert.AreEqual({count}, {collection}.Count);",
    };

    public string Empty(string collection) => _fluent ? $"{collection}.Should().BeEmpty();" : _framework switch
    {
        TestFramework.Xunit => $"Assert.Empty({collection});",
        TestFramework.NUnit => $"Assert.That({collection}, Is.Empty);",
        _ => $"Assert.AreEqual(0, {collection}.Count);",
    };

    public string Contains(string item, string collection) => _fluent ? $"{collection}.Should().Contain({item});" : _framework switch
    {
        TestFramework.Xunit => $"Assert.Contains({item}, {collection});",
        TestFramework.NUnit => $"Assert.That({collection}, Does.Contain({item}));",
        _ => $"CollectionAssert.Contains({collection}.ToList(), {item});",
    };

    /// <summary>Statements asserting that awaiting <paramref name="call"/> throws <paramref name="exception"/>.</summary>
    public string[] ThrowsAsync(string exception, string call) => _fluent
        ? [$"Func<Task> act = () => {call};", $"await act.Should().ThrowAsync<{exception}>();"]
        : _framework switch
        {
            TestFramework.Xunit => [$"await Assert.ThrowsAsync<{exception}>(() => {call});"],
            TestFramework.NUnit => [$"Assert.ThrowsAsync<{exception}>(async () => await {call});"],
            _ => [$"await Assert.ThrowsExactlyAsync<{exception}>(() => {call});"],
        };

    public string[] Throws(string exception, string call) => _fluent
        ? [$"Action act = () => {call};", $"act.Should().Throw<{exception}>();"]
        : _framework switch
        {
            TestFramework.Xunit => [$"Assert.Throws<{exception}>(() => {call});"],
            TestFramework.NUnit => [$"Assert.Throws<{exception}>(() => {call});"],
            _ => [$"Assert.ThrowsExactly<{exception}>(() => {call});"],
        };
}

/// <summary>How one test class creates, sets up and verifies its test doubles.</summary>
internal sealed class Mocks
{
    private readonly MockLibrary _library;

    public Mocks(MockLibrary library) => _library = library;

    public string Using => _library switch
    {
        MockLibrary.Moq => "using Moq;",
        MockLibrary.NSubstitute => "using NSubstitute;",
        _ => "using FakeItEasy;",
    };

    public string FieldType(string type) => _library == MockLibrary.Moq ? $"Mock<{type}>" : type;

    public string Create(string type) => _library switch
    {
        MockLibrary.Moq => $"new Mock<{type}>()",
        MockLibrary.NSubstitute => $"Substitute.For<{type}>()",
        _ => $"A.Fake<{type}>()",
    };

    public string Object(string field) => _library == MockLibrary.Moq ? field + ".Object" : field;

    public string Any(string type) => _library switch
    {
        MockLibrary.Moq => $"It.IsAny<{type}>()",
        MockLibrary.NSubstitute => $"Arg.Any<{type}>()",
        _ => $"A<{type}>._",
    };

    /// <summary>Arranges <c>field.call</c> to return <paramref name="value"/> (wrapped in a task when <paramref name="taskOf"/> names the task's type).</summary>
    public string Returns(string field, string call, string value, string? taskOf = null) => _library switch
    {
        MockLibrary.Moq => taskOf is null
            ? $"{field}.Setup(x => x.{call}).Returns({value});"
            : $"{field}.Setup(x => x.{call}).ReturnsAsync(({taskOf}){value});",
        MockLibrary.NSubstitute => $"{field}.{call}.Returns({Wrap(value, taskOf)});",
        _ => $"A.CallTo(() => {field}.{call}).Returns({Wrap(value, taskOf)});",
    };

    public string VerifyOnce(string field, string call) => _library switch
    {
        MockLibrary.Moq => $"{field}.Verify(x => x.{call}, Times.Once());",
        MockLibrary.NSubstitute => $"await {field}.Received(1).{call};",
        _ => $"A.CallTo(() => {field}.{call}).MustHaveHappenedOnceExactly();",
    };

    public string VerifyNever(string field, string call) => _library switch
    {
        MockLibrary.Moq => $"{field}.Verify(x => x.{call}, Times.Never());",
        MockLibrary.NSubstitute => $"await {field}.DidNotReceive().{call};",
        _ => $"A.CallTo(() => {field}.{call}).MustNotHaveHappened();",
    };

    private static string Wrap(string value, string? taskOf) =>
        taskOf is null ? value : $"Task.FromResult<{taskOf}>({value})";
}

/// <summary>The attributes and set-up hook of one test framework.</summary>
internal sealed class FrameworkSyntax
{
    private readonly TestFramework _framework;

    public FrameworkSyntax(TestFramework framework) => _framework = framework;

    public string Using => _framework switch
    {
        TestFramework.Xunit => "using Xunit;",
        TestFramework.NUnit => "using NUnit.Framework;",
        _ => "using Microsoft.VisualStudio.TestTools.UnitTesting;",
    };

    public string? ClassAttribute => _framework switch
    {
        TestFramework.Xunit => null,
        TestFramework.NUnit => "[TestFixture]",
        _ => "[TestClass]",
    };

    public string Test => _framework switch
    {
        TestFramework.Xunit => "[Fact]",
        TestFramework.NUnit => "[Test]",
        _ => "[TestMethod]",
    };

    /// <summary>The attribute of a parameterized test, or null when the framework needs none besides its cases (NUnit).</summary>
    public string? Parameterized => _framework switch
    {
        TestFramework.Xunit => "[Theory]",
        TestFramework.NUnit => null,
        _ => "[TestMethod]",
    };

    public string Case(string arguments) => _framework switch
    {
        TestFramework.Xunit => $"[InlineData({arguments})]",
        TestFramework.NUnit => $"[TestCase({arguments})]",
        _ => $"[DataRow({arguments})]",
    };

    public string BaseClass => _framework switch
    {
        TestFramework.Xunit => "XunitTestBase",
        TestFramework.NUnit => "NUnitTestBase",
        _ => "MSTestTestBase",
    };

    /// <summary>Set-up runs in the constructor for xUnit, in a hook method for NUnit and MSTest.</summary>
    public bool UsesConstructor => _framework == TestFramework.Xunit;

    public string SetUpAttribute => _framework == TestFramework.NUnit ? "[SetUp]" : "[TestInitialize]";

    public static string Name(TestFramework framework) => framework switch
    {
        TestFramework.Xunit => "Xunit",
        TestFramework.NUnit => "NUnit",
        TestFramework.MSTest => "MSTest",
        _ => throw new ArgumentOutOfRangeException(nameof(framework)),
    };
}
