using System.Collections.Generic;
using System.Linq;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.CodeFixes.Rules;

/// <summary>What the inserted assertion checks.</summary>
internal enum AssertionKind
{
    /// <summary>The value (a reference or a <c>Nullable&lt;T&gt;</c>) is not null.</summary>
    NotNull,

    /// <summary>The <c>bool</c> value is true.</summary>
    IsTrue,

    /// <summary>A synchronous call does not throw.</summary>
    DoesNotThrow,

    /// <summary>An awaitable call does not throw (or fault).</summary>
    DoesNotThrowAsync,
}

/// <summary>The parts of a plan an assertion template needs.</summary>
internal interface IAssertionSubject
{
    /// <summary>The local the assertion checks (<see cref="AssertionKind.NotNull"/>, <see cref="AssertionKind.IsTrue"/>).</summary>
    string ValueName { get; }

    /// <summary>
    /// A lambda that runs the call: <c>() =&gt; call</c>, or for an awaitable
    /// <c>() =&gt; task</c> (a <c>Task</c>) / <c>async () =&gt; await awaitable</c> (anything else).
    /// The call itself is the placeholder <see cref="AssertionTemplates.Operand"/>.
    /// </summary>
    string Lambda { get; }

    /// <summary>
    /// True when the statement being checked already performs the whole call (awaited if
    /// awaitable), so a <c>try</c> block can hold it unchanged.
    /// </summary>
    bool StatementPerformsCall { get; }

    /// <summary>True when the test method is async (the assertion may await).</summary>
    bool InAsyncMethod { get; }

    /// <summary>A local name based on <paramref name="baseName"/> that clashes with nothing; stable per base name.</summary>
    string FreeName(string baseName);
}

/// <summary>Placeholders in templates, replaced by the developer's own syntax after parsing.</summary>
internal static class AssertionTemplates
{
    /// <summary>Stands for the call (or the awaitable) being checked.</summary>
    public const string Operand = "__gk_operand__";

    /// <summary>Stands for the developer's statement, moved unchanged into the generated code.</summary>
    public const string Statement = "__gk_statement__();";
}

/// <summary>
/// How one test framework or assertion library spells each <see cref="AssertionKind"/>.
/// A template is one statement; lines are separated by '\n' and each leading '\t' is one level of
/// indentation relative to the statement (the editor applies the document's own indentation).
/// </summary>
internal abstract class AssertionDialect
{
    private const string Xunit = "Xunit";
    private const string NUnitFramework = "NUnit.Framework";
    private const string MSTestFramework = "Microsoft.VisualStudio.TestTools.UnitTesting";
    private const string ShouldlyNamespace = "Shouldly";
    private const string TUnitAssertions = "TUnit.Assertions";
    private const string TUnitAssertionExtensions = "TUnit.Assertions.Extensions";

    /// <summary>
    /// The dialect for a test framework and assertion library (diagnostic property values), or null
    /// when unknown. <paramref name="fluentNamespace"/> is FluentAssertions' root namespace
    /// (<c>AwesomeAssertions</c> for its fork, same API).
    /// </summary>
    public static AssertionDialect? For(string? framework, string library, string fluentNamespace, Compilation compilation)
    {
        switch (library)
        {
            case AssertionLibraryNames.FluentAssertions:
                return new FluentAssertions(fluentNamespace);
            case AssertionLibraryNames.Shouldly:
                return Shouldly.Instance;
        }

        return framework switch
        {
            TestFrameworkNames.XunitV2 or TestFrameworkNames.XunitV3 => XunitAssert.Instance,
            TestFrameworkNames.NUnit => new NUnit(HasMember(compilation, NUnitFramework + ".Assert", "ThatAsync")),
            TestFrameworkNames.MSTest => MSTest.Instance,
            TestFrameworkNames.TUnit => TUnit.Instance,
            _ => null,
        };
    }

