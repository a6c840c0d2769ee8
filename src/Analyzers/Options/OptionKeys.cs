namespace Gatekeeper.Analyzers.Options;

/// <summary>
/// Every <c>.editorconfig</c> / <c>.globalconfig</c> key Gatekeeper reads, in one list.
/// Keys are <c>gatekeeper.GKxxxx.&lt;option&gt;</c> (RULES.md); each is documented under its
/// rule's "Configuration" section in docs/rules/GKxxxx.md.
/// </summary>
public static class OptionKeys
{
    public const string Prefix = "gatekeeper.";

    /// <summary>The names of endpoints that are anonymous by design for GK1003 (replaces the default list).</summary>
    public const string GK1003AnonymousNames = "gatekeeper.GK1003.anonymous_names";

    /// <summary>Extra methods that count as assertions for GK2001: names, <c>Type.Method</c>, or prefixes ending in <c>*</c>.</summary>
    public const string GK2001AssertionMethods = "gatekeeper.GK2001.assertion_methods";

    /// <summary>More client types for GK2002: full type names whose construction (or a derived type's) reaches an external service.</summary>
    public const string GK2002ClientTypes = "gatekeeper.GK2002.client_types";

    /// <summary>The words by which GK2002 recognizes integration tests (replaces the default list).</summary>
    public const string GK2002IntegrationMarkers = "gatekeeper.GK2002.integration_markers";
}
