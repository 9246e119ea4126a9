package dev.vrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The agent's flows (FIG. 31, 33, 34) on a fake clock: renew, suspend before the lease ends, retry, resume. */
class AgentCoreTest {

    private static final long TTL = 9_000;
    private final AgentTiming timing = new AgentTiming(3_000, 900, 2_000);
    private final AgentCore agent = new AgentCore("www", "CHASSIS-A", timing);
    private long now = 10_000;

    private void runningWithLease(long leaseId) {
        assertThat(agent.start(now)).containsExactly(new AgentAction.RequestExecution("www", "CHASSIS-A"));
        now += 5;
        assertThat(agent.granted(leaseId, TTL, false, now)).containsExactly(new AgentAction.StartApplication());
    }

    @Test
    void aGrantStartsTheApplicationAndPeriodicRenewalsKeepItRunning() {
        long sent = now;
        runningWithLease(7);
        assertThat(agent.state()).isEqualTo(AgentState.RUNNING);
        assertThat(agent.permitted(now)).isTrue();
        assertThat(agent.nextWakeupMs()).isEqualTo(now + 3_000);
        now += 3_000;
        assertThat(agent.tick(now)).containsExactly(new AgentAction.RenewLease(7));
        long renewSent = now;
        now += 3;
        assertThat(agent.renewed(TTL, now)).isEmpty();
        assertThat(agent.permitted(sent + TTL + 100)).isTrue();
        assertThat(agent.permitted(renewSent + TTL - 900)).isFalse();
    }

    @Test
    void withoutARenewalTheApplicationIsSuspendedBeforeTheLeaseRunsOut() {
        long sent = now;
        runningWithLease(7);
        now += 3_000;
        agent.tick(now);
        now = sent + TTL - 901;
        assertThat(agent.tick(now)).isEmpty();
        now++;
        assertThat(agent.tick(now)).first().isInstanceOf(AgentAction.SuspendApplication.class);
        assertThat(agent.state()).isEqualTo(AgentState.SUSPENDED);
        assertThat(agent.permitted(now)).isFalse();
    }

    @Test
    void aFrozenAgentThatWakesLateIsNotPermittedEvenBeforeItsFirstTick() {
        long sent = now;
        runningWithLease(7);
        long wokeUp = sent + TTL + 60_000;
        assertThat(agent.permitted(wokeUp)).isFalse();
        assertThat(agent.tick(wokeUp)).first().isInstanceOf(AgentAction.SuspendApplication.class);
    }

    @Test
    void aLateWakeSuspendsUnderTheLeaseItRanWithEvenAsItRequestsANewSeat() {
        runningWithLease(7); // requested at now - 5: the lease counts from then
        var actions = agent.tick(now + TTL + 60_000);
        // Found by the SIGSTOP fault test: the app.suspended event named no lease, since the core had already
        // dropped it to request anew in the same step.
        assertThat(actions).hasSize(2);
        var suspend = (AgentAction.SuspendApplication) actions.get(0);
        assertThat(suspend.leaseId()).isEqualTo(7);
        // Permission ended a tenth of the lease before its end, not when the frozen process woke.
        assertThat(suspend.permittedUntilMs()).isEqualTo(now + TTL - 900 - 5);
        assertThat(actions.get(1)).isEqualTo(new AgentAction.RequestExecution("www", "CHASSIS-A"));
    }

    @Test
    void aSuspensionForAnUnknownLeaseStillNamesIt() {
        runningWithLease(7);
        var actions = agent.denied("UNKNOWN_LEASE", true, now + 10);
        assertThat(actions).containsExactly(new AgentAction.SuspendApplication("UNKNOWN_LEASE", 7, now + 10));
    }

    @Test
    void aRefusalIsReportedAndRetriedAfterTheFixedTime() {
        agent.start(now);
        assertThat(agent.denied("no hardware key", false, now)).containsExactly(new AgentAction.NotPermitted("no hardware key"));
        assertThat(agent.state()).isEqualTo(AgentState.DENIED);
        assertThat(agent.tick(now + 1_999)).isEmpty();
        assertThat(agent.tick(now + 2_000)).containsExactly(new AgentAction.RequestExecution("www", "CHASSIS-A"));
    }

    @Test
    void aSeatPushedWhileWaitingIsConfirmedBeforeTheApplicationStarts() {
        agent.start(now);
        agent.queued(1, now);
        assertThat(agent.state()).isEqualTo(AgentState.WAITING);
        now += 30_000;
        assertThat(agent.granted(9, TTL, true, now)).containsExactly(new AgentAction.RenewLease(9));
        now += 2;
        assertThat(agent.renewed(TTL, now)).containsExactly(new AgentAction.StartApplication());
        assertThat(agent.permitted(now)).isTrue();
    }

    @Test
    void aDeniedRenewalSuspendsAndAGrantedOneResumes() {
        runningWithLease(7);
        now += 3_000;
        agent.tick(now);
        assertThat(agent.denied("no hardware key", false, now)).first().isInstanceOf(AgentAction.SuspendApplication.class);
        assertThat(agent.permitted(now)).isFalse();
        now += 2_000;
        assertThat(agent.tick(now)).containsExactly(new AgentAction.RenewLease(7));
        assertThat(agent.renewed(TTL, now + 1)).containsExactly(new AgentAction.StartApplication());
        assertThat(agent.state()).isEqualTo(AgentState.RUNNING);
    }

    @Test
    void aLeaseTheManagerNoLongerKnowsIsRequestedAgain() {
        runningWithLease(7);
        now += 3_000;
        agent.tick(now);
        agent.denied("no such lease", true, now);
        now += 2_000;
        assertThat(agent.tick(now)).containsExactly(new AgentAction.RequestExecution("www", "CHASSIS-A"));
    }

    @Test
    void losingTheManagerKeepsTheApplicationOnlyUntilJustBeforeTheLeaseEnds() {
        long sent = now;
        runningWithLease(7);
        now += 1_000;
        assertThat(agent.communicationFailed("connection refused", now)).isEmpty();
        assertThat(agent.permitted(now)).isTrue();
        assertThat(agent.tick(sent + TTL - 900)).first().isInstanceOf(AgentAction.SuspendApplication.class);
    }

    @Test
    void theEndOfTheApplicationReleasesItsSeatAndALateGrantIsGivenBack() {
        runningWithLease(7);
        assertThat(agent.applicationEnded(now)).containsExactly(new AgentAction.ReleaseLease(7));
        assertThat(agent.state()).isEqualTo(AgentState.STOPPED);
        assertThat(agent.granted(8, TTL, true, now)).containsExactly(new AgentAction.ReleaseLease(8));
    }
}
