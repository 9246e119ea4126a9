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
}
