using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.Analyzers.Web;

/// <summary>
/// The invocations of one syntax tree by simple name (to follow a route builder back to the callers of the
/// methods that receive it, and to find the framework calls the security rules look for), and the assignments
/// of <c>FallbackPolicy</c>, gathered in one walk over the tree's nodes with no semantic model. The walk goes
/// into every method body, so it is made only for a tree whose text names what is asked
/// (<see cref="CompilationSyntaxIndex.InvocationsNamed"/>); method declarations come from the cheaper
/// <see cref="SyntaxTreeOutline"/>.
/// </summary>
internal sealed class SyntaxTreeIndex
{
    private readonly SyntaxNameMap<InvocationExpressionSyntax> _invocations = new();
    private readonly List<AssignmentExpressionSyntax> _fallbackPolicyAssignments = new();

    private SyntaxTreeIndex()
    {
    }

    /// <summary><c>….FallbackPolicy = &lt;not null&gt;</c> (in an <c>AddAuthorization</c> callback or an object initializer).</summary>
    public IReadOnlyList<AssignmentExpressionSyntax> FallbackPolicyAssignments => _fallbackPolicyAssignments;

    public IReadOnlyList<InvocationExpressionSyntax> InvocationsNamed(string name) => _invocations.Get(name);

    public static SyntaxTreeIndex Build(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var index = new SyntaxTreeIndex();
        var root = tree.GetRoot(cancellationToken);
        var visited = 0;
        foreach (var node in root.DescendantNodes(MayHoldIndexedNodes))
        {
            if ((++visited & 0xFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            switch (node)
            {
                case InvocationExpressionSyntax invocation when InvokedName(invocation) is { } name:
                    index._invocations.Add(name, invocation);
                    break;
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                    when AssignedName(assignment.Left) == "FallbackPolicy" && !assignment.Right.IsKind(SyntaxKind.NullLiteralExpression):
                    index._fallbackPolicyAssignments.Add(assignment);
                    break;
            }
        }

        return index;
    }

    /// <summary>
    /// False for the parts of a tree that hold no invocation or assignment the index records: usings,
    /// attributes, parameter lists (default values are constants) and type arguments. Every node of every tree is
    /// walked once per tree; these parts are a good share of a typical API's nodes (signatures, <c>[Http*]</c>).
    /// </summary>
    private static bool MayHoldIndexedNodes(SyntaxNode node) =>
        node is not (UsingDirectiveSyntax or AttributeListSyntax or BaseParameterListSyntax or TypeArgumentListSyntax
            or TypeParameterListSyntax or TypeParameterConstraintClauseSyntax);

    /// <summary>The simple name of the invoked member: <c>M</c> in <c>M()</c>, <c>x.M()</c>, <c>x?.M()</c>, <c>x.M&lt;T&gt;()</c>.</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation) =>
        invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

    private static string? AssignedName(ExpressionSyntax left) =>
        left switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };
}

/// <summary>
/// Nodes by name. Most names occur once in a tree, and every invocation of an indexed tree is recorded: a
/// single node is stored as itself, a list only from the second one (a list per name made the index
/// of a large solution allocate, and collect, several times its size).
/// </summary>
internal sealed class SyntaxNameMap<T>
    where T : SyntaxNode
{
    private readonly Dictionary<string, object> _map = new(System.StringComparer.Ordinal);

    public void Add(string name, T node)
    {
        if (!_map.TryGetValue(name, out var existing))
        {
            _map.Add(name, node);
        }
        else if (existing is List<T> list)
        {
            list.Add(node);
        }
        else
        {
            _map[name] = new List<T>(2) { (T)existing, node };
        }
    }

    public IReadOnlyList<T> Get(string name) =>
        !_map.TryGetValue(name, out var found) ? System.Array.Empty<T>()
        : found as List<T> ?? (IReadOnlyList<T>)new[] { (T)found };
}

/// <summary>
/// What a glance at one tree tells, without walking method bodies: its classes (for
/// <see cref="EndpointCandidates"/>), its method declarations by name, its aliases and base lists.
/// </summary>
internal sealed class SyntaxTreeOutline
{
    private static readonly IReadOnlyList<ClassSummary> NoClasses = new ClassSummary[0];

