using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Gatekeeper.Analyzers;
using Gatekeeper.Analyzers.Rules;
using Gatekeeper.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.CodeFixes.Rules;

/// <summary>
/// GK1003: requires authorization on an endpoint that allows anonymous access.
/// <list type="bullet">
/// <item>Controller action: <c>[Authorize]</c> on the action (<see cref="RequireAuthorizationKey"/>), or on the
/// controller (<see cref="AuthorizeControllerKey"/>, offered when none of its mutating actions is authorized).</item>
/// <item>Minimal API: <c>.RequireAuthorization()</c> appended to the endpoint's convention chain.</item>
/// <item>Razor Pages handler: <c>[Authorize]</c> on the page model (handlers cannot carry it).</item>
/// <item>An endpoint opened with <c>[AllowAnonymous]</c> / <c>.AllowAnonymous()</c>: each marker is replaced
/// in place by <c>[Authorize]</c> / <c>.RequireAuthorization()</c> (a marker on a controller or group
/// opened every endpoint under it: they are all closed).</item>
/// </list>
/// The <c>using Microsoft.AspNetCore.Authorization;</c> (or <c>Microsoft.AspNetCore.Builder</c> for the
/// extension method) is added when missing. Fix All gathers every diagnostic's edits, applies each
/// edit once, and touches every document once, so edits in the same file never conflict.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(MutatingEndpointAllowsAnonymousFixer)), Shared]
public sealed class MutatingEndpointAllowsAnonymousFixer : GkCodeFixProvider
{
    /// <summary>Require authorization on the endpoint itself (the default).</summary>
    public const string RequireAuthorizationKey = "GK1003.RequireAuthorization";

    /// <summary>Add <c>[Authorize]</c> to the whole controller.</summary>
    public const string AuthorizeControllerKey = "GK1003.AuthorizeController";

    public MutatingEndpointAllowsAnonymousFixer()
        : base(RuleIds.MutatingEndpointAllowsAnonymous)
    {
    }

    public override FixAllProvider? GetFixAllProvider() => AuthorizationFixAllProvider.Instance;

    protected override async Task RegisterFixesAsync(CodeFixContext context)
    {
        var solution = context.Document.Project.Solution;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id != RuleIds.MutatingEndpointAllowsAnonymous)
            {
                continue;
            }

            if (await AuthorizationEdits.PlanAsync(solution, diagnostic, RequireAuthorizationKey, context.CancellationToken).ConfigureAwait(false) is { } edits)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        EndpointTitle(diagnostic, edits),
                        cancellationToken => AuthorizationEdits.ApplyAsync(solution, edits, cancellationToken),
                        RequireAuthorizationKey),
                    diagnostic);
            }

            if (await AuthorizationEdits.PlanAsync(solution, diagnostic, AuthorizeControllerKey, context.CancellationToken).ConfigureAwait(false) is { } controllerEdits)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        ControllerTitle(diagnostic),
                        cancellationToken => AuthorizationEdits.ApplyAsync(solution, controllerEdits, cancellationToken),
                        AuthorizeControllerKey),
                    diagnostic);
            }
        }
    }

    private static string EndpointTitle(Diagnostic diagnostic, ImmutableArray<AuthorizationEdit> edits)
    {
        if (edits.Length > 0 && edits[0].Kind is AuthorizationEditKind.ReplaceWithAuthorize or AuthorizationEditKind.RenameToRequireAuthorization)
        {
            return "Replace AllowAnonymous with an authorization requirement";
        }

        diagnostic.Properties.TryGetValue(MutatingEndpointAllowsAnonymousAnalyzer.EndpointKindProperty, out var kind);
        return kind switch
        {
            MutatingEndpointAllowsAnonymousAnalyzer.KindMinimalApi => "Add .RequireAuthorization() to the endpoint",
            MutatingEndpointAllowsAnonymousAnalyzer.KindRazorPage => "Add [Authorize] to the page model",
            _ => "Add [Authorize] to the action",
        };
    }

    private static string ControllerTitle(Diagnostic diagnostic) =>
        diagnostic.AdditionalLocations.Count > 0
        && diagnostic.AdditionalLocations[0].SourceTree?.GetRoot().FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true)
            ?.FirstAncestorOrSelf<ClassDeclarationSyntax>() is { } controller
            ? $"Add [Authorize] to controller '{controller.Identifier.ValueText}'"
            : "Add [Authorize] to the controller";

    /// <summary>Fix All for one action (by equivalence key) in a document, a project or the solution.</summary>
    private sealed class AuthorizationFixAllProvider : FixAllProvider
    {
        public static readonly AuthorizationFixAllProvider Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var key = fixAllContext.CodeActionEquivalenceKey ?? RequireAuthorizationKey;
            var title = key == AuthorizeControllerKey ? "Add [Authorize] to the controllers" : "Require authorization on every anonymous mutating endpoint";
            return Task.FromResult<CodeAction?>(CodeAction.Create(title, cancellationToken => FixAllAsync(fixAllContext, key, cancellationToken), key));
        }

        private static async Task<Solution> FixAllAsync(FixAllContext context, string key, CancellationToken cancellationToken)
        {
            var solution = context.Solution;
            try
            {
                var diagnostics = new List<Diagnostic>();
                switch (context.Scope)
                {
                    case FixAllScope.Document when context.Document is not null:
                        diagnostics.AddRange(await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false));
                        break;
                    case FixAllScope.Project:
                        diagnostics.AddRange(await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false));
                        break;
                    case FixAllScope.Solution:
                        foreach (var project in solution.Projects)
                        {
                            diagnostics.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                        }

                        break;
                }

                var edits = new List<AuthorizationEdit>();
                foreach (var diagnostic in diagnostics)
                {
                    if (await AuthorizationEdits.PlanAsync(solution, diagnostic, key, cancellationToken).ConfigureAwait(false) is { } planned)
                    {
                        edits.AddRange(planned);
                    }
                }

                return await AuthorizationEdits.ApplyAsync(solution, edits, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Fix All must not throw: leave the solution as it is.
                return solution;
            }
        }
    }
}
