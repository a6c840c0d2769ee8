using System;
using System.Linq;
using System.Reflection;
using Gatekeeper.Analyzers.Options;
using Xunit;

namespace Gatekeeper.Tests.Rules.GK0xxx;

/// <summary>GK0001 knows every option Gatekeeper reads: each OptionKeys constant has a check in KnownOptions.</summary>
public class KnownOptionsTests
{
    [Fact]
    public void Every_option_key_is_registered_with_a_check()
    {
        var keys = typeof(OptionKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != nameof(OptionKeys.Prefix))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.True(KnownOptions.IsKnown(key), $"{key} is in OptionKeys but not in KnownOptions: add its check there."));
        Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), KnownOptions.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void Keys_are_compared_ignoring_case()
    {
        Assert.True(KnownOptions.IsKnown("GATEKEEPER.gk2001.ASSERTION_METHODS"));
        Assert.NotNull(KnownOptions.Problem("gatekeeper.gk1002.default_max_length", "abc"));
        Assert.Null(KnownOptions.Problem("gatekeeper.gk1002.default_max_length", "12"));
    }
}