    private readonly SyntaxNameMap<MethodDeclarationSyntax> _methods;

    private SyntaxTreeOutline(
        IReadOnlyList<ClassSummary> classes,
        IReadOnlyList<ClassSummary> chainClasses,
        IReadOnlyList<(TypeDeclarationSyntax Declaration, ImmutableArray<string> BaseNames)> baseLists,
        IReadOnlyList<AliasDirective> aliases,
        SyntaxNameMap<MethodDeclarationSyntax> methods)
    {
        _methods = methods;
        Classes = classes;
        ChainClasses = chainClasses;
        BaseLists = baseLists;
        Aliases = aliases;
    }

    /// <summary>Every class declared in the tree (nested ones included).</summary>
    public IReadOnlyList<ClassSummary> Classes { get; }

    /// <summary>
    /// The classes that can be <see cref="EndpointCandidates">candidates</see>: those that look like one, are
    /// partial, or have a base list. A class with none of these never is, whatever the other trees declare,
    /// so the per-compilation merge (on every keystroke in the IDE) skips them without looking.
    /// </summary>
    public IReadOnlyList<ClassSummary> ChainClasses { get; }

    /// <summary>Every class, struct, record and interface declared with a base list, and the simple names in it (<c>: object</c> has none).</summary>
    public IReadOnlyList<(TypeDeclarationSyntax Declaration, ImmutableArray<string> BaseNames)> BaseLists { get; }

    /// <summary>The using and extern aliases of the tree (global ones included).</summary>
    public IReadOnlyList<AliasDirective> Aliases { get; }

    /// <summary>The methods declared in the tree with the name <paramref name="name"/> (members of its types; local functions are not methods).</summary>
    public IReadOnlyList<MethodDeclarationSyntax> MethodsNamed(string name) => _methods.Get(name);

    public static SyntaxTreeOutline Build(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var classes = new List<ClassSummary>();
        List<ClassSummary>? chainClasses = null;
        List<(TypeDeclarationSyntax, ImmutableArray<string>)>? baseLists = null;
        List<AliasDirective>? aliases = null;
        var methods = new SyntaxNameMap<MethodDeclarationSyntax>();
        var root = tree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is MethodDeclarationSyntax method)
            {
                methods.Add(method.Identifier.ValueText, method);
            }
            else if (node is ClassDeclarationSyntax declaration)
            {
                var summary = ClassSummary.Of(declaration);
                classes.Add(summary);
                if (summary.LooksLikeEndpointClass || summary.IsPartial || !summary.BaseNames.IsEmpty)
                {
                    (chainClasses ??= new List<ClassSummary>()).Add(summary);
                }

                if (declaration.BaseList is { Types.Count: > 0 })
                {
                    (baseLists ??= new()).Add((declaration, summary.BaseNames));
                }
            }
            else if (node is TypeDeclarationSyntax { BaseList: { } baseList } type)
            {
                var names = ImmutableArray.CreateBuilder<string>(baseList.Types.Count);
                foreach (var baseType in baseList.Types)
                {
                    if (ClassSummary.SimpleName(baseType.Type) is { Length: > 0 } name)
                    {
                        names.Add(name);
                    }
                }

                (baseLists ??= new()).Add((type, names.ToImmutable()));
            }
            else if (node is UsingDirectiveSyntax { Alias: { } alias } directive)
            {
                var target = directive.Name is { } name ? ClassSummary.SimpleName(name) ?? string.Empty : string.Empty;
                (aliases ??= new()).Add(new AliasDirective(alias.Name.Identifier.ValueText, target, directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)));
            }
            else if (node is ExternAliasDirectiveSyntax externAlias)
            {
                (aliases ??= new()).Add(new AliasDirective(externAlias.Identifier.ValueText, string.Empty, isGlobal: false));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();

        return new SyntaxTreeOutline(
            classes,
            (IReadOnlyList<ClassSummary>?)chainClasses ?? NoClasses,
            (IReadOnlyList<(TypeDeclarationSyntax, ImmutableArray<string>)>?)baseLists ?? new (TypeDeclarationSyntax, ImmutableArray<string>)[0],
            (IReadOnlyList<AliasDirective>?)aliases ?? new AliasDirective[0],
            methods);
    }
}

