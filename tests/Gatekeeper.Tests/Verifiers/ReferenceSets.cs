using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Tests.Verifiers;

/// <summary>
/// Real assemblies a test compilation references: the .NET 10 reference pack (always) plus the
/// packages of one framework, restored with this test project (see the ReferencePackage items in
/// Gatekeeper.Tests.csproj and bin/.../reference-packages.txt). References are built once and shared.
/// </summary>
public sealed class ReferenceSet
{
    /// <summary>lib/ folders a net10.0 project takes, best first (what NuGet would pick).</summary>
    private static readonly string[] FrameworkPreference =
    [
        "net10.0", "net9.0", "net8.0", "net7.0", "net6.0", "net5.0",
        "netcoreapp3.1", "netcoreapp3.0", "netcoreapp2.2", "netcoreapp2.1", "netcoreapp2.0",
        "netstandard2.1", "netstandard2.0", "netstandard1.6", "netstandard1.5", "netstandard1.4",
        "netstandard1.3", "netstandard1.2", "netstandard1.1", "netstandard1.0",
    ];

    private static readonly ConcurrentDictionary<string, MetadataReference> ReferenceCache = new(StringComparer.Ordinal);

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Settings = new(ReadSettings);

    private static readonly Lazy<IReadOnlyList<string>> NetCorePaths = new(() => TargetingPack("Microsoft.NETCore.App.Ref").ToList());

    private readonly Lazy<IReadOnlyList<MetadataReference>> _references;

    private ReferenceSet(string name, Func<IEnumerable<string>> assemblyPaths)
    {
        Name = name;
        _references = new Lazy<IReadOnlyList<MetadataReference>>(
            () => Deduplicate(NetCorePaths.Value.Concat(assemblyPaths())).Select(ReferenceTo).ToList());
    }

    /// <summary>The .NET 10 base class library alone (what every other set also contains).</summary>
    public static ReferenceSet Net { get; } = new("Net", () => []);

    public static ReferenceSet XunitV2 { get; } = Packages(nameof(XunitV2), "xunit.core", "xunit.extensibility.core", "xunit.assert", "xunit.abstractions");

    public static ReferenceSet XunitV3 { get; } = Packages(nameof(XunitV3), "xunit.v3.extensibility.core", "xunit.v3.assert", "xunit.v3.common");

    public static ReferenceSet NUnit { get; } = Packages(nameof(NUnit), "NUnit");

    public static ReferenceSet MSTest { get; } = Packages(nameof(MSTest), "MSTest.TestFramework");

    public static ReferenceSet Moq { get; } = Packages(nameof(Moq), "Moq");

    public static ReferenceSet NSubstitute { get; } = Packages(nameof(NSubstitute), "NSubstitute");

    public static ReferenceSet FakeItEasy { get; } = Packages(nameof(FakeItEasy), "FakeItEasy");

    public static ReferenceSet FluentAssertions { get; } = Packages(nameof(FluentAssertions), "FluentAssertions");

    public static ReferenceSet Shouldly { get; } = Packages(nameof(Shouldly), "Shouldly");

    public static ReferenceSet JetBrainsAnnotations { get; } = Packages(nameof(JetBrainsAnnotations), "JetBrains.Annotations");

    public static ReferenceSet AwsS3 { get; } = Packages(nameof(AwsS3), "AWSSDK.Core", "AWSSDK.S3");

    public static ReferenceSet EntityFrameworkCore { get; } = Packages(nameof(EntityFrameworkCore), "Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Abstractions");

    public static ReferenceSet AspNetCore { get; } = new(nameof(AspNetCore), () => TargetingPack("Microsoft.AspNetCore.App.Ref"));

    public static ReferenceSet MvcTesting { get; } = new(
        nameof(MvcTesting),
        () => TargetingPack("Microsoft.AspNetCore.App.Ref").Concat(PackageAssemblies("Microsoft.AspNetCore.Mvc.Testing", "Microsoft.AspNetCore.TestHost")));

    public static ReferenceSet RabbitMQ { get; } = Packages(nameof(RabbitMQ), "RabbitMQ.Client");

    public static ReferenceSet MockHttp { get; } = Packages(nameof(MockHttp), "RichardSzalay.MockHttp");

    public static ReferenceSet FluentValidation { get; } = Packages(nameof(FluentValidation), "FluentValidation");

