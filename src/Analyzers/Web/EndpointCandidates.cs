using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Web;

/// <summary>What the syntax of one class declaration says about whether it can be a controller or a page model.</summary>
internal sealed class ClassSummary
{
    private ClassSummary(ClassDeclarationSyntax declaration, string name, ImmutableArray<string> baseNames, bool looksLikeEndpointClass, bool isPartial)
    {
        Declaration = declaration;
        Name = name;
        BaseNames = baseNames;
        LooksLikeEndpointClass = looksLikeEndpointClass;
        IsPartial = isPartial;
    }

    public ClassDeclarationSyntax Declaration { get; }

    public string Name { get; }

    /// <summary>The simple names in the base list (<c>ControllerBase</c> for <c>Microsoft.AspNetCore.Mvc.ControllerBase</c>, <c>Base</c> for <c>Base&lt;T&gt;</c>).</summary>
    public ImmutableArray<string> BaseNames { get; }

    /// <summary>
    /// The name ends with <c>Controller</c>, a base-list name contains <c>Controller</c> or ends with
    /// <c>PageModel</c>, or an attribute name contains <c>Controller</c> (<c>[ApiController]</c>, <c>[Controller]</c>).
    /// </summary>
    public bool LooksLikeEndpointClass { get; }

    /// <summary>Another part may hold the base list or the attributes.</summary>
    public bool IsPartial { get; }

    public static ClassSummary Of(ClassDeclarationSyntax declaration)
    {
        var name = declaration.Identifier.ValueText;
        var looksLike = name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase);
        var baseNames = ImmutableArray<string>.Empty;
        if (declaration.BaseList is { } baseList)
        {
            var builder = ImmutableArray.CreateBuilder<string>(baseList.Types.Count);
            foreach (var baseType in baseList.Types)
            {
                if (SimpleName(baseType.Type) is { Length: > 0 } baseName)
                {
                    builder.Add(baseName);
                    looksLike |= baseName.IndexOf("Controller", StringComparison.OrdinalIgnoreCase) >= 0
                        || baseName.EndsWith("PageModel", StringComparison.OrdinalIgnoreCase);
                }
            }

            baseNames = builder.ToImmutable();
        }

        foreach (var list in declaration.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                looksLike |= SimpleName(attribute.Name) is { } attributeName && attributeName.IndexOf("Controller", StringComparison.OrdinalIgnoreCase) >= 0;
            }
        }

        var isStatic = declaration.Modifiers.Any(SyntaxKind.StaticKeyword);
        return new ClassSummary(declaration, name, baseNames, looksLike && !isStatic, declaration.Modifiers.Any(SyntaxKind.PartialKeyword) && !isStatic);
    }

    /// <summary>The simple name written for a type: <c>B</c> for <c>A.B</c>, <c>global::B</c> and <c>B&lt;T&gt;</c>; null for other forms.</summary>
    public static string? SimpleName(TypeSyntax type) =>
        type switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => null,
        };
}

