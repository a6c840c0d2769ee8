namespace Gatekeeper.Analyzers.Options;

/// <summary>
/// Every <c>.editorconfig</c> / <c>.globalconfig</c> key Gatekeeper reads, in one list.
/// Keys are <c>gatekeeper.GKxxxx.&lt;option&gt;</c> (RULES.md); each is documented under its
/// rule's "Configuration" section in docs/rules/GKxxxx.md.
/// </summary>
public static class OptionKeys
{
    public const string Prefix = "gatekeeper.";

    /// <summary>Member names that make an entity owned for GK1001 (replaces the default list: OwnerId, UserId, AuthorId, …).</summary>
    public const string GK1001OwnerMembers = "gatekeeper.GK1001.owner_members";

    /// <summary>Words by which GK1001 recognizes a current-user service or member (replaces the default list, which docs/rules/GK1001.md gives: CurrentUser, UserId, GetUserId, Tenant, UserContext, …).</summary>
    public const string GK1001CurrentUserNames = "gatekeeper.GK1001.current_user_names";

    /// <summary>Words by which GK1001 recognizes administrative roles / policies (replaces the default list: admin, superuser, moderator, staff, backoffice).</summary>
    public const string GK1001AdministrativeNames = "gatekeeper.GK1001.administrative_names";

    /// <summary>What the GK1001 fix returns when the caller is not the owner: <c>forbid</c> (default) or <c>not_found</c>.</summary>
    public const string GK1001DeniedResult = "gatekeeper.GK1001.denied_result";

    /// <summary>The length the GK1002 fix writes when no name-based default applies (a positive integer).</summary>
    public const string GK1002DefaultMaxLength = "gatekeeper.GK1002.default_max_length";

    /// <summary>More attributes that count as a length limit for GK1002: names or full type names.</summary>
    public const string GK1002LimitAttributes = "gatekeeper.GK1002.limit_attributes";

    /// <summary>The names of endpoints that are anonymous by design for GK1003 (replaces the default list).</summary>
    public const string GK1003AnonymousNames = "gatekeeper.GK1003.anonymous_names";

    /// <summary>Extra methods that count as assertions for GK2001: names, <c>Type.Method</c>, or prefixes ending in <c>*</c>.</summary>
    public const string GK2001AssertionMethods = "gatekeeper.GK2001.assertion_methods";

    /// <summary>More client types for GK2002: full type names whose construction (or a derived type's) reaches an external service.</summary>
    public const string GK2002ClientTypes = "gatekeeper.GK2002.client_types";

    /// <summary>The words by which GK2002 recognizes integration tests (replaces the default list).</summary>
    public const string GK2002IntegrationMarkers = "gatekeeper.GK2002.integration_markers";
}
