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
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(AnalyzeCompilation);
    }

    /// <summary>
    /// Called once per compilation. Resolve what the rule needs; register nothing when the
    /// framework the rule is about is not referenced, so such projects pay nothing.
    /// </summary>
    protected abstract void AnalyzeCompilation(CompilationStartAnalysisContext context);
}
