using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Gatekeeper.Tests.Verifiers;

/// <summary>Hands FixAll the diagnostics of a project, computed once per project snapshot by <paramref name="analyze"/>.</summary>
internal sealed class CachedDiagnosticProvider(Func<Project, Task<ImmutableArray<Diagnostic>>> analyze) : FixAllContext.DiagnosticProvider
{
    private readonly ConcurrentDictionary<Project, Task<ImmutableArray<Diagnostic>>> _cache = new();

    public Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project) => _cache.GetOrAdd(project, analyze);

    public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
        (await AnalyzeAsync(document.Project)).Where(d => d.Location.IsInSource && d.Location.SourceTree!.FilePath == document.FilePath);

    public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
        (await AnalyzeAsync(project)).Where(d => !d.Location.IsInSource);

    public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
        await AnalyzeAsync(project);
}
