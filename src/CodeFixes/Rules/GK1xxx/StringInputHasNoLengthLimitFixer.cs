using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gatekeeper.Analyzers;
using Gatekeeper.Analyzers.Rules;
using Gatekeeper.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.CodeFixes.Rules;

/// <summary>
/// GK1002: adds <c>[StringLength(N)]</c> to a request string (<c>[MaxLength(N)]</c>, a count limit, to a
/// collection of strings), with <c>using System.ComponentModel.DataAnnotations;</c>. N comes from the
/// diagnostic (the analyzer's name table or <c>gatekeeper.GK1002.default_max_length</c>). The attribute
/// goes where ASP.NET Core's validation reads it: on the property, on the handler parameter, and on a
/// positional record's constructor parameter itself (no <c>property:</c> target: MVC rejects validation
/// attributes on the properties of a record's primary constructor). Fix All edits each document once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StringInputHasNoLengthLimitFixer)), Shared]
public sealed class StringInputHasNoLengthLimitFixer : GkCodeFixProvider
{
    public const string AddLimitKey = "GK1002.AddLengthLimit";

    private const string DataAnnotations = "System.ComponentModel.DataAnnotations";

    public StringInputHasNoLengthLimitFixer()
        : base(RuleIds.StringInputHasNoLengthLimit)
    {
    }

    public override FixAllProvider? GetFixAllProvider() =>
        FixAllProvider.Create(static (context, document, diagnostics) => FixDocumentAsync(document, diagnostics, context.CancellationToken));

    protected override async Task RegisterFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Target(root, diagnostic) is null || Attribute(diagnostic) is not { } attribute)
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add [{attribute}]",
                    cancellationToken => FixAsync(document, diagnostic, cancellationToken),
                    AddLimitKey),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        await FixDocumentAsync(document, ImmutableArray.Create(diagnostic), cancellationToken).ConfigureAwait(false) ?? document;

    private static async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) as CompilationUnitSyntax;
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var targets = new Dictionary<SyntaxNode, string>();
        foreach (var diagnostic in diagnostics)
        {
            if (Target(root, diagnostic) is { } target && Attribute(diagnostic) is { } attribute && !targets.ContainsKey(target))
            {
                targets.Add(target, attribute);
            }
        }

        if (targets.Count == 0)
        {
            return null;
        }

        var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(root.SyntaxTree);
        var layout = TextLayout.For(text, root, options);
        var newRoot = root.ReplaceNodes(targets.Keys, (original, rewritten) => AddAttribute(rewritten, targets[original], layout));
        newRoot = UsingDirectives.Add(newRoot, HasUsing(root) ? Enumerable.Empty<string>() : new[] { DataAnnotations }, layout);
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>The property or parameter whose identifier the diagnostic marks.</summary>
    private static SyntaxNode? Target(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Location.IsInSource || diagnostic.Location.SourceTree != root.SyntaxTree)
        {
            return null;
        }

        var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        return token.Parent switch
        {
            PropertyDeclarationSyntax property when property.Identifier == token => property,
            ParameterSyntax parameter when parameter.Identifier == token => parameter,
            _ => null,
        };
    }

    /// <summary><c>StringLength(N)</c> or <c>MaxLength(N)</c>, from the diagnostic's properties.</summary>
    private static string? Attribute(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(StringInputHasNoLengthLimitAnalyzer.MaxLengthProperty, out var length)
            || !int.TryParse(length, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return null;
        }

        diagnostic.Properties.TryGetValue(StringInputHasNoLengthLimitAnalyzer.ShapeProperty, out var shape);
        return (shape == StringInputHasNoLengthLimitAnalyzer.ShapeCollection ? "MaxLength(" : "StringLength(") + length + ")";
    }

    private static bool HasUsing(CompilationUnitSyntax root)
    {
        foreach (var node in root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
        {
            if (node is UsingDirectiveSyntax { Alias: null, StaticKeyword.RawKind: 0 } directive && directive.Name?.ToString() == DataAnnotations)
            {
                return true;
            }
        }

        return false;
    }

    private static SyntaxNode AddAttribute(SyntaxNode node, string attribute, TextLayout layout)
    {
        var open = attribute.IndexOf('(');
        var length = int.Parse(attribute.Substring(open + 1, attribute.Length - open - 2), System.Globalization.CultureInfo.InvariantCulture);
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(
            SyntaxFactory.IdentifierName(attribute.Substring(0, open)),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(
                SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(length))))))))
            .NormalizeWhitespace(); // no elastic trivia: the code action's clean-up must not reformat around it
        switch (node)
        {
            case PropertyDeclarationSyntax property:
            {
                // On a line of its own, after the property's other attributes.
                var indentation = layout.LineIndentation(property.Modifiers.Count > 0 ? property.Modifiers[0].SpanStart : property.Type.SpanStart);
                if (property.AttributeLists.Count > 0)
                {
                    return property.AddAttributeLists(list.WithLeadingTrivia(TextLayout.Whitespace(indentation)).WithTrailingTrivia(layout.EndOfLineTrivia));
                }

                var leading = property.GetLeadingTrivia();
                return property.WithLeadingTrivia(TextLayout.Whitespace(indentation))
                    .WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(leading).WithTrailingTrivia(layout.EndOfLineTrivia)));
            }

            case ParameterSyntax parameter:
            {
                // Inline, before the type: `[FromQuery] [StringLength(256)] string q`.
                if (parameter.AttributeLists.Count > 0)
                {
                    var last = parameter.AttributeLists[parameter.AttributeLists.Count - 1];
                    var separator = last.GetTrailingTrivia();
                    var lists = parameter.AttributeLists.Replace(last, last.WithTrailingTrivia(SyntaxFactory.Space))
                        .Add(list.WithTrailingTrivia(separator.Count > 0 ? separator : SyntaxFactory.TriviaList(SyntaxFactory.Space)));
                    return parameter.WithAttributeLists(lists);
                }

                var leading = parameter.GetLeadingTrivia();
                return parameter.WithLeadingTrivia(SyntaxFactory.TriviaList())
                    .WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.Space)));
            }

            default:
                return node;
        }
    }
}
