using System;
using System.Collections.Generic;
using System.Linq;

namespace Gatekeeper.Benchmarks.Generation;

internal enum EndpointStyle
{
    Controller,
    MinimalApi,
}

internal enum TestFramework
{
    Xunit,
    NUnit,
    MSTest,
}

internal enum MockLibrary
{
    Moq,
    NSubstitute,
    FakeItEasy,
}

internal enum AssertionStyle
{
    Framework,
    FluentAssertions,
}

/// <summary>One source file of the generated solution; <see cref="Path"/> is relative to the project folder.</summary>
internal sealed record GeneratedFile(string Path, string Text)
{
    public int LineCount { get; } = CountLines(Text);

    private static int CountLines(string text)
    {
        var lines = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                lines++;
            }
        }

        return lines;
    }
}

/// <summary>An API project and its test project, as an SDK build would hand them to the compiler.</summary>
internal sealed record GeneratedSolution(
    double Size,
    int ResourceCount,
    IReadOnlyList<GeneratedFile> ApiFiles,
    IReadOnlyList<GeneratedFile> TestFiles,
    string LargeTestFilePath)
{
    public int ApiLines => ApiFiles.Sum(f => f.LineCount);

    public int TestLines => TestFiles.Sum(f => f.LineCount);

    public int TotalLines => ApiLines + TestLines;

    public GeneratedFile LargeTestFile => TestFiles.Single(f => string.Equals(f.Path, LargeTestFilePath, StringComparison.Ordinal));
}

/// <summary>One API resource (entity, DTOs, validator, repository, service, endpoints) and how its tests are written.</summary>
internal sealed record ResourceSpec(
    int Index,
    string Name,
    string Plural,
    string? ParentName,
    EndpointStyle Style,
    TestFramework Framework,
    MockLibrary Mocks,
    AssertionStyle Assertions,
    int ExtraProperties,
    bool AdminOnlyDelete)
{
    public string Route => "api/" + ToKebab(Plural);

    public string Camel => char.ToLowerInvariant(Name[0]) + Name.Substring(1);

    private static string ToKebab(string name)
    {
        var chars = new List<char>();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                chars.Add('-');
            }

            chars.Add(char.ToLowerInvariant(c));
        }

        return new string(chars.ToArray());
    }
}
