using System;
using System.Collections.Immutable;

namespace Gatekeeper.Analyzers.Options;

/// <summary>
/// An option whose value is one word out of a fixed set (compared ignoring case),
/// e.g. <c>gatekeeper.GK1001.denied_result = forbid | not_found</c>. Anything else is unusable:
/// the rule falls back to <see cref="Default"/> and GK0001 reports it.
/// </summary>
public sealed class ChoiceOption
{
    public ChoiceOption(string key, string defaultValue, params string[] choices)
    {
        Key = key;
        Default = defaultValue;
        Choices = ImmutableArray.Create(choices);
    }

    public string Key { get; }

    /// <summary>The default choice (one of <see cref="Choices"/>).</summary>
    public string Default { get; }

    /// <summary>The allowed values, in lower case as documented.</summary>
    public ImmutableArray<string> Choices { get; }

    /// <summary>What a usable value looks like, for GK0001's message.</summary>
    public string Expectation => "expected one of: " + string.Join(", ", Choices);

    /// <summary>Parses a raw value into one of <see cref="Choices"/>; <c>false</c> when it is none of them.</summary>
    public bool TryParse(string? raw, out string value)
    {
        value = Default;
        if (raw is null)
        {
            return true;
        }

        var trimmed = raw.Trim();
        foreach (var choice in Choices)
        {
            if (string.Equals(choice, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                value = choice;
                return true;
            }
        }

        return false;
    }

    /// <summary>The parsed value, or the default when the raw value is unusable.</summary>
    public string ParseOrDefault(string? raw) => TryParse(raw, out var value) ? value : Default;
}
