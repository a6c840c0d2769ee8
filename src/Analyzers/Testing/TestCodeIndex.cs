using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Gatekeeper.Analyzers.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Testing;

/// <summary>
/// Answers "does this code run for tests?" for one compilation: test methods (skipped ones
/// included), and every member of a test class — a class that declares tests or derives from one,
/// an abstract base of test classes, a class marked <c>[TestFixture]</c> / <c>[TestClass]</c> /
/// <c>[SetUpFixture]</c>, a class with set-up hooks — and of xUnit fixtures (<c>IClassFixture&lt;T&gt;</c>,
/// <c>ICollectionFixture&lt;T&gt;</c>, <c>[assembly: AssemblyFixture]</c>), nested classes included.
/// Also answers whether such code says it belongs to an integration test.
/// The fixture and base-class relations need every class with a base list in the compilation (found by
/// syntax, <see cref="ClassesWithBaseList"/>): they are collected once, on first need, and cached with
/// the per-type answers.
/// </summary>
internal sealed class TestCodeIndex
{
    private readonly Compilation _compilation;
    private readonly TestFrameworkKnowledge _knowledge;
    private readonly Lazy<Relations> _relations;
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _testTypes = new(SymbolEqualityComparer.Default);

    public TestCodeIndex(Compilation compilation, TestFrameworkKnowledge knowledge)
    {
        _compilation = compilation;
        _knowledge = knowledge;
        _relations = new Lazy<Relations>(() => Relations.Collect(compilation, knowledge), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The member whose code contains <paramref name="symbol"/>: lambdas and local functions belong
    /// to the method, constructor, accessor or field initializer that declares them.
    /// </summary>
    public static ISymbol EnclosingMember(ISymbol symbol)
    {
        var current = symbol;
        while (current is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } && current.ContainingSymbol is { } parent)
        {
            current = parent;
        }

        return current;
    }

    /// <summary>
    /// True when code inside <paramref name="member"/> runs for tests. <paramref name="testType"/> is
    /// the test class or fixture it belongs to (null for a test method of a class we know nothing else about).
    /// </summary>
    public bool IsTestCode(ISymbol member, out INamedTypeSymbol? testType)
    {
        testType = null;
        if (member is IMethodSymbol method && _knowledge.IsTest(method, out _, out _))
        {
            testType = method.ContainingType;
            return true;
        }

        for (var type = member as INamedTypeSymbol ?? member.ContainingType; type is not null; type = type.ContainingType)
        {
            if (IsTestType(type))
            {
                testType = type;
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> is a test class, a base of test classes, a test fixture or a set-up fixture.</summary>
    public bool IsTestType(INamedTypeSymbol type)
    {
        type = type.OriginalDefinition;
        if (_testTypes.TryGetValue(type, out var cached))
        {
            return cached;
        }

        var isTestType = DeclaresOrRunsTests(type)
            || _relations.Value.FixtureUsers.ContainsKey(type)
            || _relations.Value.TestBaseTypes.Contains(type);
        _testTypes.TryAdd(type, isTestType);
        return isTestType;
    }

    private bool DeclaresOrRunsTests(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class)
        {
            return false;
        }

        if (TestFrameworkKnowledge.HasTestClassAttribute(type) || TestFrameworkKnowledge.ImplementsXunitLifetime(type) || _knowledge.DeclaresTests(type))
        {
            return true;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (TestFrameworkKnowledge.XunitFixtureTypeOf(@interface) is not null)
            {
                return true;
            }
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && TestFrameworkKnowledge.IsSetUpOrTearDownHook(method))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when test code in <paramref name="member"/> (of <paramref name="testType"/>) says it is an
    /// integration test: by a marker in the assembly name, in an attribute of the member, of its class
    /// (or an enclosing or base class) or of the assembly, in a class name or a namespace; a fixture
    /// counts as integration code when a class that uses it does.
    /// </summary>
    public bool IsIntegrationTestCode(ISymbol member, INamedTypeSymbol? testType, IntegrationTestMarkers markers)
    {
        if (markers.Matches(_compilation.AssemblyName) || markers.AnyAttributeMarksIntegration(_compilation.Assembly))
        {
            return true;
        }

        if (markers.AnyAttributeMarksIntegration(member))
        {
            return true;
        }

        var type = testType ?? member.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (TypeSaysIntegration(type, markers))
        {
            return true;
        }

        if (_relations.Value.FixtureUsers.TryGetValue(type.OriginalDefinition, out var users))
        {
            foreach (var user in users)
            {
                if (TypeSaysIntegration(user, markers))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool TypeSaysIntegration(INamedTypeSymbol type, IntegrationTestMarkers markers)
    {
        for (var outer = type; outer is not null; outer = outer.ContainingType)
        {
            for (var current = outer; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                if (markers.Matches(current.Name) || markers.AnyAttributeMarksIntegration(current))
                {
                    return true;
                }
            }

            if (markers.NamespaceMatches(outer.ContainingNamespace))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="type"/> (or the classes that use it as a fixture) holds a stand-in
    /// server — a Testcontainers container, a WireMock server, an in-process MongoDB — in a field or
    /// property: its clients are pointed at that server, not at an external service.
    /// </summary>
    public bool HoldsLocalServer(INamedTypeSymbol type)
    {
        if (HoldsLocalServerMember(type))
        {
            return true;
        }

        if (_relations.Value.FixtureUsers.TryGetValue(type.OriginalDefinition, out var users))
        {
            foreach (var user in users)
            {
                if (HoldsLocalServerMember(user))
                {
                    return true;
                }
            }
        }

        // A test class that uses a fixture holding the server gets its clients from it.
        foreach (var @interface in type.AllInterfaces)
        {
            if (TestFrameworkKnowledge.XunitFixtureTypeOf(@interface) is INamedTypeSymbol fixture && HoldsLocalServerMember(fixture))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HoldsLocalServerMember(INamedTypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                var memberType = member switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    _ => null,
                };

                if (ExternalClients.IsLocalServerType(memberType))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Relations between the types of the compilation that a single type cannot tell about itself.</summary>
    private sealed class Relations
    {
        private Relations(Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> fixtureUsers, HashSet<INamedTypeSymbol> testBaseTypes)
        {
            FixtureUsers = fixtureUsers;
            TestBaseTypes = testBaseTypes;
        }

        /// <summary>Fixture type → the test classes (or collection definitions) that use it.</summary>
        public Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> FixtureUsers { get; }

        /// <summary>Source base classes of test classes (abstract bases holding shared set-up and helpers).</summary>
        public HashSet<INamedTypeSymbol> TestBaseTypes { get; }

        /// <summary>
        /// The names of the classes and records declared with a base list, from each tree's outline (kept with the
        /// tree). A class none of whose declarations has a base list derives from <c>object</c> and implements
        /// nothing (a record: only <c>IEquatable</c>), so it can neither use a fixture nor be a test class with a base.
        /// </summary>
        private static HashSet<string> ClassesWithBaseList(Compilation compilation)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var (declaration, _) in CompilationSyntaxIndex.OutlineOf(tree, CancellationToken.None).BaseLists)
                {
                    if (declaration is ClassDeclarationSyntax or RecordDeclarationSyntax)
                    {
                        names.Add(declaration.Identifier.ValueText);
                    }
                }
            }

            return names;
        }

        public static Relations Collect(Compilation compilation, TestFrameworkKnowledge knowledge)
        {
            var fixtureUsers = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            var testBaseTypes = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);

            // Only the classes that syntax cannot rule out (a base list in some declaration): walking every type's
            // members built every member of the project, on every IDE keystroke (each edit is a new compilation).
            var candidates = ClassesWithBaseList(compilation);
            if (candidates.Count > 0)
            {
                foreach (var symbol in compilation.GetSymbolsWithName(candidates.Contains, SymbolFilter.Type))
                {
                    if (symbol is INamedTypeSymbol type)
                    {
                        CollectType(type, knowledge, fixtureUsers, testBaseTypes);
                    }
                }
            }

            // The types of added modules (no syntax here) are walked as before.
            for (var i = 1; i < compilation.Assembly.Modules.Count(); i++)
            {
                CollectNamespace(compilation.Assembly.Modules.ElementAt(i).GlobalNamespace, knowledge, fixtureUsers, testBaseTypes);
            }

            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                if (SymbolNames.IsType(attribute.AttributeClass, WellKnownTypeNames.XunitAssemblyFixtureAttribute)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is INamedTypeSymbol fixture)
                {
                    Add(fixtureUsers, fixture.OriginalDefinition, null);
                }
            }

            return new Relations(fixtureUsers, testBaseTypes);
        }

        private static void CollectNamespace(
            INamespaceSymbol root,
            TestFrameworkKnowledge knowledge,
            Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> fixtureUsers,
            HashSet<INamedTypeSymbol> testBaseTypes)
        {
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                foreach (var member in current.GetMembers())
                {
                    if (member is INamespaceSymbol ns)
                    {
                        pending.Push(ns);
                    }
                    else if (member is INamedTypeSymbol type)
                    {
                        pending.Push(type);
                        CollectType(type, knowledge, fixtureUsers, testBaseTypes);
                    }
                }
            }
        }

        private static void CollectType(
            INamedTypeSymbol type,
            TestFrameworkKnowledge knowledge,
            Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> fixtureUsers,
            HashSet<INamedTypeSymbol> testBaseTypes)
        {
            if (type.TypeKind != TypeKind.Class)
            {
                return;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (TestFrameworkKnowledge.XunitFixtureTypeOf(@interface) is INamedTypeSymbol fixture)
                {
                    Add(fixtureUsers, fixture.OriginalDefinition, type);
                }
            }

            if (type.BaseType is { SpecialType: not SpecialType.System_Object } && knowledge.DeclaresTests(type))
            {
                for (var baseType = type.BaseType; baseType is not null && baseType.Locations.Length > 0 && baseType.Locations[0].IsInSource; baseType = baseType.BaseType)
                {
                    testBaseTypes.Add(baseType.OriginalDefinition);
                }
            }
        }

        private static void Add(Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> fixtureUsers, INamedTypeSymbol fixture, INamedTypeSymbol? user)
        {
            if (!fixtureUsers.TryGetValue(fixture, out var users))
            {
                users = new List<INamedTypeSymbol>();
                fixtureUsers.Add(fixture, users);
            }

            if (user is not null)
            {
                users.Add(user);
            }
        }
    }
}
