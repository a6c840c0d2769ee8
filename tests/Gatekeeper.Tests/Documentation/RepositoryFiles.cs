using System;
using System.IO;

namespace Gatekeeper.Tests.Documentation;

/// <summary>Files of the repository this test assembly was built from (docs, README, release tracking).</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder that holds Analyzers.sln, found by walking up from the test binaries.</summary>
    public static string Root => RootPath.Value;

    public static string PathOf(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string ReadAllText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public static string[] ReadAllLines(string relativePath) => File.ReadAllLines(PathOf(relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Analyzers.sln: the documentation tests need the repository.");
    }
}
