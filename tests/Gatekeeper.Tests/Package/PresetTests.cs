using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Gatekeeper.Analyzers;
using Gatekeeper.Tests.Documentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Gatekeeper.Tests.Package;

/// <summary>
/// The package's severity presets (src/Package/configuration/*.globalconfig, chosen with
/// GatekeeperMode, or its older name GatekeeperAnalysisMode) and its README must list every rule, so
/// that adding a rule cannot leave them stale. A failing test prints the expected file.
/// </summary>
public class PresetTests
{
    private const string PresetFolder = "src/Package/configuration";
    private const string PresetProps = "src/Package/build/Gatekeeper.Analyzers.props";
    private const string PackageReadme = "src/Package/PACKAGE.md";

    /// <summary>The rules the strict preset makes errors whatever their default (RULES.md: the core).</summary>
    private static readonly string[] CoreRules = ["GK1001", "GK1002", "GK2001", "GK2002"];

    /// <summary>Preset file name (= its GatekeeperMode value) and the GatekeeperAnalysisMode value that also selects it ("" for none).</summary>
    public static TheoryData<string, string> Presets => new()
    {
        { "recommended", "Default" },
        { "strict", "" },
        { "all-warnings", "AllWarnings" },
        { "all-errors", "AllErrors" },
        { "none", "None" },
    };

    [Theory]
    [MemberData(nameof(Presets))]
    public void Preset_sets_every_rule(string preset, string mode)
    {
        var path = $"{PresetFolder}/{preset}.globalconfig";
        var actual = RepositoryFiles.ReadAllLines(path)
            .Where(l => l.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal) || l.StartsWith("# GK", StringComparison.Ordinal))
            .ToList();
        var expected = ExpectedLines(preset).ToList();

        Assert.True(
            expected.SequenceEqual(actual),
            $"{path} ({mode}) should list, after its header:\n\n{string.Join("\n\n", expected.Chunk(2).Select(pair => string.Join("\n", pair)))}\n");
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Preset_is_a_low_priority_global_config_selected_by_its_mode(string preset, string mode)
    {
        var lines = RepositoryFiles.ReadAllLines($"{PresetFolder}/{preset}.globalconfig");
        Assert.Contains("is_global = true", lines);
        Assert.Contains("global_level = -100", lines);

        var props = RepositoryFiles.ReadAllText(PresetProps);
        var legacy = mode.Length == 0 ? "" : $" or ('$(GatekeeperMode)' == '' and '$(GatekeeperAnalysisMode)' == '{mode}')";
        Assert.Contains($"Condition=\"'$(GatekeeperMode)' == '{preset}'{legacy}\" Include=\"$(MSBuildThisFileDirectory)../configuration/{preset}.globalconfig\"", props, StringComparison.Ordinal);
        Assert.Contains($"'$(GatekeeperMode)' != '{preset}'", props, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_preset_file_is_known()
    {
        var known = Presets.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(RepositoryFiles.PathOf(PresetFolder), "*.globalconfig").Select(f => Path.GetFileNameWithoutExtension(f));

        Assert.All(files, file => Assert.Contains(file, known));
    }

    [Fact]
    public void Package_readme_lists_every_rule()
    {
        var readme = RepositoryFiles.ReadAllLines(PackageReadme);

        Assert.All(RuleCatalog.Rules, rule =>
        {
            var row = readme.SingleOrDefault(l => l.StartsWith($"| [{rule.Id}]({Descriptors.HelpLinkFor(rule.Id)}) | {rule.Title} |", StringComparison.Ordinal));
            Assert.True(row is not null, $"{PackageReadme}'s rules table has no row '| [{rule.Id}]({Descriptors.HelpLinkFor(rule.Id)}) | {rule.Title} | …'.");
        });
    }

    private static IEnumerable<string> ExpectedLines(string preset)
    {
        foreach (var rule in RuleCatalog.Rules)
        {
            yield return $"# {rule.Id}: {rule.Title}";
            yield return $"dotnet_diagnostic.{rule.Id}.severity = {Severity(preset, rule.Descriptor)}";
        }
    }

    private static string Severity(string preset, DiagnosticDescriptor descriptor) => preset switch
    {
        "all-warnings" => "warning",
        "all-errors" => "error",
        "none" => "none",
        "strict" when CoreRules.Contains(descriptor.Id) => "error",
        "strict" when !descriptor.IsEnabledByDefault => "none",
        "strict" => descriptor.DefaultSeverity switch
        {
            DiagnosticSeverity.Error or DiagnosticSeverity.Warning => "error",
            DiagnosticSeverity.Info => "warning",
            _ => "silent",
        },
        _ when !descriptor.IsEnabledByDefault => "none",
        _ => descriptor.DefaultSeverity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            DiagnosticSeverity.Info => "suggestion",
            _ => "silent",
        },
    };
}
