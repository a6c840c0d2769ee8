using System;
using System.Collections.Generic;

namespace Gatekeeper.Analyzers.Web;

/// <summary>A route parameter of a template: <c>{id:guid}</c> is named "id" with constraints "guid".</summary>
internal readonly struct RouteParameter
{
    public RouteParameter(string name, string constraints, bool isCatchAll, bool isOptional)
    {
        Name = name;
        Constraints = constraints;
        IsCatchAll = isCatchAll;
        IsOptional = isOptional;
    }

    public string Name { get; }

    /// <summary>The text after the first ':' (e.g. <c>int:min(1)</c>), or empty.</summary>
    public string Constraints { get; }

    public bool IsCatchAll { get; }

    public bool IsOptional { get; }
}

/// <summary>Reads and combines route templates the way ASP.NET Core does, without allocating for the common checks.</summary>
internal static class RouteTemplates
{
    /// <summary>
    /// Combines a prefix (controller route, route group) with a template: a template that starts with
    /// <c>/</c> or <c>~/</c> ignores the prefix on controllers (<paramref name="absoluteOverrides"/>);
    /// route groups always prefix.
    /// </summary>
    public static string Combine(string? prefix, string? template, bool absoluteOverrides)
    {
        template ??= string.Empty;
        if (absoluteOverrides && (template.StartsWith("/", StringComparison.Ordinal) || template.StartsWith("~/", StringComparison.Ordinal)))
        {
            return template.StartsWith("~", StringComparison.Ordinal) ? template.Substring(1) : template;
        }

        if (string.IsNullOrEmpty(prefix))
        {
            return template;
        }

        if (template.Length == 0 || template == "/")
        {
            return prefix!;
        }

        return prefix!.TrimEnd('/') + "/" + template.TrimStart('~').TrimStart('/');
    }

    /// <summary>Replaces the <c>[controller]</c>, <c>[action]</c> and <c>[area]</c> tokens (case-insensitive).</summary>
    public static string ReplaceTokens(string template, string? controller, string? action, string? area)
    {
        if (template.IndexOf('[') < 0)
        {
            return template;
        }

        template = ReplaceToken(template, "[controller]", controller);
        template = ReplaceToken(template, "[action]", action);
        return ReplaceToken(template, "[area]", area);
    }

    private static string ReplaceToken(string template, string token, string? value)
    {
        if (value is null)
        {
            return template;
        }

        // Search after each replacement: a value may itself contain the token ([ActionName("[action]")]).
        for (var index = template.IndexOf(token, StringComparison.OrdinalIgnoreCase); index >= 0; index = template.IndexOf(token, index + value.Length, StringComparison.OrdinalIgnoreCase))
        {
            template = template.Substring(0, index) + value + template.Substring(index + token.Length);
        }

        return template;
    }

    /// <summary>The route parameters of <paramref name="template"/>, in order.</summary>
    public static IReadOnlyList<RouteParameter> Parameters(string? template)
    {
        if (template is null || template.IndexOf('{') < 0)
        {
            return Array.Empty<RouteParameter>();
        }

        var result = new List<RouteParameter>();
        var index = 0;
        while (index < template.Length)
        {
            var open = template.IndexOf('{', index);
            if (open < 0)
            {
                break;
            }

            // "{{" is a literal brace.
            if (open + 1 < template.Length && template[open + 1] == '{')
            {
                index = open + 2;
                continue;
            }

            var close = ClosingBrace(template, open + 1);
            if (close < 0)
            {
                break;
            }

            if (Parse(template.Substring(open + 1, close - open - 1)) is { } parameter)
            {
                result.Add(parameter);
            }

            index = close + 1;
        }

        return result;
    }

    /// <summary>True when <paramref name="template"/> has a route parameter named <paramref name="name"/> (case-insensitive).</summary>
    public static bool HasParameter(string? template, string name) => TryGetParameter(template, name, out _);

    public static bool TryGetParameter(string? template, string name, out RouteParameter parameter)
    {
        foreach (var candidate in Parameters(template))
        {
            if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                parameter = candidate;
                return true;
            }
        }

        parameter = default;
        return false;
    }

    private static int ClosingBrace(string template, int start)
    {
        // Constraints may contain parentheses with braces inside regex(...): track the nesting.
        var depth = 0;
        for (var i = start; i < template.Length; i++)
        {
            switch (template[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case '}' when depth <= 0:
                    return i;
            }
        }

        return -1;
    }

    private static RouteParameter? Parse(string body)
    {
        var isCatchAll = false;
        var text = body.Trim();
        while (text.StartsWith("*", StringComparison.Ordinal))
        {
            isCatchAll = true;
            text = text.Substring(1);
        }

        var end = 0;
        while (end < text.Length && text[end] != ':' && text[end] != '=' && text[end] != '?')
        {
            end++;
        }

        var name = text.Substring(0, end).Trim();
        if (name.Length == 0)
        {
            return null;
        }

        var constraints = string.Empty;
        var isOptional = text.EndsWith("?", StringComparison.Ordinal) || (end < text.Length && text[end] == '=');
        if (end < text.Length && text[end] == ':')
        {
            constraints = text.Substring(end + 1);
            var equals = constraints.LastIndexOf('=');
            if (equals >= 0 && constraints.IndexOf(')', equals) < 0)
            {
                constraints = constraints.Substring(0, equals);
                isOptional = true;
            }

            constraints = constraints.TrimEnd('?');
        }

        return new RouteParameter(name, constraints, isCatchAll, isOptional);
    }
}
