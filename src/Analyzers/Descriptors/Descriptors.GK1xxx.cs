using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor GK1001_OwnershipCheckMissing = Create(
        RuleIds.OwnershipCheckMissing,
        title: "Delete/update endpoint does not check that the caller owns the resource",
        messageFormat: "Endpoint '{0}' {1} a '{2}' addressed by a request identifier without checking that the caller owns it (compare '{2}.{3}' with the current user)",
        Categories.Security,
        DiagnosticSeverity.Warning,
        description: "An endpoint that deletes or updates one resource addressed by an identifier from the request (route, query or body) must verify that the current caller may touch that resource, not only that the caller is logged in (broken object-level authorization, OWASP API1:2023). Compare the resource's owner with the current user, use resource-based authorization (IAuthorizationService.AuthorizeAsync), scope the query by the current user, or restrict the endpoint to administrators.");

    public static readonly DiagnosticDescriptor GK1002_StringInputHasNoLengthLimit = Create(
        RuleIds.StringInputHasNoLengthLimit,
        title: "Request string input has no length limit",
        messageFormat: "'{0}' ({1}) has no {2} limit; add [{3}] or an equivalent validation rule",
        Categories.Security,
        DiagnosticSeverity.Warning,
        description: "A string that an endpoint binds from the request (route, query, header, form, or a member of a body / form model) without [StringLength], [MaxLength], [Length], a bounded [RegularExpression], a route constraint with a length or a FluentValidation MaximumLength / Length rule accepts values of any size: a 50 MB comment ends up in a column, a cache or a log. A collection of strings needs a count limit. Add a limit that fits the data.");

    public static readonly DiagnosticDescriptor GK1003_MutatingEndpointAllowsAnonymous = Create(
        RuleIds.MutatingEndpointAllowsAnonymous,
        title: "Mutating endpoint allows anonymous access",
        messageFormat: "{0} endpoint '{1}' allows anonymous access: {2}",
        Categories.Security,
        DiagnosticSeverity.Warning,
        description: "A DELETE, PUT, PATCH or POST endpoint that no authorization covers (no [Authorize] on the action, its controller or a base class, no RequireAuthorization() on the endpoint, its route group or MapControllers(), no fallback policy), or that is opened with [AllowAnonymous] / .AllowAnonymous(), lets anyone change data. Require authorization, unless the endpoint is anonymous by design (login, register, token, webhook …).");

    public static readonly DiagnosticDescriptor GK1004_LimitNeverEnforced = Create(
        RuleIds.LimitNeverEnforced,
        title: "Input limit is declared but never enforced",
        messageFormat: "{0} declares input limits that nothing enforces: {1}",
        Categories.Security,
        DiagnosticSeverity.Warning,
        description: "A validation attribute is decoration unless something validates it: a Minimal API does not validate its models unless the project calls AddValidation() (.NET 10) or the endpoint runs a validation filter, and a controller without [ApiController] accepts invalid models unless the action checks ModelState.IsValid. Enforce the limits you declared.");
}
