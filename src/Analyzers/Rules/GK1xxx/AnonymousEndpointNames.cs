using System.Collections.Immutable;
using System.Text;
using Gatekeeper.Analyzers.Web;

namespace Gatekeeper.Analyzers.Rules;

/// <summary>
/// The names of endpoints that are anonymous by design (login, register, token, webhook …) for
/// GK1003. A name matches when it occurs, ignoring case, hyphens and underscores, in the handler
/// method's name, a route template or the endpoint name: <c>reset-password</c> matches the route
/// <c>/account/reset-password</c> and the action <c>ResetPassword</c>.
/// </summary>
internal sealed class AnonymousEndpointNames
{
    private readonly ImmutableArray<string> _normalizedNames;

    public AnonymousEndpointNames(ImmutableArray<string> names)
    {
        var builder = ImmutableArray.CreateBuilder<string>(names.Length);
        foreach (var name in names)
        {
            var normalized = Normalize(name);
            if (normalized.Length > 0)
            {
                builder.Add(normalized);
            }
        }

        _normalizedNames = builder.ToImmutable();
    }

    public bool Matches(Endpoint endpoint)
    {
        if (endpoint.Handler is { } handler && Matches(handler.Name))
        {
            return true;
        }

        if (endpoint.Name is { } name && Matches(name))
        {
            return true;
        }

        foreach (var template in endpoint.RouteTemplates)
        {
            if (Matches(template))
            {
                return true;
            }
        }

        return false;
    }

    public bool Matches(string text)
    {
        var normalized = Normalize(text);
        foreach (var name in _normalizedNames)
        {
            if (normalized.IndexOf(name, System.StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower case, without <c>-</c> and <c>_</c>: "Sign-In", "sign_in" and "SignIn" are one name.</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is not ('-' or '_'))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
