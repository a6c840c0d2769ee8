using System;
using System.Threading;
using Gatekeeper.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Analyzers.Web;

/// <summary>
/// The <c>Map*</c> calls of each document, for a rule that checks them where they are written (GK1003, GK1004): one
/// action per document, which reads the calls from the tree's syntax index and skips a document that maps nothing.
/// A node action on every invocation of an API project cost the driver more than these rules' checks of the few
/// <c>Map*</c> calls among them (docs/performance.md, fifteenth pass). Not for GK1001, which follows a handler's calls
/// into other documents and must ask while the driver still holds their models (rule 15 of that page).
/// </summary>
internal static class DocumentMapCalls
{
    /// <param name="analyze">Checks one call that <see cref="MinimalApiEndpoints.MayBeMapCall"/> lets through, with the document's model.</param>
    public static void Register(
        CompilationStartAnalysisContext context,
        Action<InvocationExpressionSyntax, SemanticModel, Action<Diagnostic>, CancellationToken> analyze)
    {
        context.RegisterSemanticModelAction(document =>
        {
            var model = document.SemanticModel;
            var tree = model.SyntaxTree;
            var cancellationToken = document.CancellationToken;
            if (!CompilationSyntaxIndex.MayMapEndpoint(tree, cancellationToken))
            {
                return;
            }

            var index = CompilationSyntaxIndex.For(tree, cancellationToken);
            foreach (var name in MinimalApiEndpoints.MapMethodNames)
            {
                foreach (var invocation in index.InvocationsNamed(name))
                {
                    // A document action sees the declarations marked [GeneratedCode] too: skipped, as the driver would.
                    if (MinimalApiEndpoints.MayBeMapCall(invocation)
                        && !GeneratedCodeDeclarations.IsInMarkedDeclaration(invocation, model, cancellationToken))
                    {
                        analyze(invocation, model, document.ReportDiagnostic, cancellationToken);
                    }
                }
            }
        });
    }
}
