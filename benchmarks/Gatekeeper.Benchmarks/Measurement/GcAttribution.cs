using System;
using System.Threading;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gatekeeper.Benchmarks.Measurement;

// Handed to CompilationWithAnalyzers in this process only, never loaded by a compiler or shipped.
#pragma warning disable RS1001, RS1012, RS1025, RS1026, RS1036, RS1041

/// <summary>
/// --gc-attribution: a Gatekeeper analyzer wrapped so that each of its callbacks records the time inside it, the
/// bytes the thread allocated, the time the runtime was paused for garbage collection meanwhile, the thread's CPU time
/// and the time it waited for a core. Even a one-thread analysis (the default) runs on two threads: the calling thread
/// binds the compilation and produces its events while the driver runs the callbacks on a pool thread. A collection
/// stops both, so Roslyn's telemetry counts a pause inside whichever callback is running when it strikes, whoever
/// allocated; most of what a collection traces is the compiler's and the driver's live data. This tells a rule's own
/// work from the time the process took from it (not with --concurrent, where callbacks overlap).
/// </summary>
internal sealed class GcAttributingAnalyzer : DiagnosticAnalyzer
{
    private readonly DiagnosticAnalyzer _inner;
    private long _ticks;
    private long _pauseTicks;
    private long _bytes;
    private long _gen2;
    private long _gen1;
    private long _gen0;
    private long _startTicks;
    private long _startPauseTicks;
    private long _cpuNanoseconds;
    private long _runQueueNanoseconds;

    public GcAttributingAnalyzer(DiagnosticAnalyzer inner)
    {
        _inner = inner;
    }

    public DiagnosticAnalyzer Inner => _inner;

    public double CallbackMs => _ticks * 1000.0 / Stopwatch.Frequency;

    public double GcPauseMs => TimeSpan.FromTicks(_pauseTicks).TotalMilliseconds;

    public long Bytes => _bytes;

    /// <summary>The part of <see cref="CallbackMs"/> spent in compilation-start actions (they run while the compiler declares the project).</summary>
    public double StartMs => _startTicks * 1000.0 / Stopwatch.Frequency;

    /// <summary>The part of <see cref="GcPauseMs"/> inside compilation-start actions.</summary>
    public double StartPauseMs => TimeSpan.FromTicks(_startPauseTicks).TotalMilliseconds;

    /// <summary>
    /// The CPU time of the threads while they ran the callbacks: below <see cref="CallbackMs"/> by the time the thread
    /// waited (for a lock, a collection, a core). NaN where the per-thread clock is not available.
    /// </summary>
    public double CpuMs => ThreadCpuClock.IsAvailable ? _cpuNanoseconds / 1e6 : double.NaN;

    /// <summary>
    /// The time the threads were ready to run the callbacks but waited for a core (Linux scheduler statistics): the
    /// part of <see cref="CallbackMs"/> that other threads of the machine took, such as the compiler's thread and the
    /// collector's background threads. NaN where the statistics are not available.
    /// </summary>
    public double RunQueueMs => RunQueueClock.IsAvailable ? _runQueueNanoseconds / 1e6 : double.NaN;

    /// <summary>Collections that started inside the callbacks, by generation (a gen2 one also counts as gen0 and gen1 in the runtime's counts; here each is counted once).</summary>
    public GcCounts Collections => new(_gen0, _gen1, _gen2);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => _inner.Initialize(new WrappingContext(context, this));

    /// <summary>The callback, measured.</summary>
    private Action<T> Wrap<T>(Action<T> action) => argument =>
    {
        var isStart = argument is CompilationStartAnalysisContext;

        // Outermost, so that the CPU window does not hold its file read.
        var waitedBefore = RunQueueClock.WaitedNanoseconds();
        var pausedBefore = GC.GetTotalPauseDuration();
        var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        var countsBefore = GcCounts.Now();
        var cpuBefore = ThreadCpuClock.NowNanoseconds();
        var started = Stopwatch.GetTimestamp();
        try
        {
            action(argument);
        }
        finally
        {
            var ticks = Stopwatch.GetTimestamp() - started;
            Interlocked.Add(ref _cpuNanoseconds, ThreadCpuClock.NowNanoseconds() - cpuBefore);
            var pauseTicks = (GC.GetTotalPauseDuration() - pausedBefore).Ticks;
            Interlocked.Add(ref _ticks, ticks);
            Interlocked.Add(ref _bytes, GC.GetAllocatedBytesForCurrentThread() - bytesBefore);
            Interlocked.Add(ref _pauseTicks, pauseTicks);
            if (isStart)
            {
                Interlocked.Add(ref _startTicks, ticks);
                Interlocked.Add(ref _startPauseTicks, pauseTicks);
            }

            var counts = GcCounts.Now() - countsBefore;
            Interlocked.Add(ref _gen0, counts.Gen0);
            Interlocked.Add(ref _gen1, counts.Gen1);
            Interlocked.Add(ref _gen2, counts.Gen2);
            Interlocked.Add(ref _runQueueNanoseconds, RunQueueClock.WaitedNanoseconds() - waitedBefore);
        }
    };

