using System;
using System.Collections.Generic;
using System.Linq;

namespace Gatekeeper.Benchmarks.Measurement;

internal static class Statistics
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>
    /// The median of byte counts, in MB. A negative count is left out: on .NET 10, <c>GC.GetTotalAllocatedBytes(precise: true)</c>
    /// read before and after a run can go backwards when thread-pool threads come and go (one such run read -2 GB).
    /// NaN when no count is valid.
    /// </summary>
    public static double MedianMegabytes(IEnumerable<long> bytes) => Median(bytes.Where(b => b >= 0).Select(b => b / 1e6));

    /// <summary>Nearest-rank percentile (p95 of 30 samples is the 29th smallest).</summary>
    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        if (Math.Abs(percentile - 50) < 1e-9 && sorted.Count % 2 == 0)
        {
            return (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
