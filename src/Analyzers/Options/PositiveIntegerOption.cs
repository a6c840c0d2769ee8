using System.Globalization;

namespace Gatekeeper.Analyzers.Options;

/// <summary>An option whose value is a positive integer, e.g. <c>gatekeeper.GK1002.default_max_length = 500</c>.</summary>
public sealed class PositiveIntegerOption
{
    public PositiveIntegerOption(string key, int defaultValue)
    {
        Key = key;
        Default = defaultValue;
    }

    public string Key { get; }

    public int Default { get; }

    /// <summary>Parses a raw value (invariant culture); <c>false</c> when it is not a positive integer.</summary>
    public bool TryParse(string? raw, out int value)
    {
        value = Default;
        if (raw is null)
        {
            return true;
        }

        if (int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            value = parsed;
            return true;
        }

        return false;
    }

    /// <summary>The parsed value, or the default when the raw value is unusable.</summary>
    public int ParseOrDefault(string? raw) => TryParse(raw, out var value) ? value : Default;
}
