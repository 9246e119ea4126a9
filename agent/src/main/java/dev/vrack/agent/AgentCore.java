package dev.vrack.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * The license management agent (FIG. 31, 33, 34) as a state machine: no sockets, no threads, time
 * passed in as monotonic milliseconds.
 *
 * <p>The lease deadline is measured on the agent's own clock from the moment it <em>sent</em> the request
 * that the manager answered, so it can only be earlier than the manager's. A seat pushed to the agent
 * while it waited in line is confirmed with a renewal before the application starts, for the same reason.
 * The application is suspended {@code suspendAheadMs} before the deadline unless a renewal came back, and
 * {@link #permitted} answers false from that instant on, even if no tick ran (a frozen process that wakes
 * up must not serve before it suspends).
 */
public final class AgentCore {

    private static final long NONE = Long.MIN_VALUE;

    private final String appId;
    private final String chassisId;
    private final AgentTiming timing;

    private AgentState state = AgentState.IDLE;
    private long leaseId = NONE;
    private long deadlineMs = NONE;
    private long pendingSentAtMs = NONE;
    private long nextRenewAtMs = NONE;
    private long retryAtMs = NONE;
    private boolean applicationRunning;
    private String lastReason = "";

    public AgentCore(String appId, String chassisId, AgentTiming timing) {
        this.appId = appId;
        this.chassisId = chassisId;
        this.timing = timing;
    }

    public AgentState state() {
        return state;
    }

    public String appId() {
        return appId;
    }

    /** The lease held, or {@code Long.MIN_VALUE}. */
    public long leaseId() {
        return leaseId;
    }

    /** Why the application last stopped running or was refused. */
    public String lastReason() {
        return lastReason;
    }

    /** May the application do anything at this instant? */
    public boolean permitted(long nowMs) {
        return state == AgentState.RUNNING && applicationRunning && nowMs < suspendAtMs();
    }

    /** The application start request (FIG. 31). */
    public List<AgentAction> start(long nowMs) {
        List<AgentAction> actions = new ArrayList<>();
        if (state == AgentState.IDLE || state == AgentState.STOPPED) {
            request(nowMs, actions);
        }
        return actions;
    }

    /** The manager granted a seat in answer to our request (or pushed one while we waited in line). */
    public List<AgentAction> granted(long grantedLeaseId, long ttlMs, boolean pushed, long nowMs) {
        List<AgentAction> actions = new ArrayList<>();
        if (state == AgentState.STOPPED) {
            actions.add(new AgentAction.ReleaseLease(grantedLeaseId));
            return actions;
        }
        leaseId = grantedLeaseId;
        if (pushed || pendingSentAtMs == NONE) {
            renew(nowMs, actions);
            state = AgentState.REQUESTING;
            return actions;
        }
        confirm(ttlMs, nowMs, actions);
        return actions;
    }

    /** The manager confirmed continued execution (FIG. 34 step S133: permitted). */
    public List<AgentAction> renewed(long ttlMs, long nowMs) {
        List<AgentAction> actions = new ArrayList<>();
        if (state == AgentState.STOPPED || leaseId == NONE || pendingSentAtMs == NONE) {
            return actions;
        }
        confirm(ttlMs, nowMs, actions);
        return actions;
    }

    /** Every seat is taken; we are in line. The fixed-interval retry stays armed as a fallback. */
    public List<AgentAction> queued(int position, long nowMs) {
        if (state == AgentState.REQUESTING) {
            state = AgentState.WAITING;
            lastReason = "waiting for a seat (position " + position + ")";
            pendingSentAtMs = NONE;
            retryAtMs = nowMs + timing.retryMs();
        }
        return List.of();
    }

    /** The manager refused execution or continued execution. */
    public List<AgentAction> denied(String reason, boolean leaseUnknown, long nowMs) {
        List<AgentAction> actions = new ArrayList<>();
        lastReason = reason;
        pendingSentAtMs = NONE;
        long heldLease = leaseId;
        if (leaseUnknown) {
            leaseId = NONE;
        }
        if (applicationRunning) {
            suspend(reason, heldLease, nowMs, actions);
            state = AgentState.SUSPENDED;
        } else if (state != AgentState.STOPPED) {
            actions.add(new AgentAction.NotPermitted(reason));
            state = leaseId == NONE ? AgentState.DENIED : AgentState.SUSPENDED;
        }
        retryAtMs = nowMs + timing.retryMs();
        return actions;
    }

