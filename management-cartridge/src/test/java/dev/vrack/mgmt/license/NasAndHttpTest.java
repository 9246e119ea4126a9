package dev.vrack.mgmt.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.common.Json;
import dev.vrack.keychain.AgentKeyPair;
import dev.vrack.license.LeasePolicy;
import dev.vrack.proto.license.DenialCode;
import dev.vrack.proto.license.ManagerFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NAS watcher (licenses come, change and go without a restart) and the manager's HTTP side. */
class NasAndHttpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private LicenseFixture fixture;
    private final List<AgentClient> agents = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new LicenseFixture(dir, LeasePolicy.defaults());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AgentClient agent : agents) {
            agent.close();
        }
        fixture.close();
    }

    private AgentClient agent(int slot) throws Exception {
        AgentClient agent = AgentClient.connected(fixture.address(), slot);
        agents.add(agent);
        return agent;
    }

    private ManagerFrame ask(AgentClient agent) throws Exception {
        agent.request("www", AgentKeyPair.generate().publicKey(), true);
        return agent.next();
    }

    private void awaitCount(int count) {
        await().atMost(WAIT).until(() -> fixture.manager.view().get(5, TimeUnit.SECONDS).stream()
                .anyMatch(app -> app.app().equals("www") && app.count() == count));
    }

    @Test
    void aNewLicenseFileIsPickedUpWithoutARestart() throws Exception {
        AgentClient agent = agent(1);
        ManagerFrame before = ask(agent);
        assertThat(before.getDenied().getCode()).isEqualTo(DenialCode.NO_LICENSE);

        Path file = fixture.writeLicense("www.lic", 1);
        await().atMost(WAIT).until(() -> !fixture.events("license.loaded").isEmpty());
        assertThat(fixture.events("license.loaded").get(0).details()).containsEntry("file", file.toString())
                .containsEntry("app", "www").containsEntry("count", 1);
        assertThat(ask(agent).hasGranted()).isTrue();
    }

    @Test
    void aTamperedFileIsRefusedWithAnEventAndTheOthersKeepServing() throws Exception {
        fixture.writeLicense("good.lic", 1);
        Path bad = fixture.writeLicense("bad.lic", 5);
        byte[] bytes = Files.readAllBytes(bad);
        bytes[bytes.length - 20] ^= 0x01;
        Files.write(bad, bytes);
        await().atMost(WAIT).until(() -> fixture.events("license.refused").stream()
                .anyMatch(e -> e.details().get("file").equals(bad.toString())));
        assertThat(fixture.events("license.refused").get(0).details().get("reason").toString()).isNotBlank();
        awaitCount(1);
        assertThat(ask(agent(1)).hasGranted()).isTrue();
        assertThat(ask(agent(2)).hasQueued()).as("the tampered file's 5 seats do not count").isTrue();
    }

    @Test
    void aCopyOfALicenseDoesNotAddSeats() throws Exception {
        Path original = fixture.writeLicense("www.lic", 2);
        Files.copy(original, fixture.layout.nasDir().resolve("www-copy.lic"));
        await().atMost(WAIT).until(() -> fixture.events("license.refused").stream()
                .anyMatch(e -> e.details().get("reason").toString().contains("already loaded")));
        awaitCount(2);
    }

    @Test
    void aLoweredCountRevokesNoRunningSeat() throws Exception {
        fixture.writeLicense("www.lic", 2);
        awaitCount(2);
        AgentClient first = agent(1);
        AgentClient second = agent(2);
        long lease1 = ask(first).getGranted().getLeaseId();
        long lease2 = ask(second).getGranted().getLeaseId();

        fixture.writeLicense("www.lic", 1);
        awaitCount(1);
        first.renew(lease1);
        assertThat(first.next().hasGranted()).isTrue();
        second.renew(lease2);
        assertThat(second.next().hasGranted()).isTrue();
        assertThat(fixture.manager.view().get(5, TimeUnit.SECONDS)).singleElement()
                .satisfies(app -> assertThat(app.inUse()).isEqualTo(2));

        AgentClient waiter = agent(3);
        assertThat(ask(waiter).hasQueued()).isTrue();
        first.terminate(lease1);
        assertThat(first.next().hasReleased()).isTrue();
        assertThat(waiter.poll(300)).as("one seat in use of a count of 1: no seat for the waiter yet").isNull();
        second.terminate(lease2);
        assertThat(waiter.next().hasSeatGranted()).isTrue();
    }

    @Test
    void aRemovedFileDropsItsLicenseButNotTheSeatsGranted() throws Exception {
        Path file = fixture.writeLicense("www.lic", 1);
        awaitCount(1);
        AgentClient holder = agent(1);
        assertThat(ask(holder).hasGranted()).isTrue();
        Files.delete(file);
        awaitCount(0);
        assertThat(fixture.manager.view().get(5, TimeUnit.SECONDS)).singleElement()
                .satisfies(app -> assertThat(app.inUse()).isEqualTo(1));
        assertThat(ask(agent(2)).getDenied().getCode()).isEqualTo(DenialCode.NO_LICENSE);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + fixture.http.address().getPort() + "/");
    }

    @Test
    void licensesAndMetricsAnswer() throws Exception {
        fixture.writeLicense("www.lic", 1);
        awaitCount(1);
        assertThat(ask(agent(3)).hasGranted()).isTrue();
        assertThat(ask(agent(4)).hasQueued()).isTrue();

        HttpResponse<String> licenses = get("licenses");
        assertThat(licenses.statusCode()).isEqualTo(200);
        JsonNode www = Json.mapper().readTree(licenses.body()).get(0);
        assertThat(www.path("app").asText()).isEqualTo("www");
        assertThat(www.path("count").asInt()).isEqualTo(1);
        assertThat(www.path("inUse").asInt()).isEqualTo(1);
        assertThat(www.path("waiting").asInt()).isEqualTo(1);
        assertThat(www.path("holders").get(0).asText()).isEqualTo("A/3");

        await().atMost(WAIT).untilAsserted(() -> assertThat(get("metrics").body())
                .contains("license_seats_in_use{app=\"www\"} 1.0")
                .contains("license_seats_count{app=\"www\"} 1.0")
                .contains("license_seats_waiting{app=\"www\"} 1.0")
                .contains("license_queue_length 1.0")
                .contains("license_grant_latency_seconds_count{queued=\"false\"} 1")
                .contains("license_reclaims_total{reason=\"admin\"} 0.0"));
        assertThat(get("nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void adminReleaseSuspendsTheHolderFirstThenHandsTheSeatOn() throws Exception {
        fixture.writeLicense("www.lic", 1);
        awaitCount(1);
        AgentClient holder = agent(3);
        long lease = ask(holder).getGranted().getLeaseId();
        AgentClient waiter = agent(4);
        assertThat(ask(waiter).hasQueued()).isTrue();

        HttpResponse<String> empty = post("licenses/release", "{\"chassis\":\"A\",\"slot\":5}");
        assertThat(empty.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(empty.body()).path("error").asText()).contains("A/5 holds no seat");
        assertThat(post("licenses/release", "{\"chassis\":\"A\"}").statusCode()).isEqualTo(400);
        assertThat(post("licenses/release", "not json").statusCode()).isEqualTo(400);

        HttpResponse<String> released = post("licenses/release", "{\"chassis\":\"A\",\"slot\":3}");
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        ManagerFrame suspend = holder.next();
        assertThat(suspend.getSuspendNow().getLeaseId()).isEqualTo(lease);
        assertThat(waiter.next().hasSeatGranted()).isTrue();
        await().atMost(WAIT).until(() -> fixture.events("license.reclaimed").stream()
                .anyMatch(e -> e.details().get("reason").equals("admin") && e.details().get("holder").equals("A/3")));
    }
}
