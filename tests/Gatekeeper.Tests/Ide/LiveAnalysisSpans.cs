using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.Tests.Ide;

/// <summary>The spans the IDE asks about one at a time when it analyzes a document member by member.</summary>
internal static class LiveAnalysisSpans
{
    /// <summary>Each member of each type, each top-level statement and the rest: spans that do not overlap and cover the file.</summary>
    public static List<TextSpan> Of(SyntaxNode root)
    {
        var members = root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
            .Where(node => node is MemberDeclarationSyntax and not BaseNamespaceDeclarationSyntax and not TypeDeclarationSyntax
                || node is TypeDeclarationSyntax type && type.Members.Count == 0)
            .Select(node => node.FullSpan)
            .OrderBy(span => span.Start)
            .ToList();
        var spans = new List<TextSpan>();
        var position = 0;
        foreach (var member in members)
        {
            if (member.Start > position)
            {
                spans.Add(TextSpan.FromBounds(position, member.Start));
            }

            spans.Add(member);
            position = Math.Max(position, member.End);
        }

        if (position < root.FullSpan.End)
        {
            spans.Add(TextSpan.FromBounds(position, root.FullSpan.End));
        }

        return spans;
    }
}