/// <summary>
/// The class declarations of a compilation that can be controllers or Razor Pages page models, and
/// whether any call can map a Minimal API endpoint, found from syntax alone (the per-tree
/// <see cref="SyntaxTreeIndex"/>, kept across the compilations of an IDE session). A project with no
/// candidate (a test project, a class library) then costs the security rules nothing beyond that
/// index: no symbol of its types is built, no method bound. In the IDE every keystroke makes a new
/// compilation, and a scan of every type's symbols per keystroke was most of GK1002's time.
/// <para>
/// A candidate is a superset of what <see cref="ControllerEndpoints"/> accepts (it decides, on the
/// symbols): a class that <see cref="ClassSummary.LooksLikeEndpointClass">looks like one</see>, is
/// partial, derives (by base-list name, through any number of source classes) from a candidate, or
/// derives from a type not declared in this compilation whose name does not read as an interface
/// (<c>IFoo</c>), since a referenced library can declare a controller base with any name. Missed:
/// a controller whose only link to MVC is an attribute derived from <c>[Controller]</c> under a name
/// without "Controller", or a base class from another assembly named like an interface.
/// </para>
/// </summary>
internal sealed class EndpointCandidates
{
    /// <summary>Base types of other assemblies that real projects derive from and that are never controllers.</summary>
    private static readonly ImmutableHashSet<string> KnownNonControllerBases = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "object", "Object", "Exception", "Attribute", "EventArgs", "DbContext", "IdentityDbContext", "AbstractValidator",
        "Profile", "BackgroundService", "Hub", "Migration", "ModelSnapshot", "WebApplicationFactory", "JsonConverter",
        "DelegatingHandler", "HttpMessageHandler", "Stream", "TextWriter", "ValidationAttribute", "ActionFilterAttribute",
        "AuthorizationHandler", "AuthenticationHandler", "TagHelper", "ViewComponent", "TimeProvider");

    private readonly HashSet<(SyntaxTree Tree, int Position)> _classes;

    private EndpointCandidates(HashSet<(SyntaxTree Tree, int Position)> classes, ImmutableArray<ClassDeclarationSyntax> declarations, bool hasMapCalls)
    {
        _classes = classes;
        ClassDeclarations = declarations;
        HasMapCalls = hasMapCalls;
    }

    /// <summary>The candidate class declarations (each part of a partial class is listed).</summary>
    public ImmutableArray<ClassDeclarationSyntax> ClassDeclarations { get; }

    /// <summary>Some invocation passes <see cref="MinimalApiEndpoints.MayBeMapCall"/>.</summary>
    public bool HasMapCalls { get; }

    /// <summary>No class can be a controller or page model, and no call can map an endpoint.</summary>
    public bool IsEmpty => ClassDeclarations.IsEmpty && !HasMapCalls;

    /// <summary>True when <paramref name="declaration"/> can be a controller or page model.</summary>
    public bool MayBeEndpointClass(ClassDeclarationSyntax declaration) => _classes.Contains((declaration.SyntaxTree, declaration.SpanStart));

    /// <param name="index">The syntax of the compilation.</param>
    /// <param name="mayNameLibraryControllerBase">
    /// Whether a base-list name can denote a controller or page-model base of another assembly (a type of that
    /// name in a reference that is MVC's or references it, or a using alias): asked per name, before anything
    /// else about a base that is not written like an interface or a known non-controller.
    /// </param>
    /// <param name="isEndpointClass">
    /// Asked, with symbols, only about a class whose sole claim is a base type of another assembly (not named
    /// like an interface, not a known non-controller): a test project's <c>FakeClock : TimeProvider</c> would
    /// otherwise keep the gate open, and the security rules busy, in every project that has one.
    /// </param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    public static EndpointCandidates Compute(
        CompilationSyntaxIndex index,
        Func<string, bool> mayNameLibraryControllerBase,
        Func<ClassDeclarationSyntax, bool> isEndpointClass,
        CancellationToken cancellationToken)
    {
        // Only classes that look like one, are partial or have a base list can be candidates (the rest never
        // are, whatever other trees declare): in a test project that is a few classes, not every class.
        var chainClasses = index.ChainClasses(cancellationToken);
        var candidateNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var summary in chainClasses)
        {
            if (summary.LooksLikeEndpointClass || summary.IsPartial)
            {
                candidateNames.Add(summary.Name);
            }
        }

        // Grown to a fixed point through base-list names. Whether a base name may be another assembly's controller
        // base is settled once per name: the written form and known bases first, then the source classes (a test
        // project's `XunitTestBase` then costs no look into the references), then the references. The source
        // classes are searched per name, not gathered into a set: on every keystroke in the IDE that set was most
        // of this computation's time and garbage, for the two or three base names a project asks about.
        Dictionary<string, bool>? libraryBaseNames = null;
        bool MayNameLibraryBase(string name)
        {
            libraryBaseNames ??= new Dictionary<string, bool>(StringComparer.Ordinal);
            if (!libraryBaseNames.TryGetValue(name, out var answer))
            {
                answer = !LooksLikeInterface(name) && !KnownNonControllerBases.Contains(name)
                    && !index.DeclaresClass(name, cancellationToken) && mayNameLibraryControllerBase(name);
                libraryBaseNames.Add(name, answer);
            }

            return answer;
        }

        Dictionary<ClassDeclarationSyntax, bool>? confirmed = null;
        bool IsConfirmed(ClassDeclarationSyntax declaration)
        {
            confirmed ??= new Dictionary<ClassDeclarationSyntax, bool>();
            if (!confirmed.TryGetValue(declaration, out var answer))
            {
                confirmed.Add(declaration, answer = isEndpointClass(declaration));
            }

            return answer;
        }

        bool IsCandidate(ClassSummary summary)
        {
            if (summary.LooksLikeEndpointClass || summary.IsPartial)
            {
                return true;
            }

            var libraryBase = false;
            foreach (var baseName in summary.BaseNames)
            {
                // A source class is a candidate's base only if it is a candidate itself; a type of another
                // assembly may be a controller base unless it reads as an interface or is a known non-controller.
                if (candidateNames.Contains(baseName))
                {
                    return true;
                }

                libraryBase |= MayNameLibraryBase(baseName);
            }

            // Its symbols decide (a controller base has a name of its own choosing, so the name cannot). A class
            // derived from one that is not a controller can be one only by its own name or attribute (above).
            return libraryBase && IsConfirmed(summary.Declaration);
        }

        var changed = true;
        while (changed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            changed = false;
            foreach (var summary in chainClasses)
            {
                if (!candidateNames.Contains(summary.Name) && IsCandidate(summary))
                {
                    candidateNames.Add(summary.Name);
                    changed = true;
                }
            }
        }

        var keys = new HashSet<(SyntaxTree Tree, int Position)>();
        var declarations = ImmutableArray.CreateBuilder<ClassDeclarationSyntax>();
        foreach (var summary in chainClasses)
        {
            if (IsCandidate(summary))
            {
                keys.Add((summary.Declaration.SyntaxTree, summary.Declaration.SpanStart));
                declarations.Add(summary.Declaration);
            }
        }

        return new EndpointCandidates(keys, declarations.ToImmutable(), index.HasAnyMapCall(cancellationToken));
    }

    private static bool LooksLikeInterface(string name) => name.Length >= 2 && name[0] == 'I' && char.IsUpper(name[1]);
}
