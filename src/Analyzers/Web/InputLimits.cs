using System;
using System.Collections.Immutable;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Web;

/// <summary>What an input limit bounds: the length of a string, or the number of items of a collection.</summary>
internal enum LimitKind
{
    Length,
    Count,
}

/// <summary>Metadata names of the validation attributes that limit input (System.ComponentModel.DataAnnotations).</summary>
internal static class ValidationTypeNames
{
    public const string DataAnnotationsNamespace = "System.ComponentModel.DataAnnotations";
    public const string StringLengthAttribute = "System.ComponentModel.DataAnnotations.StringLengthAttribute";
    public const string MaxLengthAttribute = "System.ComponentModel.DataAnnotations.MaxLengthAttribute";
    public const string MinLengthAttribute = "System.ComponentModel.DataAnnotations.MinLengthAttribute";
    public const string LengthAttribute = "System.ComponentModel.DataAnnotations.LengthAttribute";
    public const string RegularExpressionAttribute = "System.ComponentModel.DataAnnotations.RegularExpressionAttribute";
    public const string AllowedValuesAttribute = "System.ComponentModel.DataAnnotations.AllowedValuesAttribute";
    public const string EnumDataTypeAttribute = "System.ComponentModel.DataAnnotations.EnumDataTypeAttribute";
    public const string RangeAttribute = "System.ComponentModel.DataAnnotations.RangeAttribute";
    public const string ValidationAttribute = "System.ComponentModel.DataAnnotations.ValidationAttribute";
    public const string ValidatableObject = "System.ComponentModel.DataAnnotations.IValidatableObject";
    public const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
    public const string BindNeverAttribute = "Microsoft.AspNetCore.Mvc.ModelBinding.BindNeverAttribute";
    public const string ValidateNeverAttribute = "Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ValidateNeverAttribute";
}