    /** The manager could not be reached; the lease still protects us until just before its end. */
    public List<AgentAction> communicationFailed(String reason, long nowMs) {
        lastReason = "license manager unreachable: " + reason;
        pendingSentAtMs = NONE;
        if (state == AgentState.REQUESTING && leaseId == NONE) {
            state = AgentState.DENIED;
        }
        retryAtMs = nowMs + timing.retryMs();
        return tick(nowMs);
    }

    /** The application ended by itself or was asked to stop (FIG. 33). */
    public List<AgentAction> applicationEnded(long nowMs) {
        List<AgentAction> actions = new ArrayList<>();
        applicationRunning = false;
        if (leaseId != NONE) {
            actions.add(new AgentAction.ReleaseLease(leaseId));
        }
        state = AgentState.STOPPED;
        leaseId = NONE;
        deadlineMs = NONE;
        return actions;
    }

    /** Time passes: renew, suspend before the deadline, retry after a refusal. */
    public List<AgentAction> tick(long nowMs) {
        List<AgentAction> actions = new ArrayList<>();
        if (applicationRunning && nowMs >= suspendAtMs()) {
            suspend("lease could not be renewed before it ran out"
                    + (lastReason.isEmpty() ? "" : " (" + lastReason + ")"), leaseId, suspendAtMs(), actions);
            state = AgentState.SUSPENDED;
            if (retryAtMs == NONE || retryAtMs < nowMs) {
                retryAtMs = nowMs;
            }
        }
        switch (state) {
            case RUNNING -> {
                if (pendingSentAtMs == NONE && nowMs >= nextRenewAtMs) {
                    renew(nowMs, actions);
                }
            }
            case DENIED, WAITING -> {
                if (nowMs >= retryAtMs) {
                    request(nowMs, actions);
                }
            }
            case SUSPENDED -> {
                if (nowMs >= retryAtMs && pendingSentAtMs == NONE) {
                    if (leaseId != NONE && nowMs < deadlineMs) {
                        renew(nowMs, actions);
                    } else {
                        leaseId = NONE;
                        request(nowMs, actions);
                    }
                }
            }
            default -> {
            }
        }
        return actions;
    }

    /** When {@link #tick} next has something to do. */
    public long nextWakeupMs() {
        long next = Long.MAX_VALUE;
        if (applicationRunning) {
            next = Math.min(next, suspendAtMs());
        }
        if (state == AgentState.RUNNING && pendingSentAtMs == NONE) {
            next = Math.min(next, nextRenewAtMs);
        }
        if ((state == AgentState.DENIED || state == AgentState.WAITING || state == AgentState.SUSPENDED)
                && retryAtMs != NONE) {
            next = Math.min(next, retryAtMs);
        }
        return next;
    }

    private long suspendAtMs() {
        return deadlineMs == NONE ? Long.MIN_VALUE : deadlineMs - timing.suspendAheadMs();
    }

    private void request(long nowMs, List<AgentAction> actions) {
        state = AgentState.REQUESTING;
        pendingSentAtMs = nowMs;
        actions.add(new AgentAction.RequestExecution(appId, chassisId));
    }

    private void renew(long nowMs, List<AgentAction> actions) {
        pendingSentAtMs = nowMs;
        actions.add(new AgentAction.RenewLease(leaseId));
    }

    private void confirm(long ttlMs, long nowMs, List<AgentAction> actions) {
        deadlineMs = pendingSentAtMs + ttlMs;
        pendingSentAtMs = NONE;
        nextRenewAtMs = nowMs + timing.renewEveryMs();
        retryAtMs = NONE;
        if (nowMs >= suspendAtMs()) {
            // The answer came too late to be sure of: treat it as not confirmed.
            state = applicationRunning ? AgentState.RUNNING : AgentState.SUSPENDED;
            retryAtMs = nowMs;
            return;
        }
        state = AgentState.RUNNING;
        lastReason = "";
        if (!applicationRunning) {
            applicationRunning = true;
            actions.add(new AgentAction.StartApplication());
        }
    }

    private void suspend(String reason, long heldLease, long permittedUntilMs, List<AgentAction> actions) {
        applicationRunning = false;
        lastReason = reason;
        actions.add(new AgentAction.SuspendApplication(reason, heldLease, permittedUntilMs));
    }
}
