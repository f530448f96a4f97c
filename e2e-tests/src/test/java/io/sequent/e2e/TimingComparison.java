package io.sequent.e2e;

import java.util.Arrays;

/**
 * Two samples of response times (ms) compared without assuming a distribution: the Mann-Whitney U
 * test (normal approximation, ties ranked by their mean rank) says whether one tends to be slower, and
 * the Hodges-Lehmann estimate (the median of all pairwise differences) says by how much. Response
 * times on a shared machine are skewed and full of outliers, which neither statistic minds.
 *
 * <p>Told apart means both: |z| above {@value #Z_CRITICAL} (two-sided p below 0.001) and a shift
 * above the tolerance, a tenth of the pooled interquartile range but at least {@value #MIN_TOLERANCE_MS}
 * ms: a shift that small is well inside the spread of single requests.
 */
record TimingComparison(double firstMedian, double secondMedian, double shift, double z, double tolerance) {

    static final double Z_CRITICAL = 3.29;
    static final double MIN_TOLERANCE_MS = 2.0;

    static TimingComparison of(double[] first, double[] second) {
        return new TimingComparison(median(first), median(second), hodgesLehmann(first, second), z(first, second),
                Math.max(MIN_TOLERANCE_MS, iqr(concat(first, second)) / 10));
    }

    boolean distinguishable() {
        return Math.abs(z) > Z_CRITICAL && Math.abs(shift) > tolerance;
    }

    /** The U statistic of {@code first}, standardised. */
    static double z(double[] first, double[] second) {
        int n1 = first.length;
        int n2 = second.length;
        double[] pooled = concat(first, second);
        double[] sorted = pooled.clone();
        Arrays.sort(sorted);
        double rankSum = 0;
        for (double x : first) {
            rankSum += rank(sorted, x);
        }
        double u = rankSum - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2;
        double sd = Math.sqrt(n1 * (double) n2 * (n1 + n2 + 1) / 12);
        return (u - mean) / sd;
    }

    /** The mean 1-based rank of {@code x} in {@code sorted}. */
    private static double rank(double[] sorted, double x) {
        int lo = lowerBound(sorted, x);
        int hi = lowerBound(sorted, Math.nextUp(x));
        return (lo + 1 + hi) / 2.0;
    }

    private static int lowerBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static double hodgesLehmann(double[] first, double[] second) {
        double[] differences = new double[first.length * second.length];
        int i = 0;
        for (double a : first) {
            for (double b : second) {
                differences[i++] = a - b;
            }
        }
        return median(differences);
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }

    static double iqr(double[] values) {
        return quantile(values, 0.75) - quantile(values, 0.25);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return String.format("medians %.2f / %.2f ms, shift %.2f ms (tolerance %.2f), z %.2f", firstMedian, secondMedian, shift,
                tolerance, z);
    }
}
