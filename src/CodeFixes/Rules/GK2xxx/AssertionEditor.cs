using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gatekeeper.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.CodeFixes.Rules;

/// <summary>
/// Turns a plan and its assertion templates into a new method body. Statements are parsed from
/// text laid out with the document's own indentation and line endings, so the result needs no
/// formatting pass; the developer's expressions and statements are moved in as syntax, with their
/// comments and inner layout.
/// </summary>
internal static class AssertionEditor
{
    public static BlockSyntax? Apply(BlockSyntax body, AssertionPlan plan, IReadOnlyList<string> templates, TextLayout layout, CSharpParseOptions parseOptions)
    {
        var anchor = plan.Anchor;
        var multiLine = layout.StartsLine(anchor.SpanStart) && EndsWithEndOfLine(anchor.GetTrailingTrivia());
        var indentation = multiLine ? layout.LineIndentation(anchor.SpanStart) : string.Empty;
        var separator = multiLine ? SyntaxTriviaList.Empty : SyntaxFactory.TriviaList(SyntaxFactory.Space);

        var generated = new List<StatementSyntax>();
        foreach (var template in templates)
        {
            var statement = Parse(Materialize(template, indentation, layout, multiLine), parseOptions);
            statement = statement is null ? null : FillPlaceholders(statement, plan, layout, multiLine);
            if (statement is null)
            {
                return null;
            }

            generated.Add(multiLine ? statement : statement.WithTrailingTrivia(separator));
        }

        if (generated.Count == 0)
        {
            return null;
        }

        var replacement = new List<StatementSyntax>();
        switch (plan.Edit)
        {
            case AnchorEdit.InsertAfter:
                replacement.Add(anchor);
                replacement.AddRange(generated);
                break;
            case AnchorEdit.InsertBefore:
                generated[0] = generated[0].WithLeadingTrivia(anchor.GetLeadingTrivia());
                replacement.AddRange(generated);
                replacement.Add(anchor.WithLeadingTrivia(TextLayout.Whitespace(indentation)));
                break;
            case AnchorEdit.Capture:
                var capture = Parse($"var {plan.ValueName} = {AssertionTemplates.Operand};", parseOptions);
                capture = capture is null ? null : FillPlaceholders(capture, plan, layout, multiLine);
                if (capture is null)
                {
                    return null;
                }

                replacement.Add(capture.WithLeadingTrivia(anchor.GetLeadingTrivia()).WithTrailingTrivia(anchor.GetTrailingTrivia()));
                replacement.AddRange(generated);
                break;
            default:
                generated[0] = generated[0].WithLeadingTrivia(anchor.GetLeadingTrivia());
                generated[generated.Count - 1] = generated[generated.Count - 1].WithTrailingTrivia(anchor.GetTrailingTrivia());
                replacement.AddRange(generated);
                break;
        }

        var index = body.Statements.IndexOf(anchor);
        if (index < 0)
        {
            return null;
        }

        var statements = body.Statements.RemoveAt(index).InsertRange(index, replacement);
        return body.WithStatements(statements);
    }

    /// <summary>Lays a template out: one line per '\n', each leading '\t' one indentation unit.</summary>
    private static string Materialize(string template, string indentation, TextLayout layout, bool multiLine)
    {
        var text = new StringBuilder();
        var lines = template.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var level = 0;
            while (level < line.Length && line[level] == '\t')
            {
                level++;
            }

            if (!multiLine)
            {
                // `{ try { Run(); } catch (Exception ex) { … } }` on one line, like the body it joins.
                text.Append(i == 0 ? string.Empty : " ").Append(line, level, line.Length - level);
                continue;
            }

            text.Append(indentation);
            for (var j = 0; j < level; j++)
            {
                text.Append(layout.IndentUnit);
            }

            text.Append(line, level, line.Length - level).Append(layout.EndOfLine);
        }

        return text.ToString();
    }

    /// <summary>
    /// Parses one statement inside an async method, so that <c>await</c> parses as an operator
    /// whatever the context of the text.
    /// </summary>
    private static StatementSyntax? Parse(string text, CSharpParseOptions parseOptions)
    {
        // The line break ends the brace's trailing trivia, so the text's indentation is the statement's.
        const string Prefix = "class __GkC { async void __GkM() {\n";
        const string Suffix = "\n} }";
        var unit = SyntaxFactory.ParseCompilationUnit(Prefix + text + Suffix, options: parseOptions);
        if (unit.ContainsDiagnostics
            || unit.Members.FirstOrDefault() is not ClassDeclarationSyntax { Members.Count: 1 } wrapper
            || wrapper.Members[0] is not MethodDeclarationSyntax { Body.Statements.Count: 1 } method)
        {
            return null;
        }

        var statement = method.Body!.Statements[0];

        // A node of the wrapper tree: inserting it elsewhere copies it with its own trivia.
        return statement;
    }

    private static StatementSyntax? FillPlaceholders(StatementSyntax statement, AssertionPlan plan, TextLayout layout, bool multiLine)
    {
        var operandValue = plan.Edit == AnchorEdit.Capture ? plan.CapturedValue : plan.Operand;
        var operands = statement.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Where(identifier => identifier.Identifier.ValueText == AssertionTemplates.Operand)
            .ToList();
        var placeholders = statement.DescendantNodesAndSelf()
            .OfType<ExpressionStatementSyntax>()
            .Where(IsStatementPlaceholder)
            .ToList();
        if (operands.Count > 0 && operandValue is null)
        {
            return null;
        }

        return statement.ReplaceNodes(
            operands.Cast<SyntaxNode>().Concat(placeholders),
            (original, _) =>
            {
                if (original is ExpressionStatementSyntax placeholder)
                {
                    var moved = multiLine ? Indentation.ShiftContinuationLines(plan.Anchor, layout.IndentUnit) : plan.Anchor;
                    return moved.WithLeadingTrivia(placeholder.GetLeadingTrivia()).WithTrailingTrivia(placeholder.GetTrailingTrivia());
                }

                return operandValue!.WithoutLeadingTrivia().WithoutTrailingTrivia();
            });
    }

    private static bool IsStatementPlaceholder(ExpressionStatementSyntax statement) =>
        statement.Expression is InvocationExpressionSyntax { Expression: IdentifierNameSyntax name, ArgumentList.Arguments.Count: 0 }
        && name.Identifier.ValueText + "();" == AssertionTemplates.Statement;

    private static bool EndsWithEndOfLine(SyntaxTriviaList trivia) =>
        trivia.Count > 0 && trivia[trivia.Count - 1].IsKind(SyntaxKind.EndOfLineTrivia);
}
