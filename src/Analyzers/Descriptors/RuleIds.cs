namespace Gatekeeper.Analyzers;

/// <summary>
/// Every Gatekeeper rule ID, fixed by the rule catalog (RULES.md). IDs are never reused:
/// when a rule is retired, leave a comment in its place.
/// Ranges: see DiagnosticCategoryAndIdRanges.txt.
/// </summary>
public static class RuleIds
{
    // GK0xxx: Configuration
    public const string InvalidOptionValue = "GK0001";

    // GK1xxx: Security
    public const string OwnershipCheckMissing = "GK1001";
    public const string StringInputHasNoLengthLimit = "GK1002";
    public const string MutatingEndpointAllowsAnonymous = "GK1003";
    public const string LimitNeverEnforced = "GK1004";

    // GK2xxx: Testing
    public const string TestHasNoAssertion = "GK2001";
    public const string RealExternalClientInTest = "GK2002";
    public const string VerificationIgnoresArguments = "GK2003";
    public const string AssertionCannotFail = "GK2004";
}
