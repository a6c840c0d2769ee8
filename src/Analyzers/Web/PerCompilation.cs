using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Web;

/// <summary>
/// One semantic model per tree for the whole compilation, for the compilation-wide scans that must
/// look at trees the driver has not handed to the current action (RS1030's concern: each model is
/// created once and reused).
/// </summary>
internal sealed class SemanticModelCache
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    // Created once: a lambda capturing the cache, written at the call, is a new delegate on every call.
    private readonly Func<SyntaxTree, SemanticModel> _create;

    public SemanticModelCache(Compilation compilation)
    {
        _compilation = compilation;
        _create = tree => _compilation.GetSemanticModel(tree);
    }

    public SemanticModel For(SyntaxTree tree) => _models.GetOrAdd(tree, _create);
}

/// <summary>A value computed once per compilation on first need; a cancelled computation is retried by the next caller.</summary>
internal sealed class LazyPerCompilation<T>
    where T : class
{
    private readonly Func<CancellationToken, T> _compute;
    private readonly object _gate = new();
    private T? _value;

    public LazyPerCompilation(Func<CancellationToken, T> compute)
    {
        _compute = compute;
    }

    public T Get(CancellationToken cancellationToken)
    {
        var value = Volatile.Read(ref _value);
        if (value is not null)
        {
            return value;
        }

        lock (_gate)
        {
            if (_value is null)
            {
                var computed = _compute(cancellationToken);
                Volatile.Write(ref _value, computed);
            }

            return _value!;
        }
    }
}
