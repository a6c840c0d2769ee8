using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Analyzers.Options;

/// <summary>
/// An option whose value is a list of names separated by commas or spaces (not semicolons:
/// <c>;</c> starts a comment in .editorconfig),
/// e.g. <c>gatekeeper.GK2001.assertion_methods = AssertValid, Probe.Check*</c>.
/// </summary>
public sealed class NameListOption
{
    private static readonly char[] Separators = { ',', ' ', '\t' };

    public NameListOption(string key, ImmutableArray<string> defaultValue)
    {
        Key = key;
        Default = defaultValue;
    }

    public string Key { get; }

    public ImmutableArray<string> Default { get; }

    /// <summary>Parses a raw value; <c>false</c> when the value is unusable (an empty list).</summary>
    public bool TryParse(string? raw, out ImmutableArray<string> names)
    {
        names = Default;
        if (raw is null)
        {
            return true;
        }

        var parts = raw.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return false;
        }

        names = ImmutableArray.Create(parts);
        return true;
    }

    public ImmutableArray<string> Read(AnalyzerConfigOptions options) =>
        options.TryGetValue(Key, out var raw) && TryParse(raw, out var names) ? names : Default;
}

/// <summary>
/// Caches an option's parsed value per <see cref="AnalyzerConfigOptions"/> instance (one per
/// distinct set of .editorconfig sections), for the lifetime of one compilation.
/// </summary>
public sealed class PerTreeOptionCache<T>
{
    private readonly AnalyzerConfigOptionsProvider _provider;
    private readonly Func<AnalyzerConfigOptions, T> _parse;
    private readonly ConcurrentDictionary<AnalyzerConfigOptions, T> _cache = new();

    public PerTreeOptionCache(AnalyzerConfigOptionsProvider provider, Func<AnalyzerConfigOptions, T> parse)
    {
        _provider = provider;
        _parse = parse;
    }

    public T For(SyntaxTree tree) => _cache.GetOrAdd(_provider.GetOptions(tree), _parse);
}