/// <summary>
/// Recognizes input limits: length / count attributes, regular expressions whose full matches have a
/// bounded length, and route constraints with a length. Pure functions of symbols and strings.
/// </summary>
internal static class InputLimits
{
    /// <summary>
    /// True when one of <paramref name="attributes"/> limits a value of kind <paramref name="kind"/>:
    /// <c>[StringLength]</c> (strings), <c>[MaxLength(n)]</c>, <c>[Length]</c>, a bounded
    /// <c>[RegularExpression]</c>, <c>[AllowedValues]</c> / <c>[EnumDataType]</c> (strings), a custom
    /// attribute named like a length limit, or one of <paramref name="extraAttributes"/> (names or full names).
    /// </summary>
    public static bool HasLimit(ImmutableArray<AttributeData> attributes, LimitKind kind, ImmutableArray<string> extraAttributes)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is { } type && IsLimit(attribute, type, kind, extraAttributes))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLimit(AttributeData attribute, INamedTypeSymbol type, LimitKind kind, ImmutableArray<string> extraAttributes)
    {
        if (Matches(type, extraAttributes))
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.ContainingNamespace is { } ns && SymbolNames.IsInNamespace(ns, ValidationTypeNames.DataAnnotationsNamespace))
            {
                switch (current.Name)
                {
                    case "StringLengthAttribute":
                        return kind == LimitKind.Length;
                    case "MaxLengthAttribute":
                        // [MaxLength] without a length means "whatever the database allows": no limit.
                        return attribute.ConstructorArguments.Length > 0 || !SymbolEqualityComparer.Default.Equals(current, type);
                    case "LengthAttribute":
                        return true;
                    case "RegularExpressionAttribute":
                        return kind == LimitKind.Length
                            && (!SymbolEqualityComparer.Default.Equals(current, type) || (AttributeArguments.ConstructorString(attribute, 0) is { } pattern && RegexLength.IsBounded(pattern, requireAnchors: false)));
                    case "AllowedValuesAttribute":
                    case "EnumDataTypeAttribute":
                        return kind == LimitKind.Length;
                    case "MinLengthAttribute":
                        return false;
                }
            }
        }

        if (SymbolNames.IsInNamespace(type.ContainingNamespace, ValidationTypeNames.DataAnnotationsNamespace))
        {
            return false;
        }

        // A custom attribute named like a length limit ([MaxStringLength], [LengthLimit], [ShortText] is not): trust its name.
        var name = type.Name;
        return name.IndexOf("Length", StringComparison.Ordinal) >= 0 && InheritsFromValidationAttribute(type);
    }

    private static bool InheritsFromValidationAttribute(INamedTypeSymbol type) =>
        SymbolNames.InheritsFromOrIs(type, ValidationTypeNames.ValidationAttribute);

    /// <summary>True when <paramref name="type"/> is named in <paramref name="names"/> (with or without the Attribute suffix, simple or full name).</summary>
    public static bool Matches(INamedTypeSymbol type, ImmutableArray<string> names)
    {
        if (names.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var configured in names)
        {
            var name = configured.StartsWith("global::", StringComparison.Ordinal) ? configured.Substring(8) : configured;
            if (name.IndexOf('.') >= 0)
            {
                if (SymbolNames.IsType(type, name) || SymbolNames.IsType(type, name + "Attribute"))
                {
                    return true;
                }
            }
            else if (string.Equals(type.Name, name, StringComparison.Ordinal) || string.Equals(type.Name, name + "Attribute", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the attribute limits input at all, for GK1004 (<c>[Required]</c> alone limits nothing):
    /// any length / count limit, <c>[Range]</c>, <c>[MinLength]</c>, <c>[RegularExpression]</c>, <c>[AllowedValues]</c> ….
    /// </summary>
    public static bool IsEnforceableLimit(AttributeData attribute, ImmutableArray<string> extraAttributes)
    {
        if (attribute.AttributeClass is not { } type)
        {
            return false;
        }

        if (IsLimit(attribute, type, LimitKind.Length, extraAttributes) || IsLimit(attribute, type, LimitKind.Count, extraAttributes))
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.ContainingNamespace is { } ns && SymbolNames.IsInNamespace(ns, ValidationTypeNames.DataAnnotationsNamespace)
                && current.Name is "RangeAttribute" or "MinLengthAttribute" or "RegularExpressionAttribute" or "AllowedValuesAttribute" or "DeniedValuesAttribute")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the route constraints of a parameter (<c>maxlength(64)</c>, <c>length(1,64)</c>,
    /// <c>int</c>, <c>guid</c>, an anchored bounded <c>regex(…)</c> …) bound the length of its value.
    /// </summary>
    public static bool RouteConstraintsBound(string constraints)
    {
        if (string.IsNullOrEmpty(constraints))
        {
            return false;
        }

        var start = 0;
        var depth = 0;
        for (var i = 0; i <= constraints.Length; i++)
        {
            if (i < constraints.Length)
            {
                var c = constraints[i];
                if (c == '(')
                {
                    depth++;
                    continue;
                }

                if (c == ')')
                {
                    depth--;
                    continue;
                }

                if (c != ':' || depth > 0)
                {
                    continue;
                }
            }

            if (ConstraintBounds(constraints.Substring(start, i - start).Trim()))
            {
                return true;
            }

            start = i + 1;
        }

        return false;
    }

    private static bool ConstraintBounds(string constraint)
    {
        var open = constraint.IndexOf('(');
        var name = (open < 0 ? constraint : constraint.Substring(0, open)).Trim().ToLowerInvariant();
        switch (name)
        {
            case "maxlength":
            case "length":
            case "int":
            case "long":
            case "guid":
            case "bool":
            case "datetime":
            case "decimal":
            case "double":
            case "float":
            case "min":
            case "max":
            case "range":
                return true;
            case "regex" when open >= 0 && constraint.EndsWith(")", StringComparison.Ordinal):
                var pattern = constraint.Substring(open + 1, constraint.Length - open - 2).Replace("{{", "{").Replace("}}", "}");
                return RegexLength.IsBounded(pattern, requireAnchors: true);
            default:
                return false;
        }
    }
}

/// <summary>Decides whether a regular expression only matches strings of bounded length.</summary>
internal static class RegexLength
{
    /// <summary>
    /// True when no consuming part of <paramref name="pattern"/> repeats without bound (<c>*</c>, <c>+</c>,
    /// <c>{n,}</c>); lookarounds do not consume and may repeat freely. <c>[RegularExpression]</c> requires
    /// the whole value to match, so anchors are implied there; a route constraint or
    /// <c>Matches(…)</c> searches, so they need <paramref name="requireAnchors"/>.
    /// </summary>
    public static bool IsBounded(string pattern, bool requireAnchors)
    {
        if (pattern.Length == 0)
        {
            return false;
        }

        if (requireAnchors && !(StartsAnchored(pattern) && EndsAnchored(pattern)))
        {
            return false;
        }

        // Each open group: does it sit inside a lookaround?
        var lookaround = new System.Collections.Generic.Stack<bool>();
        var inLookaround = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    i = SkipEscape(pattern, i);
                    break;
                case '[':
                    i = SkipCharacterClass(pattern, i);
                    break;
                case '(':
                    if (i + 2 < pattern.Length && pattern[i + 1] == '?' && pattern[i + 2] == '#')
                    {
                        var close = pattern.IndexOf(')', i);
                        i = close < 0 ? pattern.Length : close;
                        break;
                    }

                    lookaround.Push(inLookaround);
                    if (i + 2 < pattern.Length && pattern[i + 1] == '?'
                        && (pattern[i + 2] is '=' or '!' || (pattern[i + 2] == '<' && i + 3 < pattern.Length && pattern[i + 3] is '=' or '!')))
                    {
                        inLookaround = true;
                    }

                    break;
                case ')':
                    inLookaround = lookaround.Count > 0 && lookaround.Pop();
                    break;
                case '*':
                case '+':
                    if (!inLookaround)
                    {
                        return false;
                    }

                    break;
                case '{':
                    if (IsOpenEndedQuantifier(pattern, i) && !inLookaround)
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    private static bool StartsAnchored(string pattern) =>
        pattern.StartsWith("^", StringComparison.Ordinal) || pattern.StartsWith("\\A", StringComparison.Ordinal);

    private static bool EndsAnchored(string pattern) =>
        (pattern.EndsWith("$", StringComparison.Ordinal) && !pattern.EndsWith("\\$", StringComparison.Ordinal))
        || pattern.EndsWith("\\z", StringComparison.Ordinal) || pattern.EndsWith("\\Z", StringComparison.Ordinal);

    private static int SkipEscape(string pattern, int i)
    {
        if (i + 1 >= pattern.Length)
        {
            return i;
        }

        var next = pattern[i + 1];
        if ((next is 'p' or 'P' or 'k') && i + 2 < pattern.Length && pattern[i + 2] is '{' or '<')
        {
            var close = pattern.IndexOf(pattern[i + 2] == '{' ? '}' : '>', i + 2);
            return close < 0 ? pattern.Length : close;
        }

        return i + 1;
    }

    private static int SkipCharacterClass(string pattern, int i)
    {
        var j = i + 1;
        if (j < pattern.Length && pattern[j] == '^')
        {
            j++;
        }

        if (j < pattern.Length && pattern[j] == ']')
        {
            j++;
        }

        for (; j < pattern.Length; j++)
        {
            if (pattern[j] == '\\')
            {
                j = SkipEscape(pattern, j);
            }
            else if (pattern[j] == '[' && j + 1 < pattern.Length && pattern[j + 1] == ':')
            {
                continue;
            }
            else if (pattern[j] == ']')
            {
                return j;
            }
        }

        return pattern.Length;
    }

    /// <summary>True at a <c>{n,}</c> quantifier.</summary>
    private static bool IsOpenEndedQuantifier(string pattern, int i)
    {
        var j = i + 1;
        var digits = 0;
        while (j < pattern.Length && char.IsDigit(pattern[j]))
        {
            j++;
            digits++;
        }

        return digits > 0 && j + 1 < pattern.Length && pattern[j] == ',' && pattern[j + 1] == '}';
    }
}
