package dev.vrack.mgmt.license;

/**
 * How to answer a request later (the core's ticket): its session, the request ID the answer or push
 * refers to, the agent's one-time public key to wrap the application key for, when it arrived.
 */
record Waiter(AgentSession session, long requestId, byte[] agentPublicKey, long receivedNanos) {
}