    public string Name { get; }

    public IReadOnlyList<MetadataReference> References => _references.Value;

    public override string ToString() => Name;

    /// <summary>The references of several sets, each assembly once (the first set to bring an assembly name wins).</summary>
    internal static IReadOnlyList<MetadataReference> Combine(IEnumerable<ReferenceSet> sets)
    {
        var all = sets.Prepend(Net).SelectMany(set => set.References);
        return all.GroupBy(reference => Path.GetFileName(reference.Display), StringComparer.OrdinalIgnoreCase)
            .Select(group => group.First())
            .ToList();
    }

    private static ReferenceSet Packages(string name, params string[] packageIds) =>
        new(name, () => PackageAssemblies(packageIds));

    private static MetadataReference ReferenceTo(string path) =>
        ReferenceCache.GetOrAdd(path, static p => MetadataReference.CreateFromFile(p));

    /// <summary>Every assembly name once: the .NET pack comes first, as the SDK's conflict resolution prefers it.</summary>
    private static IEnumerable<string> Deduplicate(IEnumerable<string> paths) =>
        paths.GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase).Select(group => group.First());

    private static IEnumerable<string> PackageAssemblies(params string[] packageIds)
    {
        foreach (var packageId in packageIds)
        {
            var version = Setting("package:" + packageId, $"Add <ReferencePackage Include=\"{packageId}\" .../> to Gatekeeper.Tests.csproj.");
            var folder = Path.Combine(Setting("nuget.packages"), packageId.ToLowerInvariant(), version.ToLowerInvariant());
            if (!Directory.Exists(folder))
            {
                throw new InvalidOperationException($"Package {packageId} {version} is not restored at {folder}: run 'dotnet restore tests/Gatekeeper.Tests'.");
            }

            // Meta-packages (xunit.core) have no lib/ folder: they only bring their dependencies.
            var lib = Path.Combine(folder, "lib");
            var best = FrameworkPreference.Select(tfm => Path.Combine(lib, tfm)).FirstOrDefault(Directory.Exists);
            if (best is null)
            {
                continue;
            }

            foreach (var dll in Directory.GetFiles(best, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
            {
                yield return dll;
            }
        }
    }

    /// <summary>The ref/net10.0 assemblies of the highest 10.x version of a targeting pack.</summary>
    private static IEnumerable<string> TargetingPack(string packName)
    {
        var packFolder = Path.Combine(Setting("dotnet.packs"), packName);
        var versions = Directory.Exists(packFolder) ? Directory.GetDirectories(packFolder) : [];
        var highest = versions
            .Select(dir => (Dir: dir, Version: ParseVersion(Path.GetFileName(dir))))
            .Where(v => v.Version.Number.Major == 10)
            .OrderBy(v => v.Version.Number).ThenBy(v => v.Version.IsRelease)
            .LastOrDefault();
        var refFolder = highest.Dir is null ? null : Path.Combine(highest.Dir, "ref", "net10.0");
        if (refFolder is null || !Directory.Exists(refFolder))
        {
            throw new InvalidOperationException($"No 10.x version of {packName} with ref/net10.0 under {packFolder}.");
        }

        return Directory.GetFiles(refFolder, "*.dll").OrderBy(p => p, StringComparer.Ordinal);
    }

    private static (Version Number, bool IsRelease) ParseVersion(string folderName)
    {
        var dash = folderName.IndexOf('-');
        var number = dash < 0 ? folderName : folderName.Substring(0, dash);
        return (Version.TryParse(number, out var version) ? version : new Version(0, 0), dash < 0);
    }

    private static string Setting(string key, string? hint = null) =>
        Settings.Value.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"'{key}' is missing from reference-packages.txt. {hint}");

    /// <summary>Reads the key=value lines that the test project's WriteReferencePackageList target writes next to the tests.</summary>
    private static IReadOnlyDictionary<string, string> ReadSettings()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "reference-packages.txt");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} does not exist: build tests/Gatekeeper.Tests (its WriteReferencePackageList target writes it).");
        }

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadAllLines(file))
        {
            var equals = line.IndexOf('=');
            if (equals > 0)
            {
                settings[line.Substring(0, equals).Trim()] = line.Substring(equals + 1).Trim();
            }
        }

        return settings;
    }
}
