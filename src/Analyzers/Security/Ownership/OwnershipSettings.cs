using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Gatekeeper.Analyzers.Options;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Analyzers.Security.Ownership;

/// <summary>
/// The GK1001 options of one <c>.editorconfig</c> setting: owner member names, current-user words,
/// administrative words. One instance per distinct setting per compilation; per-method summaries are
/// cached on it (they depend on the names).
/// </summary>
internal sealed class OwnershipSettings
{
    /// <summary>Owner-like members of an entity (RULES.md, GK1001).</summary>
    public static readonly ImmutableArray<string> DefaultOwnerMembers = ImmutableArray.Create(
        "OwnerId", "UserId", "AuthorId", "CreatedBy", "CreatedById", "AccountId", "CustomerId", "TenantId", "Owner", "User", "Author");

    /// <summary>Words that name a current-user service or member (RULES.md, GK1001, plus the tenant / caller spellings teams use).</summary>
    public static readonly ImmutableArray<string> DefaultCurrentUserNames = ImmutableArray.Create(
        "CurrentUser", "UserId", "GetUserId", "Tenant", "CallerId", "UserContext", "UserAccessor", "UserProvider", "UserSession", "LoggedInUser", "AuthenticatedUser", "Principal");

    /// <summary>Words that make a role or policy administrative.</summary>
    public static readonly ImmutableArray<string> DefaultAdministrativeNames = ImmutableArray.Create("admin", "superuser", "moderator", "staff", "backoffice");

    public static readonly NameListOption OwnerMembersOption = new(OptionKeys.GK1001OwnerMembers, DefaultOwnerMembers);
    public static readonly NameListOption CurrentUserNamesOption = new(OptionKeys.GK1001CurrentUserNames, DefaultCurrentUserNames);
    public static readonly NameListOption AdministrativeNamesOption = new(OptionKeys.GK1001AdministrativeNames, DefaultAdministrativeNames);

    private OwnershipSettings(ImmutableArray<string> ownerMembers, ImmutableArray<string> currentUserNames, ImmutableArray<string> administrativeNames)
    {
        OwnerMembers = ownerMembers;
        CurrentUserNames = currentUserNames;
        AdministrativeNames = administrativeNames;
    }

    public ImmutableArray<string> OwnerMembers { get; }

    /// <summary>The settings with every option at its default (tests; a compilation's come from <see cref="Cache"/>).</summary>
    internal static OwnershipSettings CreateDefault() => new(DefaultOwnerMembers, DefaultCurrentUserNames, DefaultAdministrativeNames);

    public ImmutableArray<string> CurrentUserNames { get; }

    public ImmutableArray<string> AdministrativeNames { get; }

    /// <summary>Per-method summaries (callees), keyed by method and the depth still allowed below it.</summary>
    internal ConcurrentDictionary<(IMethodSymbol Method, int Depth), MethodSummary> Summaries { get; } = new();

    public bool IsCurrentUserName(string name) => ContainsAny(name, CurrentUserNames);

    public bool IsAdministrative(string name) => ContainsAny(name, AdministrativeNames);

    public bool IsOwnerMember(string name)
    {
        foreach (var owner in OwnerMembers)
        {
            if (string.Equals(owner, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(string name, ImmutableArray<string> words)
    {
        foreach (var word in words)
        {
            if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Shares one settings instance per distinct raw option text, per compilation.</summary>
    internal sealed class Cache
    {
        private readonly AnalyzerConfigOptionsProvider _provider;
        private readonly ConcurrentDictionary<string, OwnershipSettings> _byRaw = new(StringComparer.Ordinal);

        public Cache(AnalyzerConfigOptionsProvider provider)
        {
            _provider = provider;
        }

        public OwnershipSettings For(SyntaxTree tree)
        {
            var options = _provider.GetOptions(tree);
            options.TryGetValue(OwnerMembersOption.Key, out var owners);
            options.TryGetValue(CurrentUserNamesOption.Key, out var users);
            options.TryGetValue(AdministrativeNamesOption.Key, out var admins);
            var key = (owners ?? "\0") + "\u0001" + (users ?? "\0") + "\u0001" + (admins ?? "\0");
            return _byRaw.GetOrAdd(key, _ => new OwnershipSettings(
                OwnerMembersOption.ParseOrDefault(owners),
                CurrentUserNamesOption.ParseOrDefault(users),
                AdministrativeNamesOption.ParseOrDefault(admins)));
        }
    }
}