    /// <summary>True when the statements for <paramref name="kind"/> contain an <c>await</c>.</summary>
    public abstract bool NeedsAsyncMethod(AssertionKind kind);

    /// <summary>True when the does-not-throw forms move the call into a lambda (everything but MSTest's try/catch).</summary>
    public virtual bool MovesCallIntoLambda => true;

    public abstract IReadOnlyList<string> Write(AssertionKind kind, IAssertionSubject subject, ITypeNames names);

    private static bool HasMember(Compilation compilation, string typeName, string member) =>
        compilation.GetTypesByMetadataName(typeName).Any(type => !type.GetMembers(member).IsEmpty);

    private sealed class XunitAssert : AssertionDialect
    {
        public static readonly XunitAssert Instance = new();

        public override bool NeedsAsyncMethod(AssertionKind kind) => kind == AssertionKind.DoesNotThrowAsync;

        public override IReadOnlyList<string> Write(AssertionKind kind, IAssertionSubject subject, ITypeNames names)
        {
            var assert = names.Type(Xunit, "Assert");
            switch (kind)
            {
                case AssertionKind.NotNull:
                    return new[] { $"{assert}.NotNull({subject.ValueName});" };
                case AssertionKind.IsTrue:
                    return new[] { $"{assert}.True({subject.ValueName});" };
                default:
                    var record = names.Type(Xunit, "Record");
                    var exception = subject.FreeName("exception");
                    var capture = kind == AssertionKind.DoesNotThrow
                        ? $"var {exception} = {record}.Exception({subject.Lambda});"
                        : $"var {exception} = await {record}.ExceptionAsync({subject.Lambda});";
                    return new[] { capture, $"{assert}.Null({exception});" };
            }
        }
    }

    private sealed class NUnit : AssertionDialect
    {
        private readonly bool _hasThatAsync;

        public NUnit(bool hasThatAsync)
        {
            _hasThatAsync = hasThatAsync;
        }

        // Assert.DoesNotThrowAsync waits for the task itself: no await needed.
        public override bool NeedsAsyncMethod(AssertionKind kind) => false;

        public override IReadOnlyList<string> Write(AssertionKind kind, IAssertionSubject subject, ITypeNames names)
        {
            var assert = names.Type(NUnitFramework, "Assert");
            switch (kind)
            {
                case AssertionKind.NotNull:
                    return new[] { $"{assert}.That({subject.ValueName}, {names.Type(NUnitFramework, "Is")}.Not.Null);" };
                case AssertionKind.IsTrue:
                    return new[] { $"{assert}.That({subject.ValueName}, {names.Type(NUnitFramework, "Is")}.True);" };
                case AssertionKind.DoesNotThrow:
                    return new[] { $"{assert}.DoesNotThrow({subject.Lambda});" };
                default:
                    // In an async test the awaited form (NUnit 4) keeps the method's await; a blocking
                    // DoesNotThrowAsync there would leave an async method without await (CS1998).
                    return subject.InAsyncMethod && _hasThatAsync
                        ? new[] { $"await {assert}.ThatAsync({subject.Lambda}, {names.Type(NUnitFramework, "Throws")}.Nothing);" }
                        : new[] { $"{assert}.DoesNotThrowAsync({subject.Lambda});" };
            }
        }
    }

    private sealed class MSTest : AssertionDialect
    {
        public static readonly MSTest Instance = new();

        public override bool NeedsAsyncMethod(AssertionKind kind) => kind == AssertionKind.DoesNotThrowAsync;

        // MSTest has no DoesNotThrow: the call stays a statement inside try/catch, so ref and
        // out arguments, ref locals and spans need no lambda.
        public override bool MovesCallIntoLambda => false;

