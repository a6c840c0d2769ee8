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

    /// <summary>The parsed value, or the default when the raw value is unusable.</summary>
    public ImmutableArray<string> ParseOrDefault(string? raw) => TryParse(raw, out var names) ? names : Default;
}

/// <summary>
/// Caches the parsed value of one option for one compilation, keyed by the raw text, so that
/// every tree with the same setting shares one parsed instance (and whatever is cached per
/// instance downstream), while trees under other .editorconfig sections get their own.
/// </summary>
public sealed class OptionValueCache<T>
    where T : class
{
    private const string Unset = "\0unset";

    private readonly AnalyzerConfigOptionsProvider _provider;
    private readonly string _key;
    private readonly Func<string, T> _create;
    private readonly ConcurrentDictionary<string, T> _byRawValue = new();

    public OptionValueCache(AnalyzerConfigOptionsProvider provider, string key, Func<string?, T> parse)
    {
        _provider = provider;
        _key = key;
        _create = raw => parse(raw == Unset ? null : raw);
    }

    public T For(SyntaxTree tree)
    {
        var raw = _provider.GetOptions(tree).TryGetValue(_key, out var value) ? value : Unset;
        return _byRawValue.GetOrAdd(raw, _create);
    }
}
