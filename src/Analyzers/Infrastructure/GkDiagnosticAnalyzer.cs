using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Analyzers.Infrastructure;

/// <summary>
/// Base of every Gatekeeper analyzer: owns the boilerplate every rule must get right
/// (no analysis of generated code, concurrent execution) and hands each rule a
/// compilation-start context, so rules resolve their well-known types once per compilation.
/// Rules never keep state in fields: per-compilation state lives in the start action's closure.
/// </summary>
public abstract class GkDiagnosticAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysis);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(AnalyzeCompilation);
    }

    /// <summary>
    /// How the driver treats generated code for this rule: by default it is neither analyzed nor reported
    /// in. A rule that reports only inside the declaration it is analyzing may say
    /// <see cref="GeneratedCodeAnalysisFlags.ReportDiagnostics"/>: generated code is still not analyzed
    /// (the driver skips generated trees and declarations marked <c>[GeneratedCode]</c> for it), and the
    /// driver no longer checks each diagnostic's location for generated code, a check that scans every
    /// token of the tree the first time a diagnostic is reported in it.
    /// </summary>
    protected virtual GeneratedCodeAnalysisFlags GeneratedCodeAnalysis => GeneratedCodeAnalysisFlags.None;

    /// <summary>
    /// Called once per compilation. Resolve what the rule needs; register nothing when the
    /// framework the rule is about is not referenced, so such projects pay nothing.
    /// </summary>
    protected abstract void AnalyzeCompilation(CompilationStartAnalysisContext context);
}
