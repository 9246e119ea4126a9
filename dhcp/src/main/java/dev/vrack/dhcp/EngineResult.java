package dev.vrack.dhcp;

import java.util.Optional;

/**
 * What the lease engine made of one request.
 *
 * @param reply         the answer to send, if any
 * @param poolExhausted true when a DISCOVER found no free address
 * @param ignoredReason why no answer was sent, when that is not the normal outcome (RELEASE and DECLINE
 *                      are never answered and leave this null)
 */
public record EngineResult(Optional<DhcpReply> reply, boolean poolExhausted, String ignoredReason) {

    static EngineResult answer(DhcpReply reply) {
        return new EngineResult(Optional.of(reply), false, null);
    }

    static EngineResult silent() {
        return new EngineResult(Optional.empty(), false, null);
    }

    static EngineResult ignored(String reason) {
        return new EngineResult(Optional.empty(), false, reason);
    }

    static EngineResult exhausted() {
        return new EngineResult(Optional.empty(), true, "no free address in the pool");
    }
}
