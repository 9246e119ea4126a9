package dev.vrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo rack with www licensed for 2 and three app cartridges, provisioned from nothing by rack up (authority,
 * hardware key, encrypted cards, license in the NAS): two run, one waits, and a freed seat moves to the waiter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LicensedDemoRackTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private RackCli rack;

    @BeforeAll
    void up(@TempDir Path temp) throws Exception {
        rack = new RackCli(temp.resolve("state"));
        rack.ok("up", RackCli.copyConfig("demo.yml", temp, "licensed", 144).toString(), "--timeout", "90");
        await().atMost(Duration.ofSeconds(30)).until(() -> running().size() == 2 && waiting().size() == 1);
    }

    @AfterAll
    void cleanUp() {
        rack.cleanup();
    }

    private List<Integer> slotsIn(String... licenseStates) {
        List<String> states = List.of(licenseStates);
        List<Integer> slots = new ArrayList<>();
        for (JsonNode slot : rack.status().path("chassis").get(0).path("slots")) {
            if (states.contains(slot.path("license").asText())) {
                slots.add(slot.path("slot").asInt());
            }
        }
        return slots;
    }

    private List<Integer> running() {
        return slotsIn("running");
    }

    /** In line for a seat; "requesting" while a waiter re-sends its request (the fixed-interval retry). */
    private List<Integer> waiting() {
        return slotsIn("waiting", "requesting");
    }

    private static int httpStatus(String ip) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String ip(int slot) {
        return RackCli.slot(rack.status(), "A", slot).path("ip").asText();
    }

    @Test
    @Order(1)
    void twoRunOneWaitsAndTheSeatsShowInStatus() throws Exception {
        JsonNode www = rack.status().path("licenses").get(0);
        assertThat(www.path("app").asText()).isEqualTo("www");
        assertThat(www.path("count").asInt()).isEqualTo(2);
        assertThat(www.path("inUse").asInt()).isEqualTo(2);
        assertThat(www.path("waiting").asInt()).isEqualTo(1);
        for (int slot : running()) {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip(slot) + ":8080/"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("chassis A slot " + slot);
        }
        assertThat(httpStatus(ip(waiting().get(0)))).isNotEqualTo(200);
    }

    @Test
    @Order(2)
    void pullingARunningCartridgeHandsItsSeatToTheWaitingOne() {
        int pulled = running().get(0);
        int waiter = waiting().get(0);
        rack.ok("pull", "A/" + pulled);
        await().atMost(Duration.ofSeconds(15)).until(() -> running().contains(waiter));
        await().atMost(Duration.ofSeconds(10)).until(() -> httpStatus(ip(waiter)) == 200);
        assertThat(running()).hasSize(2);
    }

    @Test
    @Order(3)
    void anAdministratorsReleaseSuspendsTheHolderFirst() {
        int holder = running().get(0);
        String address = ip(holder);
        rack.ok("license", "release", "A/" + holder);
        await().atMost(Duration.ofSeconds(10)).until(() -> !running().contains(holder) || httpStatus(address) != 200);
        RackCli.Result noSeat = rack.run("license", "release", "A/7");
        assertThat(noSeat.exitCode()).isEqualTo(1);
        assertThat(noSeat.err()).contains("A/7");
    }

    @Test
    @Order(10)
    void theCheckerFindsTheRunValid() {
        RackCli.Result check = rack.run("check");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("VALID");
    }
}
