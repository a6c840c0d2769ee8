using System.Globalization;

namespace Gatekeeper.Analyzers.Options;

/// <summary>
/// An option whose value is a positive whole number that fits an <see cref="int"/>,
/// e.g. <c>gatekeeper.GK1002.default_max_length = 200</c>. <c>abc</c>, <c>0</c>, <c>-5</c> and
/// <c>99999999999</c> are unusable: the rule falls back to <see cref="Default"/> and GK0001 reports them.
/// </summary>
public sealed class PositiveIntegerOption
{
    public PositiveIntegerOption(string key, int defaultValue)
    {
        Key = key;
        Default = defaultValue;
    }

    public string Key { get; }

    public int Default { get; }

    /// <summary>What a usable value looks like, for GK0001's message.</summary>
    public static string Expectation => "expected a whole number from 1 to 2147483647";

    /// <summary>Parses a raw value; <c>false</c> when the value is unusable.</summary>
    public bool TryParse(string? raw, out int value)
    {
        value = Default;
        if (raw is null)
        {
            return true;
        }

        if (!int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
        {
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>The parsed value, or the default when the raw value is unusable.</summary>
    public int ParseOrDefault(string? raw) => TryParse(raw, out var value) ? value : Default;
}
