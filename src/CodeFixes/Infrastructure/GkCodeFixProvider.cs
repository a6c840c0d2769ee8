using System;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Gatekeeper.CodeFixes.Infrastructure;

/// <summary>
/// Base of every Gatekeeper code fix: declares the fixable IDs once, uses the batch fixer for
/// Fix All, and guarantees that a fixer never throws into the IDE. A fix that hits an unexpected
/// state offers nothing instead (a missing light bulb is a nuisance, a crash is a bug).
/// </summary>
public abstract class GkCodeFixProvider : CodeFixProvider
{
    private readonly ImmutableArray<string> _fixableDiagnosticIds;

    protected GkCodeFixProvider(params string[] ids)
    {
        _fixableDiagnosticIds = ImmutableArray.Create(ids);
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds => _fixableDiagnosticIds;

    /// <summary>
    /// Batch fixing merges the per-diagnostic changes of one document. A rule whose fixes conflict
    /// when merged (same span edited twice) overrides this with a document-based provider.
    /// </summary>
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        try
        {
            await RegisterFixesAsync(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Offer nothing: half-typed code or a shape the fix did not foresee must never surface
            // as an exception in the IDE or in `dotnet format`.
        }
    }

    /// <summary>Registers the rule's code actions. Exceptions are swallowed by the caller.</summary>
    protected abstract Task RegisterFixesAsync(CodeFixContext context);
}