    private sealed class WrappingContext(AnalysisContext inner, GcAttributingAnalyzer owner) : AnalysisContext
    {
        public override void EnableConcurrentExecution() => inner.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => inner.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            inner.RegisterCompilationStartAction(owner.Wrap<CompilationStartAnalysisContext>(start => action(new WrappingStartContext(start, owner))));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationAction(owner.Wrap(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => inner.RegisterSemanticModelAction(owner.Wrap(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            inner.RegisterSymbolAction(owner.Wrap(action), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
            throw new NotSupportedException("--gc-attribution does not wrap code block start actions yet");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(owner.Wrap(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => inner.RegisterSyntaxTreeAction(owner.Wrap(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            inner.RegisterSyntaxNodeAction(owner.Wrap(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            inner.RegisterOperationAction(owner.Wrap(action), operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockAction(owner.Wrap(action));
    }

    private sealed class WrappingStartContext(CompilationStartAnalysisContext inner, GcAttributingAnalyzer owner)
        : CompilationStartAnalysisContext(inner.Compilation, inner.Options, inner.CancellationToken)
    {
        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationEndAction(owner.Wrap(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => inner.RegisterSemanticModelAction(owner.Wrap(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            inner.RegisterSymbolAction(owner.Wrap(action), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
            throw new NotSupportedException("--gc-attribution does not wrap code block start actions yet");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(owner.Wrap(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => inner.RegisterSyntaxTreeAction(owner.Wrap(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            inner.RegisterSyntaxNodeAction(owner.Wrap(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            inner.RegisterOperationAction(owner.Wrap(action), operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockAction(owner.Wrap(action));
    }
}

/// <summary>The CPU time of the calling thread (Linux: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, a vDSO call).</summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeClockId = 3;

    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    public static long NowNanoseconds() => IsAvailable && TryRead(out var nanoseconds) ? nanoseconds : 0;

    private static bool TryRead(out long nanoseconds)
    {
        try
        {
            if (ClockGetTime(ThreadCpuTimeClockId, out var time) == 0)
            {
                nanoseconds = time.Seconds * 1_000_000_000 + time.Nanoseconds;
                return true;
            }
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }

        nanoseconds = 0;
        return false;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out Timespec time);

    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

/// <summary>
/// The time the calling thread has spent ready to run but waiting for a core (Linux: the second field of
/// <c>/proc/thread-self/schedstat</c>, in nanoseconds). Each thread keeps its own open file and reads it again from the
/// start: about a microsecond a read.
/// </summary>
internal static class RunQueueClock
{
    [ThreadStatic]
    private static Microsoft.Win32.SafeHandles.SafeFileHandle? s_file;

    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    public static long WaitedNanoseconds() => IsAvailable && TryRead(out var nanoseconds) ? nanoseconds : 0;

    private static bool TryRead(out long nanoseconds)
    {
        nanoseconds = 0;
        try
        {
            // "/proc/thread-self" names the thread that opens it, so the file is opened once per thread.
            s_file ??= System.IO.File.OpenHandle("/proc/thread-self/schedstat");
            Span<byte> buffer = stackalloc byte[96];
            var length = System.IO.RandomAccess.Read(s_file, buffer, fileOffset: 0);
            var fields = buffer[..length];
            var firstSpace = fields.IndexOf((byte)' ');
            if (firstSpace < 0)
            {
                return false;
            }

            fields = fields[(firstSpace + 1)..];
            var secondSpace = fields.IndexOf((byte)' ');
            return System.Buffers.Text.Utf8Parser.TryParse(secondSpace < 0 ? fields : fields[..secondSpace], out nanoseconds, out _);
        }
        catch (System.IO.IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
