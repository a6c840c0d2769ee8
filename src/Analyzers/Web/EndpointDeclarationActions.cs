using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Analyzers.Web;

/// <summary>
/// The declaration actions of a security rule (GK1001, GK1003, GK1004): one for controller actions and page handlers
/// (method declarations), one for method-group and local-function handlers of <c>Map*</c> calls (method declarations
/// and local functions). Where a project has both, a method declaration gets one callback that runs both checks, not
/// two: the driver's cost per callback, paid for every method of the project, was more than the checks cost on most
/// of them (docs/performance.md, fifteenth pass).
/// </summary>
internal static class EndpointDeclarationActions
{
    /// <summary>
    /// True for the implementing part of a partial method. A partial action is analyzed once, at its defining part: its
    /// name resolves there, its attributes may sit on either part (the symbol merges them), and rules read the body
    /// through <see cref="Endpoint.HandlerBodySyntax"/>.
    /// </summary>
    public static bool IsPartialImplementation(MethodDeclarationSyntax declaration) =>
        (declaration.Body is not null || declaration.ExpressionBody is not null) && declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    /// <param name="controllerAction">The check of a method as a controller action or page handler; null when the project has none.</param>
    /// <param name="handlerDeclaration">The check of a method or local function as a <c>Map*</c> handler; null when the project maps none.</param>
    public static void Register(
        CompilationStartAnalysisContext context,
        Action<SyntaxNodeAnalysisContext>? controllerAction,
        Action<SyntaxNodeAnalysisContext>? handlerDeclaration)
    {
        if (controllerAction is not null && handlerDeclaration is not null)
        {
            context.RegisterSyntaxNodeAction(
                node =>
                {
                    controllerAction(node);
                    handlerDeclaration(node);
                },
                SyntaxKind.MethodDeclaration);
            context.RegisterSyntaxNodeAction(handlerDeclaration, SyntaxKind.LocalFunctionStatement);
        }
        else if (controllerAction is not null)
        {
            context.RegisterSyntaxNodeAction(controllerAction, SyntaxKind.MethodDeclaration);
        }
        else if (handlerDeclaration is not null)
        {
            context.RegisterSyntaxNodeAction(handlerDeclaration, SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement);
        }
    }
}
