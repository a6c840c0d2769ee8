using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Gatekeeper.Analyzers.Options;

/// <summary>
/// The registry of every option Gatekeeper reads (each key of <see cref="OptionKeys"/>) with the
/// check its value must pass. GK0001 reports the values that fail it, and the keys under
/// <c>gatekeeper.</c> that are not here. A new option is added to <see cref="OptionKeys"/> AND here
/// (tests/Gatekeeper.Tests/Rules/GK0xxx/KnownOptionsTests.cs fails otherwise).
/// </summary>
public static class KnownOptions
{
    /// <summary><c>gatekeeper.GK1001.denied_result</c>: what the GK1001 fix returns when the caller is not the owner.</summary>
    public static readonly ChoiceOption GK1001DeniedResult = new(OptionKeys.GK1001DeniedResult, "forbid", "forbid", "not_found");

    /// <summary><c>gatekeeper.GK1002.default_max_length</c>: the length the GK1002 fix writes when no name-based default applies.</summary>
    public static readonly PositiveIntegerOption GK1002DefaultMaxLength = new(OptionKeys.GK1002DefaultMaxLength, 200);

    private const string NameListExpectation = "expected a list of names separated by commas";

    /// <summary>Key (any case: .editorconfig keys are case-insensitive) → check: <c>null</c> when the value is usable, else what was expected.</summary>
    private static readonly ImmutableDictionary<string, Func<string, string?>> Checks =
        ImmutableDictionary.CreateRange(
            StringComparer.OrdinalIgnoreCase,
            new[]
            {
                NameList(OptionKeys.GK1001OwnerMembers),
                NameList(OptionKeys.GK1001CurrentUserNames),
                NameList(OptionKeys.GK1001AdministrativeNames),
                Choice(GK1001DeniedResult),
                PositiveInteger(GK1002DefaultMaxLength),
                NameList(OptionKeys.GK1002LimitAttributes),
                NameList(OptionKeys.GK1003AnonymousNames),
                NameList(OptionKeys.GK2001AssertionMethods),
                NameList(OptionKeys.GK2002ClientTypes),
                NameList(OptionKeys.GK2002IntegrationMarkers),
            });

    private static readonly NameListOption AnyNameList = new("gatekeeper.*", ImmutableArray<string>.Empty);

    /// <summary>Every registered key, as spelled in <see cref="OptionKeys"/>.</summary>
    public static ImmutableArray<string> Keys { get; } = ImmutableArray.CreateRange(Checks.Keys);

    public static bool IsKnown(string key) => Checks.ContainsKey(key);

    /// <summary>Whether <paramref name="key"/> is Gatekeeper's (starts with <c>gatekeeper.</c>, any case).</summary>
    public static bool IsGatekeeperKey(string key) => key.StartsWith(OptionKeys.Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with <paramref name="value"/> for the known <paramref name="key"/>: <c>null</c> when it is usable or the key is unknown.</summary>
    public static string? Problem(string key, string value) =>
        Checks.TryGetValue(key, out var check) ? check(value) : null;

    private static KeyValuePair<string, Func<string, string?>> NameList(string key) =>
        new(key, value => AnyNameList.TryParse(value, out _) ? null : NameListExpectation);

    private static KeyValuePair<string, Func<string, string?>> Choice(ChoiceOption option) =>
        new(option.Key, value => option.TryParse(value, out _) ? null : option.Expectation);

    private static KeyValuePair<string, Func<string, string?>> PositiveInteger(PositiveIntegerOption option) =>
        new(option.Key, value => option.TryParse(value, out _) ? null : PositiveIntegerOption.Expectation);
}
