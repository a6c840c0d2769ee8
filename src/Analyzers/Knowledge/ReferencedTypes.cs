using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Knowledge;

/// <summary>
/// Resolves well-known types in the referenced assemblies that declare them, by assembly name.
/// <c>Compilation.GetTypeByMetadataName</c> asks every reference (about 200 in an ASP.NET Core project)
/// for every name: a few milliseconds per compilation, i.e. per keystroke in the IDE, for types whose
/// home is known. When none of the named assemblies is referenced, only the source assembly is asked
/// (a project that declares the type itself); when a named assembly is referenced but does not
/// declare the type (another version), the compilation-wide lookup decides.
/// </summary>
internal sealed class ReferencedTypes
{
    private readonly Compilation _compilation;
    private readonly ImmutableArray<IAssemblySymbol> _references;

    public ReferencedTypes(Compilation compilation)
    {
        _compilation = compilation;
        _references = compilation.SourceModule.ReferencedAssemblySymbols;
    }

    /// <summary>
    /// Every type named <paramref name="metadataName"/> in the source assembly and in the referenced
    /// assemblies whose name contains one of <paramref name="assemblyNameParts"/> (case-insensitive): what
    /// <c>GetTypesByMetadataName</c> finds, asked of the few assemblies that can declare it.
    /// </summary>
    public ImmutableArray<INamedTypeSymbol> GetAll(string metadataName, params string[] assemblyNameParts)
    {
        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        if (_compilation.Assembly.GetTypeByMetadataName(metadataName) is { } declared)
        {
            builder.Add(declared);
        }

        // Every reference, not one per name: two versions of a framework may both be referenced.
        foreach (var assembly in _references)
        {
            foreach (var part in assemblyNameParts)
            {
                if (assembly.Identity.Name.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    if (assembly.GetTypeByMetadataName(metadataName) is { } type)
                    {
                        builder.Add(type);
                    }

                    break;
                }
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>The type <paramref name="metadataName"/>, looked up in <paramref name="assemblyNames"/> (in order) first.</summary>
    public INamedTypeSymbol? Get(string metadataName, params string[] assemblyNames)
    {
        var referenced = false;
        foreach (var name in assemblyNames)
        {
            // A scan, not a name map: a dozen types are resolved per compilation, and a map of ~200
            // references built for each new compilation (each keystroke) cost more than the scans.
            if (Find(name) is { } assembly)
            {
                referenced = true;
                if (assembly.GetTypeByMetadataName(metadataName) is { } type)
                {
                    return type;
                }
            }
        }

        return referenced ? _compilation.GetTypeByMetadataName(metadataName) : _compilation.Assembly.GetTypeByMetadataName(metadataName);
    }

    /// <summary>The first reference named <paramref name="assemblyName"/>.</summary>
    private IAssemblySymbol? Find(string assemblyName)
    {
        foreach (var assembly in _references)
        {
            if (string.Equals(assembly.Identity.Name, assemblyName, StringComparison.Ordinal))
            {
                return assembly;
            }
        }

        return null;
    }
}
