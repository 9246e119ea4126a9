package dev.vrack.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vrack.samples.www.WwwApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WwwApplicationTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final WwwApplication www = new WwwApplication();

    @AfterEach
    void stop() {
        www.stop();
    }

    private HttpResponse<String> get(TestContext ctx, String path) throws Exception {
        return send(ctx, HttpRequest.newBuilder(uri(ctx, path)).GET());
    }

    private HttpResponse<String> send(TestContext ctx, HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(TestContext ctx, String path) {
        return URI.create("http://" + ctx.address().getHostAddress() + ":" + WwwApplication.PORT + path);
    }

    @Test
    void servesThePageNamingChassisAndSlotOnlyWhilePermitted() throws Exception {
        TestContext ctx = new TestContext();
        www.start(ctx);
        assertThat(ctx.events("www.listening")).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("address", ctx.address().getHostAddress()));

        HttpResponse<String> page = get(ctx, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("www served by chassis A slot 3 (CHASSIS-A-0001)");

        ctx.permit(false);
        HttpResponse<String> refused = get(ctx, "/");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).isEqualTo("suspended: no license\n");

        ctx.permit(true);
        assertThat(get(ctx, "/").statusCode()).isEqualTo(200);
        assertThat(get(ctx, "/nope").statusCode()).isEqualTo(404);
        assertThat(send(ctx, HttpRequest.newBuilder(uri(ctx, "/")).POST(HttpRequest.BodyPublishers.ofString("x")))
                .statusCode()).isEqualTo(405);
    }

    @Test
    void stopReleasesTheSocketPromptlySoItCanStartAgain() throws Exception {
        TestContext ctx = new TestContext();
        www.start(ctx);
        assertThat(get(ctx, "/").statusCode()).isEqualTo(200);

        long before = System.nanoTime();
        www.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        assertThatThrownBy(() -> get(ctx, "/")).isInstanceOf(IOException.class);

        www.start(ctx);
        assertThat(get(ctx, "/").statusCode()).isEqualTo(200);
    }
}
