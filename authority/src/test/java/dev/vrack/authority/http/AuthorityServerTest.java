package dev.vrack.authority.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.authority.Authority;
import dev.vrack.common.Json;
import dev.vrack.keychain.DongleSecret;
import dev.vrack.keychain.ExecutionLicense;
import dev.vrack.keychain.OpenedLicense;
import dev.vrack.keychain.UsbKeyDevice;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorityServerTest {

    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    private Authority authority;
    private AuthorityServer server;
    private DongleSecret dongle;
    private String keyId;
    private String token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() throws Exception {
        authority = Authority.init(dir.resolve("authority"), PASSPHRASE);
        dongle = DongleSecret.create(dir.resolve("keys/dongle.secret"));
        keyId = authority.issueHardwareKey("CHASSIS-A-0001", dongle, dir.resolve("keys/a.hwkey")).keyId();
        authority.registerApplication("www", "Acme", "Acme Ltd", dir.resolve("www.vrappk"));
        token = Files.readString(authority.folder().providerToken()).strip();
        server = AuthorityServer.start(authority, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void tearDown() {
        server.close();
        authority.close();
    }

    @Test
    void issuesALicenseOverHttpThatTheUsbKeyOpens() throws Exception {
        HttpResponse<byte[]> response = post("/licenses", licenseBody(3), token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/octet-stream");
        String licenseId = response.headers().firstValue("x-license-id").orElseThrow();
        try (UsbKeyDevice usb = UsbKeyDevice.insert(dir.resolve("keys/a.hwkey"), authority.publicKey(), dongle)) {
            OpenedLicense opened = ExecutionLicense.open(response.body(), "http", usb, authority.publicKey(),
                    "CHASSIS-A-0001", Instant.now());
            assertThat(opened.licenseId()).isEqualTo(licenseId);
            assertThat(opened.licenseCount()).isEqualTo(3);
            assertThat(opened.conditions()).containsEntry("maxExecutions", "10");
        }
        assertThat(authority.licenses()).extracting(l -> l.licenseId()).containsExactly(licenseId);
    }

    @Test
    void refusesBadRequestsClearlyAndKeepsServing() throws Exception {
        HttpResponse<byte[]> noToken = post("/licenses", licenseBody(1), null);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(json(noToken).get("hint").asText()).contains("provider-token");
        assertThat(post("/licenses", licenseBody(1), "0".repeat(64)).statusCode()).isEqualTo(401);

        HttpResponse<byte[]> malformed = post("/licenses", "{\"app\": \"www\", \"count\": ", token);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("error").asText()).contains("not valid JSON");
        assertThat(json(malformed).get("hint").asText()).contains("\"chassisIds\"");

        HttpResponse<byte[]> wrongType = post("/licenses", "{\"app\":\"www\",\"count\":\"three\",\"keyId\":\"" + keyId
                + "\",\"chassisIds\":[\"CHASSIS-A-0001\"],\"validDays\":30}", token);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).get("error").asText()).contains("\"count\" is missing or not a whole number");

        HttpResponse<byte[]> otherChassis = post("/licenses", "{\"app\":\"www\",\"count\":1,\"keyId\":\"" + keyId
                + "\",\"chassisIds\":[\"CHASSIS-B-0002\"],\"validDays\":30}", token);
        assertThat(otherChassis.statusCode()).isEqualTo(400);
        assertThat(json(otherChassis).get("error").asText()).contains("belongs to chassis CHASSIS-A-0001");

        HttpResponse<byte[]> unknownApp = post("/licenses", licenseBody(1).replace("\"www\"", "\"calc\""), token);
        assertThat(unknownApp.statusCode()).isEqualTo(422);

        assertThat(oversizedStatusLine()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");

        HttpResponse<byte[]> health = client.send(HttpRequest.newBuilder(uri("/health")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("authorityKeyId").asText()).isEqualTo(authority.keyId());
        HttpResponse<byte[]> applications = client.send(HttpRequest.newBuilder(uri("/applications"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(json(applications).get(0).get("app").asText()).isEqualTo("www");
        assertThat(post("/licenses", licenseBody(2), token).statusCode()).isEqualTo(200);
        assertThat(authority.licenses()).hasSize(1);
    }

    @Test
    void refusesToListenOutsideLoopback() {
        assertThatThrownBy(() -> AuthorityServer.start(authority, new InetSocketAddress("0.0.0.0", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.0/8");
        assertThatThrownBy(() -> AuthorityServer.start(authority, new InetSocketAddress("::1", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback only");
    }

    /** Announces a 70 KiB body; the server answers 413 from the headers alone, before any of the body. */
    private String oversizedStatusLine() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /licenses HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (70 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (!received.toString().contains("}")) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
            String answer = received.toString();
            assertThat(answer).contains("\"error\":\"request body is larger than 65536 bytes\"");
            return answer.lines().findFirst().orElse("");
        }
    }

    private String licenseBody(int count) {
        return "{\"app\":\"www\",\"count\":" + count + ",\"keyId\":\"" + keyId
                + "\",\"chassisIds\":[\"CHASSIS-A-0001\"],\"validDays\":30,\"conditions\":{\"maxExecutions\":\"10\"}}";
    }

    private HttpResponse<byte[]> post(String path, String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }
}
