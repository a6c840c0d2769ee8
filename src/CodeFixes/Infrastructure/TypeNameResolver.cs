using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.CodeFixes.Infrastructure;

/// <summary>What generated code asks for: framework types by namespace and name, and namespaces whose extension methods it calls.</summary>
internal interface ITypeNames
{
    /// <summary>The text that names <paramref name="ns"/>.<paramref name="name"/> at the insertion point.</summary>
    string Type(string ns, string name);

    /// <summary>Declares that the generated code calls extension methods declared in <paramref name="ns"/>.</summary>
    void ExtensionsFrom(string ns);
}

/// <summary>
/// Decides how generated code names framework types at one position, the way a developer would:
/// by simple name when it already binds to that type; by simple name plus a new <c>using</c> when
/// the name binds to nothing yet; fully qualified when the simple name would bind to something
/// else or become ambiguous (e.g. NUnit's <c>Assert</c> in a file that also imports another
/// <c>Assert</c>). A namespace is never imported when one of its names conflicts: the new
/// <c>using</c> would make that name ambiguous where the file already uses it.
/// </summary>
internal sealed class TypeNameResolver : ITypeNames
{
    private readonly SemanticModel _model;
    private readonly int _position;
    private readonly HashSet<string> _qualifiedTypes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _imports = new(StringComparer.Ordinal);

    private TypeNameResolver(SemanticModel model, int position)
    {
        _model = model;
        _position = position;
    }

    /// <summary>Namespaces the fix must import with a <c>using</c> directive.</summary>
    public IReadOnlyCollection<string> NamespacesToImport => _imports;

    /// <summary>
    /// Plans the names for the requests in <paramref name="requests"/>. With
    /// <paramref name="avoidNewImports"/>, types are qualified instead of imported (used when an
    /// added <c>using</c> broke other code); returns null when that is impossible (extension
    /// methods need their namespace imported) or when a requested type does not exist.
    /// </summary>
    public static TypeNameResolver? Create(SemanticModel model, int position, TypeNameRequests requests, bool avoidNewImports, CancellationToken cancellationToken)
    {
        var resolver = new TypeNameResolver(model, position);
        foreach (var group in requests.ByNamespace)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ns = group.Key;
            var conflicting = new List<string>();
            var unbound = new List<string>();
            foreach (var name in group.Value.Types)
            {
                if (model.Compilation.GetTypesByMetadataName(ns + "." + name).IsEmpty)
                {
                    return null;
                }

                switch (resolver.Binding(ns, name))
                {
                    case NameBinding.Conflict:
                        conflicting.Add(name);
                        break;
                    case NameBinding.Unbound:
                        unbound.Add(name);
                        break;
                }
            }

            // A name that binds to something else is qualified; so are unbound names whenever a
            // using for their namespace would make a conflicting name ambiguous elsewhere in the
            // file (or when imports are to be avoided). Extension methods need the namespace imported.
            var extensionsMissing = group.Value.NeedsExtensions && !resolver.IsNamespaceImported(ns);
            if (extensionsMissing && avoidNewImports)
            {
                return null;
            }

            var import = extensionsMissing || (unbound.Count > 0 && conflicting.Count == 0 && !avoidNewImports);
            if (import)
            {
                resolver._imports.Add(ns);
            }
            else
            {
                resolver.Qualify(ns, unbound);
            }

            resolver.Qualify(ns, conflicting);
        }

        return resolver;
    }

    private void Qualify(string ns, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            _qualifiedTypes.Add(ns + "." + name);
        }
    }

    public string Type(string ns, string name) => _qualifiedTypes.Contains(ns + "." + name) ? Qualified(ns) + "." + name : name;

    public void ExtensionsFrom(string ns)
    {
        // Decided in Create.
    }

    private string Qualified(string ns)
    {
        // `NUnit.Framework.Assert` unless something closer than the global namespace is named `NUnit`.
        var firstSegment = ns.Split('.')[0];
        var symbols = _model.LookupNamespacesAndTypes(_position, name: firstSegment);
        return symbols.Length == 1 && symbols[0] is INamespaceSymbol { ContainingNamespace.IsGlobalNamespace: true }
            ? ns
            : "global::" + ns;
    }

    private NameBinding Binding(string ns, string name)
    {
        // All symbols, not only types: a property named `Record` hides the type `Record`.
        var symbols = _model.LookupSymbols(_position, name: name);
        if (symbols.IsEmpty)
        {
            return NameBinding.Unbound;
        }

        if (symbols.Length == 1)
        {
            var symbol = symbols[0] is IAliasSymbol alias ? alias.Target : symbols[0];
            if (symbol is INamedTypeSymbol type && SymbolNames.IsType(type, ns + "." + name))
            {
                return NameBinding.Bound;
            }
        }

        return NameBinding.Conflict;
    }

    /// <summary>True when extension methods of <paramref name="ns"/> are in scope (using, global using, or an enclosing namespace).</summary>
    private bool IsNamespaceImported(string ns)
    {
        for (var current = _model.GetEnclosingSymbol(_position)?.ContainingNamespace; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            if (current.ToDisplayString() == ns)
            {
                return true;
            }
        }

        foreach (var scope in _model.GetImportScopes(_position))
        {
            foreach (var import in scope.Imports)
            {
                if (import.NamespaceOrType is INamespaceSymbol imported && imported.ToDisplayString() == ns)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private enum NameBinding
    {
        Bound,
        Unbound,
        Conflict,
    }
}

/// <summary>Records what a piece of generated code asks for, before any name is decided.</summary>
internal sealed class TypeNameRequests : ITypeNames
{
    private readonly SortedDictionary<string, NamespaceRequest> _byNamespace = new(StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, NamespaceRequest>> ByNamespace => _byNamespace;

    public string Type(string ns, string name)
    {
        Get(ns).Types.Add(name);
        return name;
    }

    public void ExtensionsFrom(string ns) => Get(ns).NeedsExtensions = true;

    private NamespaceRequest Get(string ns)
    {
        if (!_byNamespace.TryGetValue(ns, out var request))
        {
            request = new NamespaceRequest();
            _byNamespace.Add(ns, request);
        }

        return request;
    }

    internal sealed class NamespaceRequest
    {
        public SortedSet<string> Types { get; } = new(StringComparer.Ordinal);

        public bool NeedsExtensions { get; set; }
    }
}
