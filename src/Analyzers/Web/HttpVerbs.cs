using System;
using System.Text;

namespace Gatekeeper.Analyzers.Web;

/// <summary>The HTTP methods an endpoint accepts.</summary>
[Flags]
internal enum HttpVerbs
{
    None = 0,
    Get = 1 << 0,
    Post = 1 << 1,
    Put = 1 << 2,
    Patch = 1 << 3,
    Delete = 1 << 4,
    Head = 1 << 5,
    Options = 1 << 6,

    /// <summary>A method the model does not name (TRACE, a custom verb, an unreadable attribute).</summary>
    Other = 1 << 7,

    /// <summary>The methods that change server state.</summary>
    Mutating = Post | Put | Patch | Delete,

    /// <summary>What an endpoint without a method constraint accepts.</summary>
    Any = Get | Post | Put | Patch | Delete | Head | Options | Other,
}

/// <summary>Conversions between HTTP method names and <see cref="HttpVerbs"/>.</summary>
internal static class HttpVerbNames
{
    /// <summary>The flag for one method name (case-insensitive); unknown names are <see cref="HttpVerbs.Other"/>.</summary>
    public static HttpVerbs Parse(string? method)
    {
        switch (method?.Trim().ToUpperInvariant())
        {
            case "GET":
                return HttpVerbs.Get;
            case "POST":
                return HttpVerbs.Post;
            case "PUT":
                return HttpVerbs.Put;
            case "PATCH":
                return HttpVerbs.Patch;
            case "DELETE":
                return HttpVerbs.Delete;
            case "HEAD":
                return HttpVerbs.Head;
            case "OPTIONS":
                return HttpVerbs.Options;
            default:
                return HttpVerbs.Other;
        }
    }

    /// <summary>"DELETE", "PUT, PATCH" …: the mutating methods first, in a stable order.</summary>
    public static string Format(HttpVerbs verbs)
    {
        var text = new StringBuilder();
        Append(text, verbs, HttpVerbs.Delete, "DELETE");
        Append(text, verbs, HttpVerbs.Put, "PUT");
        Append(text, verbs, HttpVerbs.Patch, "PATCH");
        Append(text, verbs, HttpVerbs.Post, "POST");
        Append(text, verbs, HttpVerbs.Get, "GET");
        Append(text, verbs, HttpVerbs.Head, "HEAD");
        Append(text, verbs, HttpVerbs.Options, "OPTIONS");
        Append(text, verbs, HttpVerbs.Other, "other");
        return text.ToString();
    }

    private static void Append(StringBuilder text, HttpVerbs verbs, HttpVerbs flag, string name)
    {
        if ((verbs & flag) == 0)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append(", ");
        }

        text.Append(name);
    }
}
