using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers;

/// <summary>
/// All diagnostic descriptors of Gatekeeper, split by ID range (Descriptors.GKnxxx.cs).
/// Every descriptor is built by <see cref="Create"/>, so the category, the enabled flag and the
/// help link are uniform; the raw DiagnosticDescriptor constructor is banned elsewhere.
/// </summary>
public static partial class Descriptors
{
    /// <summary>Where each rule's documentation page lives; help links point to {DocsBaseUrl}/{id}.md.</summary>
    public const string DocsBaseUrl = "https://github.com/gatekeeper-analyzers/gatekeeper/blob/main/docs/rules";

    internal static class Categories
    {
        public const string Configuration = "Configuration";
        public const string Security = "Security";
        public const string Testing = "Testing";
    }

    public static string HelpLinkFor(string id) => $"{DocsBaseUrl}/{id}.md";

#pragma warning disable RS0030 // The one sanctioned use of the constructor.
    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description) =>
        new(
            id,
            title,
            messageFormat,
            category,
            defaultSeverity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLinkFor(id));
#pragma warning restore RS0030
}
