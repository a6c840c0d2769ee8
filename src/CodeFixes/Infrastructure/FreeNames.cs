using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gatekeeper.CodeFixes.Infrastructure;

/// <summary>Picks local names that clash with nothing: <c>result</c>, <c>result2</c>, …</summary>
internal sealed class FreeNames
{
    private readonly SemanticModel _model;
    private readonly int _position;
    private readonly HashSet<string> _taken = new();

    /// <param name="scope">Every identifier in it is taken (locals of nested lambdas included, so the new local hides nothing).</param>
    public FreeNames(SemanticModel model, int position, SyntaxNode scope)
    {
        _model = model;
        _position = position;
        foreach (var token in scope.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                _taken.Add(token.ValueText);
            }
        }
    }

    public string Next(string baseName)
    {
        for (var suffix = 1; ; suffix++)
        {
            var candidate = suffix == 1 ? baseName : baseName + suffix.ToString(CultureInfo.InvariantCulture);
            if (!_taken.Contains(candidate) && _model.LookupSymbols(_position, name: candidate).IsEmpty)
            {
                _taken.Add(candidate);
                return candidate;
            }
        }
    }
}
