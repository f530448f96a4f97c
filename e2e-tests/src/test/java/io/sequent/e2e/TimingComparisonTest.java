package io.sequent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The statistics of the S1 timing cases, on samples shaped like response times (skewed, with outliers). */
class TimingComparisonTest {

    /** Log-normal around {@code medianMs}, with one request in twenty held up by up to 100 ms. */
    private static double[] responseTimes(long seed, int n, double medianMs) {
        Random random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = medianMs * Math.exp(0.4 * random.nextGaussian()) + (random.nextInt(20) == 0 ? random.nextDouble() * 100 : 0);
        }
        return out;
    }

    @Test
    void samplesOfOneDistributionAreNotToldApart() {
        for (long seed = 1; seed <= 20; seed++) {
            TimingComparison c = TimingComparison.of(responseTimes(seed, 200, 12), responseTimes(seed + 1000, 200, 12));
            assertThat(c.distinguishable()).as("seed %d: %s", seed, c).isFalse();
        }
    }

    @Test
    void aThirtyMillisecondLeakIsSeenEvenInNoisySamples() {
        for (long seed = 1; seed <= 20; seed++) {
            double[] known = responseTimes(seed, 200, 60);
            double[] unknown = responseTimes(seed + 1000, 200, 60);
            for (int i = 0; i < known.length; i++) {
                known[i] += 30;
            }
            TimingComparison c = TimingComparison.of(known, unknown);
            assertThat(c.distinguishable()).as("seed %d: %s", seed, c).isTrue();
            assertThat(c.shift()).isCloseTo(30, within(10.0));
        }
    }

    @Test
    void theUStatisticAndTheShiftOfKnownSamples() {
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {6, 7, 8, 9, 10};
        // every a below every b: U = 0, z = (0 - 12.5) / sqrt(25 * 11 / 12)
        assertThat(TimingComparison.z(a, b)).isCloseTo(-12.5 / Math.sqrt(25 * 11 / 12.0), within(1e-9));
        assertThat(TimingComparison.hodgesLehmann(a, b)).isEqualTo(-5.0);
        assertThat(TimingComparison.z(a, a.clone())).isEqualTo(0.0);
        assertThat(TimingComparison.iqr(new double[] {1, 2, 3, 4, 5})).isEqualTo(2.0);
    }
}
