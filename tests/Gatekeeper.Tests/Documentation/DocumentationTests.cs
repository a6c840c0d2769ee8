using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Gatekeeper.Analyzers;
using Gatekeeper.Analyzers.Options;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gatekeeper.Tests.Documentation;

/// <summary>
/// Keeps the documentation honest: every rule the analyzers expose has a page (docs/rules/ID.md)
/// whose title and metadata table match its descriptor, a help link to that page, a row in the
/// README's rules table and in the release-tracking files, and no two rules share an ID.
/// </summary>
public class DocumentationTests
{
    private const string Readme = "README.md";
    private const string ShippedReleases = "src/Analyzers/AnalyzerReleases.Shipped.md";
    private const string UnshippedReleases = "src/Analyzers/AnalyzerReleases.Unshipped.md";

    /// <summary>The sections of a rule page, in order (STYLE.md §12).</summary>
    private static readonly string[] RequiredSections =
    [
        "## Cause",
        "## Rule description",
        "## How to fix",
        "## When to suppress",
        "## Configuration",
        "## Example",
        "### Violates",
        "### Does not violate",
    ];

    public static TheoryData<string> RuleIds => new(RuleCatalog.Rules.Select(r => r.Id));

    [Fact]
    public void Analyzers_expose_rules()
    {
        Assert.NotEmpty(RuleCatalog.Analyzers);
        Assert.NotEmpty(RuleCatalog.Rules);
    }

