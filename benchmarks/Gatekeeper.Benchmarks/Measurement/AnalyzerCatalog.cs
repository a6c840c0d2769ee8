using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Gatekeeper.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Benchmarks.Measurement;

/// <summary>
/// Finds the analyzers to measure: every C# <see cref="DiagnosticAnalyzer"/> in Gatekeeper.Analyzers.dll
/// (found by reflection, so rules added later are measured without changes here), and the peer,
/// SonarAnalyzer.CSharp's S2699 analyzer, loaded from the restored package. Each call to a
/// <c>Create…</c> method returns new instances, so no measurement shares analyzer state with another.
/// </summary>
internal sealed class AnalyzerCatalog
{
    public const string PeerRuleId = "S2699";
    public const string GatekeeperPeerRuleId = "GK2001";
    public const string SonarPackageId = "SonarAnalyzer.CSharp";

    private readonly IReadOnlyList<Type> _gatekeeperTypes;
    private readonly Type? _sonarType;

    private IReadOnlyList<Type> _platformTypes = [];

    private AnalyzerCatalog(IReadOnlyList<Type> gatekeeperTypes, Type? sonarType, string sonarDescription)
    {
        _gatekeeperTypes = gatekeeperTypes;
        _sonarType = sonarType;
        SonarDescription = sonarDescription;
    }

    /// <summary>Where ASP.NET Core's analyzers came from (--platform), or why they are missing; null when not asked for.</summary>
    public string? PlatformDescription { get; private set; }

    public bool HasPlatform => _platformTypes.Count > 0;

    /// <summary>Where the peer came from (package version and analyzer type), or why it is missing.</summary>
    public string SonarDescription { get; }

    public bool HasSonar => _sonarType is not null;

    public Type? GatekeeperPeerType => _gatekeeperTypes.FirstOrDefault(t => IdsOf(t).Contains(GatekeeperPeerRuleId));

    public static AnalyzerCatalog Load(bool loadSonar, IReadOnlyCollection<string> onlyRules)
    {
        var gatekeeper = AnalyzerTypes(typeof(GkDiagnosticAnalyzer).Assembly)
            .Where(t => onlyRules.Count == 0 || IdsOf(t).Any(onlyRules.Contains))
            .OrderBy(t => IdsOf(t).FirstOrDefault() ?? t.Name, StringComparer.Ordinal)
            .ToList();
        if (gatekeeper.Count == 0)
        {
            throw new ArgumentException($"No Gatekeeper analyzer reports {string.Join(", ", onlyRules)}.");
        }

        if (!loadSonar)
        {
            return new AnalyzerCatalog(gatekeeper, null, "not measured (--no-peer)");
        }

        var (sonar, description) = FindSonarAnalyzer();
        return new AnalyzerCatalog(gatekeeper, sonar, description);
    }

    public ImmutableArray<DiagnosticAnalyzer> CreateGatekeeper() =>
        _gatekeeperTypes.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();

    public DiagnosticAnalyzer? CreateGatekeeperPeer() =>
        GatekeeperPeerType is { } type ? (DiagnosticAnalyzer)Activator.CreateInstance(type)! : null;

    /// <summary>New instances of ASP.NET Core's own analyzers (empty unless <see cref="LoadPlatform"/> found them).</summary>
    public ImmutableArray<DiagnosticAnalyzer> CreatePlatform() =>
        _platformTypes.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();

