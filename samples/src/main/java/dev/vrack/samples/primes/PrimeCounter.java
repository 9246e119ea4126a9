package dev.vrack.samples.primes;

/** Counts primes upward from 2, a slice at a time, so the caller can pause between slices. Not thread-safe. */
final class PrimeCounter {

    private long next = 2;
    private long count;
    private long largest;

    /** Tests the next {@code candidates} numbers. */
    void advance(int candidates) {
        for (int i = 0; i < candidates; i++) {
            if (isPrime(next)) {
                count++;
                largest = next;
            }
            next++;
        }
    }

    long count() {
        return count;
    }

    long largest() {
        return largest;
    }

    static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