/// <summary>
/// The <see cref="SyntaxTreeIndex"/> and <see cref="SyntaxTreeOutline"/> of every tree of one compilation.
/// Both depend on their tree alone, so they are cached per tree object for as long as the tree lives
/// (weakly): in the IDE, where every edit makes a new compilation that shares the unchanged trees, only
/// edited trees are indexed again, each part on first need. Thread-safe; a cancelled build leaves nothing behind.
/// </summary>
internal sealed class CompilationSyntaxIndex
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeEntry> Indexes = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, IReadOnlyList<InvocationExpressionSyntax>> _invocationsByName = new(System.StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<MethodDeclarationSyntax>> _methodsByName = new(System.StringComparer.Ordinal);
    private (SyntaxTree Tree, TreeEntry Entry)[]? _entries;

    public CompilationSyntaxIndex(Compilation compilation)
    {
        _compilation = compilation;
    }

    public static SyntaxTreeIndex For(SyntaxTree tree, CancellationToken cancellationToken) =>
        GetOrBuild(ref EntryOf(tree).Index, SyntaxTreeIndex.Build, tree, cancellationToken);

    public static SyntaxTreeOutline OutlineOf(SyntaxTree tree, CancellationToken cancellationToken) =>
        GetOrBuild(ref EntryOf(tree).Outline, SyntaxTreeOutline.Build, tree, cancellationToken);

    private static TreeEntry EntryOf(SyntaxTree tree) => Indexes.GetValue(tree, static _ => new TreeEntry());

    /// <summary>The part in <paramref name="slot"/>, built on first need; published only once complete.</summary>
    private static T GetOrBuild<T>(ref T? slot, System.Func<SyntaxTree, CancellationToken, T> build, SyntaxTree tree, CancellationToken cancellationToken)
        where T : class
    {
        if (Volatile.Read(ref slot) is { } part)
        {
            return part;
        }

        var built = build(tree, cancellationToken);
        return Interlocked.CompareExchange(ref slot, built, null) ?? built;
    }

    /// <summary>
    /// Every invocation named like a <c>Map*</c> method (<paramref name="name"/>) in the trees that have one
    /// that <see cref="MinimalApiEndpoints.MayBeMapCall">may map an endpoint</see> (every caller filters with
    /// it): trees whose text names no <c>Map*</c> method are skipped without being indexed, the others after one
    /// look that is kept with the tree.
    /// </summary>
    public IEnumerable<InvocationExpressionSyntax> MapInvocationsNamed(string name, CancellationToken cancellationToken)
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (!MayMapEndpoint(tree, cancellationToken))
            {
                continue;
            }

            foreach (var invocation in For(tree, cancellationToken).InvocationsNamed(name))
            {
                yield return invocation;
            }
        }
    }

    /// <summary>
    /// Every invocation of a member named <paramref name="name"/> in the compilation, gathered from every tree once per
    /// name: the same names come back for each endpoint (a registration method's callers, <c>AddAuthorization</c>), and
    /// asking every tree each time grows with the square of the project. Only a tree whose text names
    /// <paramref name="name"/> is walked (<see cref="SourceTextWords"/>): most trees of an API never are.
    /// </summary>
    public IReadOnlyList<InvocationExpressionSyntax> InvocationsNamed(string name, CancellationToken cancellationToken)
    {
        if (_invocationsByName.TryGetValue(name, out var known))
        {
            return known;
        }

        // One name against every tree: its hash once, the trees' entries from an array rather than one weak-table
        // lookup per tree (a registration method's callers ask a few hundred names of a thousand trees at 4×).
        var word = SourceTextWords.Word.Of(name);
        List<InvocationExpressionSyntax>? found = null;
        foreach (var (tree, entry) in Entries())
        {
            if (!GetOrBuild(ref entry.Words, BuildWords, tree, cancellationToken).MayName(word))
            {
                continue;
            }

            var inTree = GetOrBuild(ref entry.Index, SyntaxTreeIndex.Build, tree, cancellationToken).InvocationsNamed(name);
            if (inTree.Count > 0)
            {
                (found ??= new List<InvocationExpressionSyntax>()).AddRange(inTree);
            }
        }

        return _invocationsByName.GetOrAdd(name, found ?? (IReadOnlyList<InvocationExpressionSyntax>)System.Array.Empty<InvocationExpressionSyntax>());
    }

    /// <summary>
    /// The invocations named <paramref name="name"/> in the trees whose text also names <paramref name="alsoNamed"/>:
    /// for a common name (<c>Add</c>) that matters only in a rarer context (<c>options.Filters.Add(…)</c>). Not cached.
    /// </summary>
    public IEnumerable<InvocationExpressionSyntax> InvocationsNamed(string name, string alsoNamed, CancellationToken cancellationToken)
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (!MayName(tree, alsoNamed, cancellationToken) || !MayName(tree, name, cancellationToken))
            {
                continue;
            }

            foreach (var invocation in For(tree, cancellationToken).InvocationsNamed(name))
            {
                yield return invocation;
            }
        }
    }

    /// <summary>Every method declared with the name <paramref name="name"/> in the compilation (from the outlines, gathered once per name).</summary>
    public IReadOnlyList<MethodDeclarationSyntax> MethodsNamed(string name, CancellationToken cancellationToken)
    {
        if (_methodsByName.TryGetValue(name, out var known))
        {
            return known;
        }

        List<MethodDeclarationSyntax>? found = null;
        foreach (var tree in _compilation.SyntaxTrees)
        {
            var inTree = OutlineOf(tree, cancellationToken).MethodsNamed(name);
            if (inTree.Count > 0)
            {
                (found ??= new List<MethodDeclarationSyntax>()).AddRange(inTree);
            }
        }

        return _methodsByName.GetOrAdd(name, found ?? (IReadOnlyList<MethodDeclarationSyntax>)System.Array.Empty<MethodDeclarationSyntax>());
    }

    /// <summary>Whether the text of <paramref name="tree"/> may name <paramref name="name"/> (its words are kept with the tree).</summary>
    private static bool MayName(SyntaxTree tree, string name, CancellationToken cancellationToken) =>
        WordsOf(tree, cancellationToken).MayName(name);

    private static SourceTextWords WordsOf(SyntaxTree tree, CancellationToken cancellationToken) =>
        GetOrBuild(ref EntryOf(tree).Words, BuildWords, tree, cancellationToken);

    private static readonly System.Func<SyntaxTree, CancellationToken, SourceTextWords> BuildWords = static (t, c) => SourceTextWords.Of(t.GetText(c));

    /// <summary>The entry of every tree of the compilation, looked up once.</summary>
    private (SyntaxTree Tree, TreeEntry Entry)[] Entries()
    {
        if (Volatile.Read(ref _entries) is { } entries)
        {
            return entries;
        }

        var list = new List<(SyntaxTree, TreeEntry)>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            list.Add((tree, EntryOf(tree)));
        }

        var built = list.ToArray();
        return Interlocked.CompareExchange(ref _entries, built, null) ?? built;
    }

    /// <summary>
    /// The type declarations of the compilation by the simple names in their base lists, and the using aliases
    /// (alias, simple name of the target) of every tree: syntax only, to find the types that can implement an
    /// interface without building every type's symbols.
    /// </summary>
    public BaseListIndex BaseLists(CancellationToken cancellationToken)
    {
        var byBaseName = new Dictionary<string, List<TypeDeclarationSyntax>>(System.StringComparer.Ordinal);
        var aliases = new List<(string Alias, string Target)>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            var outline = OutlineOf(tree, cancellationToken);
            foreach (var directive in outline.Aliases)
            {
                if (directive.Target.Length > 0)
                {
                    aliases.Add((directive.Alias, directive.Target));
                }
            }

            foreach (var (declaration, baseNames) in outline.BaseLists)
            {
                foreach (var name in baseNames)
                {
                    if (!byBaseName.TryGetValue(name, out var declarations))
                    {
                        byBaseName.Add(name, declarations = new List<TypeDeclarationSyntax>(1));
                    }

                    declarations.Add(declaration);
                }
            }
        }

        return new BaseListIndex(byBaseName, aliases);
    }

    /// <summary>True when some tree declares a using alias named <paramref name="name"/>.</summary>
    public bool IsAlias(string name, CancellationToken cancellationToken)
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            foreach (var directive in OutlineOf(tree, cancellationToken).Aliases)
            {
                if (directive.Alias == name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when some tree declares a class named <paramref name="name"/> (a search of the outlines, no set built).</summary>
    public bool DeclaresClass(string name, CancellationToken cancellationToken)
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            foreach (var summary in OutlineOf(tree, cancellationToken).Classes)
            {
                if (summary.Name == name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The <see cref="SyntaxTreeOutline.ChainClasses"/> of every tree.</summary>
    public List<ClassSummary> ChainClasses(CancellationToken cancellationToken)
    {
        var classes = new List<ClassSummary>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            classes.AddRange(OutlineOf(tree, cancellationToken).ChainClasses);
        }

        return classes;
    }

    /// <summary>
    /// Some tree has an invocation that <see cref="MinimalApiEndpoints.MayBeMapCall">may map an endpoint</see>.
    /// The answer of each tree is kept with it, so an edit asks only the edited tree again.
    /// </summary>
    public bool HasAnyMapCall(CancellationToken cancellationToken)
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (MayMapEndpoint(tree, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="tree"/> may hold a <c>Map*</c> call (cached with the tree; a necessary condition).</summary>
    public static bool MayMapEndpoint(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var entry = EntryOf(tree);
        var known = Volatile.Read(ref entry.MayMapEndpoint);
        if (known != 0)
        {
            return known > 0;
        }

        var found = false;
        // Every Map* name starts with "Map": a text without it (most test files) needs no word scan. In the IDE this runs
        // for the edited document on each keystroke, and a search for three characters is far cheaper than the scan.
        if (MayContainMapName(tree.GetText(cancellationToken)) && WordsOf(tree, cancellationToken).MayNameAny(MinimalApiEndpoints.MapMethodNames))
        {
            var index = For(tree, cancellationToken);
            foreach (var name in MinimalApiEndpoints.MapMethodNames)
            {
                foreach (var invocation in index.InvocationsNamed(name))
                {
                    found |= MinimalApiEndpoints.MayBeMapCall(invocation);
                }
            }
        }

        Volatile.Write(ref entry.MayMapEndpoint, found ? 1 : -1);
        return found;
    }

    /// <summary>The text has <c>Map</c> or a Unicode escape (<c>\u</c>, <c>\U</c>); read in chunks, as the words are.</summary>
    internal static bool MayContainMapName(SourceText text)
    {
        char beforePrevious = '\0', previous = '\0';
        var chunk = SourceTextChunks.Rent();
        for (var start = 0; start < text.Length; start += SourceTextChunks.ChunkLength)
        {
            var count = SourceTextChunks.Read(text, start, chunk);
            for (var i = 0; i < count; i++)
            {
                var c = chunk[i];
                if ((c == 'p' && previous == 'a' && beforePrevious == 'M') || (previous == '\\' && c is 'u' or 'U'))
                {
                    SourceTextChunks.Return(chunk);
                    return true;
                }

                beforePrevious = previous;
                previous = c;
            }
        }

        SourceTextChunks.Return(chunk);
        return false;
    }

    public IEnumerable<AssignmentExpressionSyntax> FallbackPolicyAssignments(CancellationToken cancellationToken)
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (!MayName(tree, "FallbackPolicy", cancellationToken))
            {
                continue;
            }

            foreach (var assignment in For(tree, cancellationToken).FallbackPolicyAssignments)
            {
                yield return assignment;
            }
        }
    }

    /// <summary>The parts of one tree, each published once complete.</summary>
    private sealed class TreeEntry
    {
        public SyntaxTreeIndex? Index;
        public SyntaxTreeOutline? Outline;
        public SourceTextWords? Words;

        /// <summary>0: not asked yet; 1: the tree has an invocation that may map an endpoint; -1: it has none.</summary>
        public int MayMapEndpoint;
    }
}

/// <summary>Type declarations by the simple names in their base lists, and the using aliases (alias, simple name of the target).</summary>
internal sealed class BaseListIndex
{
    public BaseListIndex(Dictionary<string, List<TypeDeclarationSyntax>> byBaseName, List<(string Alias, string Target)> aliases)
    {
        ByBaseName = byBaseName;
        Aliases = aliases;
    }

    public Dictionary<string, List<TypeDeclarationSyntax>> ByBaseName { get; }

    public List<(string Alias, string Target)> Aliases { get; }
}

/// <summary>A using alias (<c>using A = N.T;</c>, <c>global using …</c>) or an extern alias, as written.</summary>
internal sealed class AliasDirective
{
    public AliasDirective(string alias, string target, bool isGlobal)
    {
        Alias = alias;
        Target = target;
        IsGlobal = isGlobal;
    }

    /// <summary>The name the directive introduces.</summary>
    public string Alias { get; }

    /// <summary>The simple name of the aliased type or namespace; empty for an extern alias or a form without one.</summary>
    public string Target { get; }

    public bool IsGlobal { get; }
}

/// <summary>
/// The words of a source text (maximal runs of identifier characters), kept as a Bloom filter: whether the text can
/// hold an identifier, read from the characters alone, in one pass per tree, with one small allocation and no string
/// per word (a set of the words' hashes cost more than the walk it spares). A necessary condition, never a
/// sufficient one: words in comments and strings count, the filter answers "maybe" for a few percent of absent
/// words, and a text with a Unicode escape (<c>\u0041pp</c> is the identifier <c>App</c>) may name anything.
/// </summary>
internal sealed class SourceTextWords
{
    private readonly ulong[] _bits;
    private readonly int _mask;
    private readonly bool _hasUnicodeEscape;

    private SourceTextWords(ulong[] bits, bool hasUnicodeEscape)
    {
        _bits = bits;
        _mask = bits.Length * 64 - 1;
        _hasUnicodeEscape = hasUnicodeEscape;
    }

    public static SourceTextWords Of(SourceText text)
    {
        // About two bits per character, a dozen per word: with two probes, ~2 % of absent words read "maybe".
        var size = 1024;
        while (size < 2 * text.Length && size < (1 << 22))
        {
            size <<= 1;
        }

        var words = new SourceTextWords(new ulong[size / 64], hasUnicodeEscape: false);
        var hasUnicodeEscape = false;
        var hash = 0;
        var inWord = false;
        var previous = '\0';
        var chunk = SourceTextChunks.Rent();
        for (var start = 0; start < text.Length; start += SourceTextChunks.ChunkLength)
        {
            var count = SourceTextChunks.Read(text, start, chunk);
            for (var i = 0; i < count; i++)
            {
                var c = chunk[i];
                hasUnicodeEscape |= previous == '\\' && c is 'u' or 'U';
                previous = c;
                if (c < 128 ? AsciiIdentifierPart[c] : SyntaxFacts.IsIdentifierPartCharacter(c))
                {
                    hash = inWord ? Mix(hash, c) : Mix(Seed, c);
                    inWord = true;
                }
                else if (inWord)
                {
                    words.Add(hash);
                    inWord = false;
                }
            }
        }

        SourceTextChunks.Return(chunk);
        if (inWord)
        {
            words.Add(hash);
        }

        return hasUnicodeEscape ? new SourceTextWords(words._bits, hasUnicodeEscape: true) : words;
    }

    /// <summary>True unless the text certainly has no identifier spelled <paramref name="name"/>.</summary>
    public bool MayName(string name) => MayName(Word.Of(name));

    /// <summary><see cref="MayName(string)"/> with the name's hash computed once, for one name asked of many texts.</summary>
    public bool MayName(Word word) =>
        _hasUnicodeEscape || (IsSet(word.Hash & _mask) && IsSet(word.SecondHash & _mask));

    /// <summary>A name's two probes.</summary>
    public readonly struct Word
    {
        private Word(int hash)
        {
            Hash = hash;
            SecondHash = Second(hash);
        }

        public int Hash { get; }

        public int SecondHash { get; }

        public static Word Of(string name) => new(HashOf(name));
    }

    /// <summary>True unless the text certainly has no identifier spelled as one of <paramref name="names"/>.</summary>
    public bool MayNameAny(ImmutableArray<string> names)
    {
        foreach (var name in names)
        {
            if (MayName(name))
            {
                return true;
            }
        }

        return false;
    }

    private void Add(int hash)
    {
        Set(hash & _mask);
        Set(Second(hash) & _mask);
    }

    private void Set(int bit) => _bits[bit >> 6] |= 1UL << (bit & 63);

    private bool IsSet(int bit) => (_bits[bit >> 6] & (1UL << (bit & 63))) != 0;

    private const int Seed = unchecked((int)2166136261);

    // Most source text is ASCII: a table lookup instead of a call per character (the scan reads every tree once).
    private static readonly bool[] AsciiIdentifierPart = CreateAsciiIdentifierPart();

    private static bool[] CreateAsciiIdentifierPart()
    {
        var table = new bool[128];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = SyntaxFacts.IsIdentifierPartCharacter((char)c);
        }

        return table;
    }

    // FNV-1a: stable across processes (string.GetHashCode is not), cheap per character.
    private static int Mix(int hash, char c) => unchecked((hash ^ c) * 16777619);

    // The second probe: the hash's bits mixed again, so that two words sharing one probe rarely share both.
    private static int Second(int hash) => unchecked((int)(((uint)hash >> 15) ^ ((uint)hash * 0x9E3779B1u)));

    private static int HashOf(string name)
    {
        var hash = Seed;
        foreach (var c in name)
        {
            hash = Mix(hash, c);
        }

        return hash;
    }
}

/// <summary>
/// A source text read in fixed-size chunks into one small buffer. A document's text as a single string is a
/// large-object allocation for a 2,000-line file (over 85,000 bytes), and in the IDE the edited document is read
/// again on every keystroke.
/// </summary>
internal static class SourceTextChunks
{
    /// <summary>Characters per chunk (tests place words across a chunk boundary with it).</summary>
    internal const int ChunkLength = 4096;

    /// <summary>The most characters a reader may read past a chunk's end (a name across the boundary).</summary>
    internal const int MaxLookAhead = 64;

    // One scratch buffer per thread. The scans run over every tree of a compilation, and a new 8 KB buffer per tree
    // and scan was a third of GK1001's allocations at 4x (docs/performance.md, seventeenth pass). It holds no facts
    // between calls: a reader overwrites what it reads, and a nested or abandoned (cancelled) rent allocates anew.
    [System.ThreadStatic]
    private static char[]? _scratch;

    /// <summary>
    /// A buffer of at least <see cref="ChunkLength"/> + <paramref name="lookAhead"/> characters, the thread's own when the
    /// look-ahead fits in <see cref="MaxLookAhead"/> (a longer one, from a configured name, gets a new buffer); give it
    /// back with <see cref="Return"/>.
    /// </summary>
    public static char[] Rent(int lookAhead = 0)
    {
        if (lookAhead > MaxLookAhead)
        {
            return new char[ChunkLength + lookAhead];
        }

        var buffer = _scratch ?? new char[ChunkLength + MaxLookAhead];
        _scratch = null;
        return buffer;
    }

    public static void Return(char[] buffer)
    {
        if (buffer.Length == ChunkLength + MaxLookAhead)
        {
            _scratch = buffer;
        }
    }

    /// <summary>Copies the chunk at <paramref name="start"/> (up to <see cref="ChunkLength"/> characters) into <paramref name="buffer"/>; returns its length.</summary>
    public static int Read(SourceText text, int start, char[] buffer)
    {
        var count = System.Math.Min(ChunkLength, text.Length - start);
        text.CopyTo(start, buffer, 0, count);
        return count;
    }
}
