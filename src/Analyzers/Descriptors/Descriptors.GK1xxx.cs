using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor GK1003_MutatingEndpointAllowsAnonymous = Create(
        RuleIds.MutatingEndpointAllowsAnonymous,
        title: "Mutating endpoint allows anonymous access",
        messageFormat: "{0} endpoint '{1}' allows anonymous access: {2}",
        Categories.Security,
        DiagnosticSeverity.Warning,
        description: "A DELETE, PUT, PATCH or POST endpoint that no authorization covers (no [Authorize] on the action, its controller or a base class, no RequireAuthorization() on the endpoint, its route group or MapControllers(), no fallback policy), or that is opened with [AllowAnonymous] / .AllowAnonymous(), lets anyone change data. Require authorization, unless the endpoint is anonymous by design (login, register, token, webhook …).");
}
