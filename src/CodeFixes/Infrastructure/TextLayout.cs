using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Gatekeeper.CodeFixes.Infrastructure;

/// <summary>
/// The line ending and indentation a document already uses, so that inserted code looks as if
/// the developer had typed it. Read from the text first (what the file does), then from
/// .editorconfig (what the team wants), then from conventional defaults.
/// </summary>
internal sealed class TextLayout
{
    private const string DefaultIndentUnit = "    ";

    private TextLayout(SourceText text, string endOfLine, string indentUnit)
    {
        Text = text;
        EndOfLine = endOfLine;
        IndentUnit = indentUnit;
    }

    public SourceText Text { get; }

    /// <summary>"\n" or "\r\n": the first line break of the document.</summary>
    public string EndOfLine { get; }

    /// <summary>One level of indentation ("    ", "  " or "\t").</summary>
    public string IndentUnit { get; }

    public static TextLayout For(SourceText text, SyntaxNode root, AnalyzerConfigOptions? options)
    {
        return new TextLayout(text, DetectEndOfLine(text, options), DetectIndentUnit(text, root, options));
    }

    /// <summary>The whitespace at the start of the line that contains <paramref name="position"/>.</summary>
    public string LineIndentation(int position)
    {
        var line = Text.Lines.GetLineFromPosition(position);
        var end = line.Start;
        while (end < line.End && (Text[end] == ' ' || Text[end] == '\t'))
        {
            end++;
        }

        return Text.ToString(TextSpan.FromBounds(line.Start, end));
    }

    /// <summary>True when only whitespace precedes <paramref name="position"/> on its line.</summary>
    public bool StartsLine(int position)
    {
        var line = Text.Lines.GetLineFromPosition(position);
        for (var i = line.Start; i < position; i++)
        {
            if (Text[i] != ' ' && Text[i] != '\t')
            {
                return false;
            }
        }

        return true;
    }

    private static string DetectEndOfLine(SourceText text, AnalyzerConfigOptions? options)
    {
        foreach (var line in text.Lines)
        {
            if (line.EndIncludingLineBreak > line.End)
            {
                return text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
            }
        }

        if (options is not null && options.TryGetValue("end_of_line", out var configured))
        {
            switch (configured.Trim().ToLowerInvariant())
            {
                case "lf":
                    return "\n";
                case "crlf":
                    return "\r\n";
                case "cr":
                    return "\r";
            }
        }

        // A one-line document with no .editorconfig: any choice is as good; LF is what git stores.
        return "\n";
    }

    private static string DetectIndentUnit(SourceText text, SyntaxNode root, AnalyzerConfigOptions? options)
    {
        // The difference between a member's indentation and its type's is what the file uses.
        foreach (var type in root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                     .OfType<TypeDeclarationSyntax>())
        {
            foreach (var member in type.Members)
            {
                var typeIndentation = IndentationOfLine(text, FirstTokenAfterAttributes(type).SpanStart);
                var memberIndentation = IndentationOfLine(text, FirstTokenAfterAttributes(member).SpanStart);
                if (memberIndentation.Length > typeIndentation.Length && memberIndentation.StartsWith(typeIndentation, StringComparison.Ordinal))
                {
                    return memberIndentation.Substring(typeIndentation.Length);
                }
            }
        }

        if (options is not null)
        {
            if (options.TryGetValue("indent_style", out var style) && style.Trim().Equals("tab", StringComparison.OrdinalIgnoreCase))
            {
                return "\t";
            }

            if (options.TryGetValue("indent_size", out var size) && int.TryParse(size.Trim(), out var count) && count is > 0 and <= 16)
            {
                return new string(' ', count);
            }
        }

        return DefaultIndentUnit;
    }

    private static SyntaxToken FirstTokenAfterAttributes(MemberDeclarationSyntax member)
    {
        var token = member.GetFirstToken();
        if (member.AttributeLists.Count > 0)
        {
            token = member.AttributeLists.Last().GetLastToken().GetNextToken();
        }

        return token;
    }

    private static string IndentationOfLine(SourceText text, int position)
    {
        var line = text.Lines.GetLineFromPosition(position);
        var end = line.Start;
        while (end < line.End && (text[end] == ' ' || text[end] == '\t'))
        {
            end++;
        }

        return text.ToString(TextSpan.FromBounds(line.Start, end));
    }

    /// <summary>The indentation of the line where <paramref name="member"/> starts, attributes excluded.</summary>
    public string MemberIndentation(MemberDeclarationSyntax member) => LineIndentation(FirstTokenAfterAttributes(member).SpanStart);

    /// <summary>A trivia list holding one end of line.</summary>
    public SyntaxTriviaList EndOfLineTrivia => SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(EndOfLine));

    /// <summary>A trivia list holding <paramref name="indentation"/>, or nothing when it is empty.</summary>
    public static SyntaxTriviaList Whitespace(string indentation) =>
        indentation.Length == 0 ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(indentation));
}