    /// <summary>
    /// Loads the analyzers every ASP.NET Core build runs (`Microsoft.AspNetCore.App.Analyzers.dll` of the SDK's
    /// highest 10.x ASP.NET Core targeting pack, the one the Web SDK hands the compiler), for --platform.
    /// </summary>
    public void LoadPlatform()
    {
        var packs = Setting("dotnet.packs");
        var pack = packs is null ? null : Path.Combine(packs, "Microsoft.AspNetCore.App.Ref");
        var dll = pack is null || !Directory.Exists(pack)
            ? null
            : Directory.GetDirectories(pack)
                .Where(d => Path.GetFileName(d).StartsWith("10.", StringComparison.Ordinal))
                .OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0))
                .Select(d => Path.Combine(d, "analyzers", "dotnet", "cs", "Microsoft.AspNetCore.App.Analyzers.dll"))
                .LastOrDefault(File.Exists);
        if (dll is null)
        {
            PlatformDescription = "not found: no Microsoft.AspNetCore.App.Analyzers.dll in the SDK's ASP.NET Core 10 pack";
            return;
        }

        _platformTypes = AnalyzerTypes(Assembly.LoadFrom(dll)).OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
        PlatformDescription = $"{_platformTypes.Count} analyzers of {Path.GetRelativePath(packs!, dll)}";
    }

    public DiagnosticAnalyzer? CreateSonar() =>
        _sonarType is { } type ? (DiagnosticAnalyzer)Activator.CreateInstance(type)! : null;

    /// <summary>Every diagnostic ID the measured analyzers report: enabled explicitly, so rules shipped disabled run too.</summary>
    public IEnumerable<string> AllDiagnosticIds()
    {
        var ids = _gatekeeperTypes.SelectMany(IdsOf).ToList();
        if (_sonarType is not null)
        {
            ids.Add(PeerRuleId);
        }

        return ids;
    }

    /// <summary>The rule IDs an analyzer type reports, read from a fresh instance.</summary>
    public static IReadOnlyList<string> IdsOf(Type analyzerType) =>
        ((DiagnosticAnalyzer)Activator.CreateInstance(analyzerType)!).SupportedDiagnostics.Select(d => d.Id).Distinct().ToList();

    /// <summary>The name a measured analyzer is shown under: its rule IDs.</summary>
    public static string NameOf(DiagnosticAnalyzer analyzer) =>
        string.Join("/", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct());

    private static IEnumerable<Type> AnalyzerTypes(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            types = exception.Types;
        }

        foreach (var type in types)
        {
            if (type is { IsAbstract: false, IsClass: true }
                && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                && type.GetConstructor(Type.EmptyTypes) is not null
                && type.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            {
                yield return type;
            }
        }
    }

    /// <summary>
    /// Loads SonarAnalyzer.CSharp from the NuGet cache (restored by this project with IncludeAssets="none")
    /// and finds the analyzer that reports S2699: by its known name first, else by asking every analyzer.
    /// </summary>
    private static (Type? Type, string Description) FindSonarAnalyzer()
    {
        var folder = PackageFolder(SonarPackageId, out var version);
        if (folder is null)
        {
            return (null, $"{SonarPackageId} is not restored: build benchmarks/Gatekeeper.Benchmarks");
        }

        var dlls = Directory.GetFiles(Path.Combine(folder, "analyzers"), "*.dll", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}vb{Path.DirectorySeparatorChar}", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
        foreach (var dll in dlls)
        {
            Assembly.LoadFrom(dll);
        }

        var main = dlls.FirstOrDefault(p => Path.GetFileName(p).Equals("SonarAnalyzer.CSharp.dll", StringComparison.OrdinalIgnoreCase));
        if (main is null)
        {
            return (null, $"{SonarPackageId} {version} holds no SonarAnalyzer.CSharp.dll");
        }

        var assembly = Assembly.LoadFrom(main);
        var candidates = AnalyzerTypes(assembly).ToList();
        var byName = candidates.Where(t => t.Name == "TestMethodShouldContainAssertion");
        foreach (var type in byName.Concat(candidates))
        {
            try
            {
                if (IdsOf(type).Contains(PeerRuleId))
                {
                    return (type, $"{SonarPackageId} {version}, {type.FullName} ({Path.GetRelativePath(folder, main)})");
                }
            }
            catch (Exception exception) when (exception is TargetInvocationException or MissingMethodException or TypeLoadException)
            {
                // An analyzer that cannot be created here is not the one we look for.
            }
        }

        return (null, $"{SonarPackageId} {version} has no analyzer reporting {PeerRuleId}");
    }

    /// <summary>A <c>key=value</c> line of reference-packages.txt (written next to this program by the build), or null.</summary>
    private static string? Setting(string key)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "reference-packages.txt");
        return File.Exists(file)
            ? File.ReadAllLines(file).Where(l => l.StartsWith(key + "=", StringComparison.Ordinal)).Select(l => l[(key.Length + 1)..].Trim()).FirstOrDefault()
            : null;
    }

    /// <summary>The restored folder of a package listed in reference-packages.txt (written next to this program by the build).</summary>
    private static string? PackageFolder(string packageId, out string version)
    {
        version = "";
        var file = Path.Combine(AppContext.BaseDirectory, "reference-packages.txt");
        if (!File.Exists(file))
        {
            return null;
        }

        string? root = null;
        foreach (var line in File.ReadAllLines(file))
        {
            if (line.StartsWith("nuget.packages=", StringComparison.Ordinal))
            {
                root = line["nuget.packages=".Length..].Trim();
            }
            else if (line.StartsWith($"package:{packageId}=", StringComparison.OrdinalIgnoreCase))
            {
                version = line[(line.IndexOf('=') + 1)..].Trim();
            }
        }

        if (root is null || version.Length == 0)
        {
            return null;
        }

        var folder = Path.Combine(root, packageId.ToLowerInvariant(), version.ToLowerInvariant());
        return Directory.Exists(folder) ? folder : null;
    }
}