        public override IReadOnlyList<string> Write(AssertionKind kind, IAssertionSubject subject, ITypeNames names)
        {
            var assert = names.Type(MSTestFramework, "Assert");
            switch (kind)
            {
                case AssertionKind.NotNull:
                    return new[] { $"{assert}.IsNotNull({subject.ValueName});" };
                case AssertionKind.IsTrue:
                    return new[] { $"{assert}.IsTrue({subject.ValueName});" };
                default:
                    var call = subject.StatementPerformsCall
                        ? AssertionTemplates.Statement
                        : $"await {AssertionTemplates.Operand};";
                    var exceptionType = names.Type("System", "Exception");
                    var ex = subject.FreeName("ex");
                    return new[]
                    {
                        "try\n{\n\t" + call + "\n}\n"
                        + $"catch ({exceptionType} {ex})\n{{\n"
                        + $"\t{assert}.Fail($\"Expected no exception, but got {{{ex}.GetType().Name}}: {{{ex}.Message}}\");\n}}",
                    };
            }
        }
    }

    private sealed class TUnit : AssertionDialect
    {
        public static readonly TUnit Instance = new();

        // Every TUnit assertion is awaited.
        public override bool NeedsAsyncMethod(AssertionKind kind) => true;

        public override IReadOnlyList<string> Write(AssertionKind kind, IAssertionSubject subject, ITypeNames names)
        {
            var assert = names.Type(TUnitAssertions, "Assert");
            names.ExtensionsFrom(TUnitAssertionExtensions);
            return kind switch
            {
                AssertionKind.NotNull => new[] { $"await {assert}.That({subject.ValueName}).IsNotNull();" },
                AssertionKind.IsTrue => new[] { $"await {assert}.That({subject.ValueName}).IsTrue();" },
                _ => new[] { $"await {assert}.That({subject.Lambda}).ThrowsNothing();" },
            };
        }
    }

    private sealed class FluentAssertions : AssertionDialect
    {
        private readonly string _namespace;

        public FluentAssertions(string ns)
        {
            _namespace = ns;
        }

        public override bool NeedsAsyncMethod(AssertionKind kind) => kind == AssertionKind.DoesNotThrowAsync;

        public override IReadOnlyList<string> Write(AssertionKind kind, IAssertionSubject subject, ITypeNames names)
        {
            names.ExtensionsFrom(_namespace);
            switch (kind)
            {
                case AssertionKind.NotNull:
                    return new[] { $"{subject.ValueName}.Should().NotBeNull();" };
                case AssertionKind.IsTrue:
                    return new[] { $"{subject.ValueName}.Should().BeTrue();" };
                case AssertionKind.DoesNotThrow:
                    // FluentActions.Invoking rather than `sut.Invoking(s => …)`: works for any call, static ones included.
                    return new[] { $"{names.Type(_namespace, "FluentActions")}.Invoking({subject.Lambda}).Should().NotThrow();" };
                default:
                    return new[] { $"await {names.Type(_namespace, "FluentActions")}.Awaiting({subject.Lambda}).Should().NotThrowAsync();" };
            }
        }
    }

    private sealed class Shouldly : AssertionDialect
    {
        public static readonly Shouldly Instance = new();

        public override bool NeedsAsyncMethod(AssertionKind kind) => kind == AssertionKind.DoesNotThrowAsync;

        public override IReadOnlyList<string> Write(AssertionKind kind, IAssertionSubject subject, ITypeNames names)
        {
            switch (kind)
            {
                case AssertionKind.NotNull:
                    names.ExtensionsFrom(ShouldlyNamespace);
                    return new[] { $"{subject.ValueName}.ShouldNotBeNull();" };
                case AssertionKind.IsTrue:
                    names.ExtensionsFrom(ShouldlyNamespace);
                    return new[] { $"{subject.ValueName}.ShouldBeTrue();" };
                case AssertionKind.DoesNotThrow:
                    return new[] { $"{names.Type(ShouldlyNamespace, "Should")}.NotThrow({subject.Lambda});" };
                default:
                    return new[] { $"await {names.Type(ShouldlyNamespace, "Should")}.NotThrowAsync({subject.Lambda});" };
            }
        }
    }
}