    [Fact]
    public void No_two_rules_share_an_id()
    {
        var exposed = RuleCatalog.Rules.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(exposed);

        // Descriptors declared in the one place, whether an analyzer uses them yet or not.
        var declared = typeof(Descriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id)
            .GroupBy(id => id)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);
        Assert.Empty(declared);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_a_documentation_page(string id)
    {
        var rule = RuleCatalog.Get(id);
        var path = RepositoryFiles.PathOf(rule.DocPath);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Stub(rule));
            Assert.Fail($"{rule.DocPath} was missing: a stub was written there. Fill in its sections.");
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_title_is_the_descriptor_title(string id)
    {
        var rule = RuleCatalog.Get(id);

        Assert.Equal($"# {rule.Id}: {rule.Title}", PageLines(rule)[0]);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_metadata_table_matches_the_descriptor(string id)
    {
        var rule = RuleCatalog.Get(id);
        var table = MetadataTable(PageLines(rule));

        Assert.Equal(rule.Id, Cell(table, "ID"));
        Assert.Equal(rule.Descriptor.Category, Cell(table, "Category"));
        Assert.Equal(rule.Descriptor.DefaultSeverity.ToString(), Cell(table, "Default severity"));
        Assert.Equal(YesNo(rule.Descriptor.IsEnabledByDefault), Cell(table, "Enabled by default"));
        Assert.Equal(YesNo(rule.FixerTypes.Count > 0), Cell(table, "Code fix"));

        // Source files: every link resolves, and the analyzer and fixer files are among them.
        var links = LinkTargets(Cell(table, "Source files"));
        var pageFolder = Path.GetDirectoryName(RepositoryFiles.PathOf(rule.DocPath))!;
        foreach (var link in links)
        {
            Assert.True(File.Exists(Path.Combine(pageFolder, link)), $"{rule.DocPath} links to {link}, which does not exist.");
        }

        var linkedFiles = links.Select(Path.GetFileName).ToList();
        foreach (var type in rule.AnalyzerTypes.Concat(rule.FixerTypes))
        {
            Assert.Contains($"{type.Name}.cs", linkedFiles);
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_has_the_standard_sections_in_order(string id)
    {
        var lines = PageLines(RuleCatalog.Get(id));

        var found = lines.Where(l => RequiredSections.Contains(l.TrimEnd())).Select(l => l.TrimEnd()).ToList();

        Assert.Equal(RequiredSections, found);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_documents_every_option_of_the_rule(string id)
    {
        var lines = PageLines(RuleCatalog.Get(id));
        var configuration = string.Join("\n", lines.SkipWhile(l => l.TrimEnd() != "## Configuration").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)));

        Assert.Contains($"dotnet_diagnostic.{id}.severity", configuration, StringComparison.Ordinal);
        foreach (var key in OptionKeysOf(id))
        {
            Assert.Contains(key, configuration, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Help_link_points_to_the_page(string id)
    {
        var rule = RuleCatalog.Get(id);

        Assert.Equal(Descriptors.HelpLinkFor(id), rule.Descriptor.HelpLinkUri);
        Assert.EndsWith($"/{rule.DocPath}", rule.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Readme_rules_table_lists_the_rule(string id)
    {
        var rule = RuleCatalog.Get(id);
        var row = RepositoryFiles.ReadAllLines(Readme).SingleOrDefault(l => l.StartsWith($"| [{id}](", StringComparison.Ordinal));
        Assert.True(row is not null, $"README.md's rules table has no row for {id}.");

        var cells = Cells(row!);
        Assert.Equal($"[{id}]({rule.DocPath})", cells[0]);
        Assert.Equal(rule.Title, cells[1]);
        Assert.Equal(rule.Descriptor.Category, cells[2]);
        Assert.Equal(rule.Descriptor.DefaultSeverity.ToString(), cells[3]);
        Assert.Equal(YesNo(rule.FixerTypes.Count > 0), cells[4]);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Release_tracking_lists_the_rule_with_its_category_and_severity(string id)
    {
        var rule = RuleCatalog.Get(id);
        var tracked = TrackedRules();

        Assert.True(tracked.TryGetValue(id, out var entry), $"{id} is in neither {ShippedReleases} nor {UnshippedReleases}.");
        Assert.Equal(rule.Descriptor.Category, entry.Category);
        Assert.Equal(rule.Descriptor.IsEnabledByDefault ? rule.Descriptor.DefaultSeverity.ToString() : "Disabled", entry.Severity);
    }

    [Fact]
    public void Every_page_documents_an_existing_rule()
    {
        var ids = RuleCatalog.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var orphans = Directory.GetFiles(RepositoryFiles.PathOf("docs/rules"), "*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => Regex.IsMatch(name!, @"^GK\d{4}$") && !ids.Contains(name!));

        Assert.Empty(orphans);
    }

    [Fact]
    public void Readme_links_only_to_existing_rule_pages()
    {
        var ids = RuleCatalog.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var linked = Regex.Matches(RepositoryFiles.ReadAllText(Readme), @"docs/rules/(GK\d{4})\.md").Select(m => m.Groups[1].Value).Distinct();

        Assert.All(linked, id =>
        {
            Assert.Contains(id, ids);
            Assert.True(File.Exists(RepositoryFiles.PathOf($"docs/rules/{id}.md")), $"README.md links to docs/rules/{id}.md, which does not exist.");
        });
    }

    private static string[] PageLines(RuleCatalog.Rule rule)
    {
        var path = RepositoryFiles.PathOf(rule.DocPath);
        Assert.True(File.Exists(path), $"{rule.DocPath} does not exist.");
        return File.ReadAllLines(path);
    }

    /// <summary>The first table of the page: "| Property | Value |" rows, keyed by property.</summary>
    private static Dictionary<string, string> MetadataTable(string[] lines)
    {
        var rows = lines
            .SkipWhile(l => !l.StartsWith('|'))
            .TakeWhile(l => l.StartsWith('|'))
            .Skip(2) // header and separator
            .Select(Cells)
            .Where(cells => cells.Count >= 2);

        return rows.ToDictionary(cells => cells[0], cells => cells[1], StringComparer.Ordinal);
    }

    private static string Cell(Dictionary<string, string> table, string property)
    {
        Assert.True(table.TryGetValue(property, out var value), $"The metadata table has no '{property}' row.");
        return value!;
    }

    private static List<string> Cells(string row) =>
        row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    private static List<string> LinkTargets(string markdown) =>
        Regex.Matches(markdown, @"\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();

    private static string YesNo(bool value) => value ? "Yes" : "No";

    /// <summary>The option keys (OptionKeys constants) that belong to rule <paramref name="id"/>.</summary>
    private static IEnumerable<string> OptionKeysOf(string id) =>
        typeof(OptionKeys)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(key => key.StartsWith($"{OptionKeys.Prefix}{id}.", StringComparison.Ordinal));

    /// <summary>
    /// The current category and severity of every tracked rule: Shipped.md's releases in order, then
    /// Unshipped.md; a later "New" or "Changed" row overrides an earlier one, "Removed" drops it.
    /// </summary>
    private static Dictionary<string, (string Category, string Severity)> TrackedRules()
    {
        var rules = new Dictionary<string, (string Category, string Severity)>(StringComparer.Ordinal);
        foreach (var file in new[] { ShippedReleases, UnshippedReleases })
        {
            string? section = null;
            foreach (var line in RepositoryFiles.ReadAllLines(file))
            {
                if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    section = line[4..].Trim();
                    continue;
                }

                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    section = null;
                    continue;
                }

                if (section is null || !line.Contains('|') || line.StartsWith("Rule ID", StringComparison.Ordinal) || line.StartsWith("--", StringComparison.Ordinal))
                {
                    continue;
                }

                var cells = Cells(line);
                switch (section)
                {
                    case "New Rules" or "Changed Rules" when cells.Count >= 3:
                        rules[cells[0]] = (cells[1], cells[2]);
                        break;
                    case "Removed Rules":
                        rules.Remove(cells[0]);
                        break;
                }
            }
        }

        return rules;
    }

    /// <summary>A page to start from when a rule has none yet: title, table and empty sections.</summary>
    private static string Stub(RuleCatalog.Rule rule)
    {
        var sources = rule.AnalyzerTypes.Concat(rule.FixerTypes)
            .Select(t => $"[{t.Name}.cs](../../src/{(t.Assembly == typeof(Descriptors).Assembly ? "Analyzers" : "CodeFixes")}/Rules/{rule.Id[..3]}xxx/{t.Name}.cs)");
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# {rule.Id}: {rule.Title}")
            .AppendLine()
            .AppendLine("| Property | Value |")
            .AppendLine("|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| ID | {rule.Id} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Category | {rule.Descriptor.Category} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Default severity | {rule.Descriptor.DefaultSeverity} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Enabled by default | {YesNo(rule.Descriptor.IsEnabledByDefault)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Code fix | {YesNo(rule.FixerTypes.Count > 0)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Source files | {string.Join(", ", sources)} |");
        foreach (var section in RequiredSections)
        {
            text.AppendLine().AppendLine(section).AppendLine().AppendLine("TODO");
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
