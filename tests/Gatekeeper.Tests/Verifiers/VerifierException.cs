using Xunit.Sdk;

namespace Gatekeeper.Tests.Verifiers;

/// <summary>
/// Thrown when a verification fails, or when a test is written wrongly (bad markup, unknown location).
/// Derives from <see cref="XunitException"/> so the runner shows the message without a framework stack trace.
/// </summary>
public sealed class VerifierException : XunitException
{
    public VerifierException(string message)
        : base(message)
    {
    }
}
