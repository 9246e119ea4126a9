package dev.vrack.scenario;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A fault's parameters; each fault uses the ones its {@link FaultKind#meaning()} names and the loader refuses
 * the others. Paths are absolute (resolved against the scenario's folder).
 */
public record FaultParams(OptionalLong delayMs, OptionalLong jitterMs, OptionalDouble lossPercent,
                          OptionalLong stepMs, OptionalLong timeoutMs, Optional<Path> key, Optional<Path> card,
                          Optional<Path> file, Optional<String> app) {

    public static final FaultParams NONE = new FaultParams(OptionalLong.empty(), OptionalLong.empty(),
            OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public FaultParams withTimeoutMs(long value) {
        return new FaultParams(delayMs, jitterMs, lossPercent, stepMs, OptionalLong.of(value), key, card, file, app);
    }

    public FaultParams withStepMs(long value) {
        return new FaultParams(delayMs, jitterMs, lossPercent, OptionalLong.of(value), timeoutMs, key, card, file, app);
    }

    public FaultParams withKey(Path value) {
        return new FaultParams(delayMs, jitterMs, lossPercent, stepMs, timeoutMs, Optional.of(value), card, file, app);
    }

    public FaultParams withCard(Path value) {
        return new FaultParams(delayMs, jitterMs, lossPercent, stepMs, timeoutMs, key, Optional.of(value), file, app);
    }

    public FaultParams withFile(Path value) {
        return new FaultParams(delayMs, jitterMs, lossPercent, stepMs, timeoutMs, key, card, Optional.of(value), app);
    }

    public FaultParams withApp(String value) {
        return new FaultParams(delayMs, jitterMs, lossPercent, stepMs, timeoutMs, key, card, file, Optional.of(value));
    }

    public FaultParams withDelayMs(long value) {
        return new FaultParams(OptionalLong.of(value), jitterMs, lossPercent, stepMs, timeoutMs, key, card, file, app);
    }

    public FaultParams withJitterMs(long value) {
        return new FaultParams(delayMs, OptionalLong.of(value), lossPercent, stepMs, timeoutMs, key, card, file, app);
    }

    public FaultParams withLossPercent(double value) {
        return new FaultParams(delayMs, jitterMs, OptionalDouble.of(value), stepMs, timeoutMs, key, card, file, app);
    }
}
