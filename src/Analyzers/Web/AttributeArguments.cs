using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Web;

/// <summary>
/// Reads attribute arguments without tripping over <see cref="TypedConstant.Value"/>, which throws for
/// array constants (an attribute of the user's may take an array where ours takes a string).
/// </summary>
internal static class AttributeArguments
{
    public static string? StringValue(TypedConstant constant) =>
        constant.Kind is TypedConstantKind.Primitive && constant.Value is string value ? value : null;

    /// <summary>The constructor argument at <paramref name="index"/>, when it is a string.</summary>
    public static string? ConstructorString(AttributeData attribute, int index) =>
        index < attribute.ConstructorArguments.Length ? StringValue(attribute.ConstructorArguments[index]) : null;

    /// <summary>The constructor argument at <paramref name="index"/>, when it is a <c>typeof(…)</c>.</summary>
    public static ITypeSymbol? ConstructorType(AttributeData attribute, int index) =>
        index < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[index] is { Kind: TypedConstantKind.Type, Value: ITypeSymbol type } ? type : null;

    /// <summary>The named argument <paramref name="name"/> (<c>Name = "…"</c>), when it is a string.</summary>
    public static string? NamedString(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return StringValue(argument.Value);
            }
        }

        return null;
    }
}
