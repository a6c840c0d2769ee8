using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers;

public static partial class Descriptors
{
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
