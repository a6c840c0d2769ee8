using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Gatekeeper.Tests.Documentation;
using Xunit;

namespace Gatekeeper.Tests.Reliability;

/// <summary>
/// The shipped assemblies run inside the compiler and the IDE: no file, network or environment access.
/// RS1035 (Microsoft.CodeAnalysis.Analyzers, on with EnforceExtendedAnalyzerRules) forbids file and
/// environment access; network types are banned through src/BannedSymbols.txt (RS0030). This test checks
/// the settings stay on and nothing suppresses them; the .ci/run pack gate proves it on a real build
/// (a probe file that reads a file, the environment and the network must fail both projects' builds).
/// </summary>
public class AnalyzerHygieneTests
{
    private static readonly string[] ShippedProjects = ["src/Analyzers/Gatekeeper.Analyzers.csproj", "src/CodeFixes/Gatekeeper.CodeFixes.csproj"];

    [Fact]
    public void Extended_analyzer_rules_and_the_banned_api_analyzer_are_on_for_both_shipped_projects()
    {
        var props = XDocument.Load(RepositoryFiles.PathOf("src/Directory.Build.props"));
        Assert.Equal("true", props.Descendants("EnforceExtendedAnalyzerRules").Single().Value.Trim());
        var packages = props.Descendants("PackageReference").Select(p => (string?)p.Attribute("Include")).ToList();
        Assert.Contains("Microsoft.CodeAnalysis.Analyzers", packages);
        Assert.Contains("Microsoft.CodeAnalysis.BannedApiAnalyzers", packages);
        Assert.Contains(props.Descendants("AdditionalFiles"), f => ((string?)f.Attribute("Include"))?.EndsWith("BannedSymbols.txt", StringComparison.Ordinal) == true);

        foreach (var project in ShippedProjects)
        {
            var xml = XDocument.Load(RepositoryFiles.PathOf(project));
            Assert.DoesNotContain(xml.Descendants("EnforceExtendedAnalyzerRules"), e => e.Value.Trim() != "true");
            Assert.DoesNotContain(xml.Descendants(), e => e.Name.LocalName is "PackageReference" && (string?)e.Attribute("Remove") is { } removed && removed.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Nothing_suppresses_RS1035_or_the_network_bans()
    {
        var files = new[] { "src", "." }
            .SelectMany(folder => folder == "."
                ? new[] { "Directory.Build.props", "Directory.Build.targets", ".editorconfig", ".globalconfig" }.Select(RepositoryFiles.PathOf).Where(File.Exists)
                : Directory.GetFiles(RepositoryFiles.PathOf(folder), "*", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}Package{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Regex.IsMatch(Path.GetFileName(path), @"(\.cs|\.props|\.targets|\.csproj|\.editorconfig|\.globalconfig)$"))
            .ToList();
        Assert.NotEmpty(files);

        var suppressions = files
            .SelectMany(path => File.ReadAllLines(path).Select((line, index) => (path, line, index)))
            .Where(x => x.line.Contains("RS1035", StringComparison.Ordinal)
                || (x.line.Contains("RS0030", StringComparison.Ordinal) && !x.path.EndsWith("Descriptors.cs", StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(RepositoryFiles.Root, x.path)}:{x.index + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(suppressions.Count == 0, "RS1035 / RS0030 must not be suppressed or re-configured:\n" + string.Join("\n", suppressions));

        // Descriptors.cs suppresses RS0030 for the one sanctioned DiagnosticDescriptor constructor, and restores it.
        var descriptors = RepositoryFiles.ReadAllText("src/Analyzers/Descriptors/Descriptors.cs");
        Assert.Equal(Regex.Matches(descriptors, "#pragma warning disable RS0030").Count, Regex.Matches(descriptors, "#pragma warning restore RS0030").Count);
    }

    [Fact]
    public void Network_types_are_banned()
    {
        var banned = RepositoryFiles.ReadAllLines("src/BannedSymbols.txt").Select(line => line.Split(';')[0].Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (var type in new[] { "T:System.Net.Http.HttpClient", "T:System.Net.WebClient", "T:System.Net.WebRequest", "T:System.Net.Sockets.Socket", "T:System.Net.Sockets.TcpClient", "T:System.Net.Dns" })
        {
            Assert.Contains(type, banned);
        }
    }
}
