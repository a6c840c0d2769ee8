using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor GK0001_InvalidOptionValue = Create(
        RuleIds.InvalidOptionValue,
        title: "Gatekeeper option has an invalid value",
        messageFormat: "Gatekeeper option '{0} = {1}' cannot be used: {2}",
        Categories.Configuration,
        DiagnosticSeverity.Warning,
        description: "A gatekeeper.GKxxxx.<option> entry in .editorconfig or a .globalconfig whose value cannot be used (not a number, out of range, not one of the allowed words, an empty list) is ignored: the rule runs with its default. A key under gatekeeper. that no rule reads is reported too, as it is usually misspelled. Correct the value or the key.");
}
