package dev.vrack.scenario;

import java.util.OptionalLong;

/** The {@code rack up} lease timing a scenario asks for; an empty value keeps the rack's default. */
public record RackOptions(OptionalLong leaseTtlMs, OptionalLong safetyMarginMs, OptionalLong keyGraceMs,
                          OptionalLong retryMs) {

    public static final RackOptions DEFAULTS = new RackOptions(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty());
}
