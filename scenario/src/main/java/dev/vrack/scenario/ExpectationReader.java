package dev.vrack.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vrack.config.FieldPath;
import dev.vrack.config.ProblemSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the schema-valid {@code expect} list into {@link Expectation}s, naming those the file leaves unnamed. */
final class ExpectationReader {

    static final FieldPath EXPECT = FieldPath.ROOT.field("expect");

    private final ProblemSink problems;

    ExpectationReader(ProblemSink problems) {
        this.problems = problems;
    }

    List<Expectation> readAll(JsonNode expect) {
        List<Expectation> read = new ArrayList<>();
        for (int i = 0; i < expect.size(); i++) {
            JsonNode node = expect.get(i);
            Window window = window(node);
            Condition condition = condition(node);
            String name = node.has("name") ? node.get("name").asText() : defaultName(condition, window);
            read.add(new Expectation(name, problems.lineOf(EXPECT.index(i)), window, condition));
        }
        return read;
    }

    private static Window window(JsonNode node) {
        if (node.has("eventually")) {
            JsonNode eventually = node.get("eventually");
            Anchor from = eventually.has("after") ? Anchor.step(eventually.get("after").asText(), 0) : Anchor.START;
            return new Window.Eventually(from, Durations.parse(eventually.get("within").asText()));
        }
        JsonNode always = node.get("always");
        long tolerateMs = always.has("tolerate") ? Durations.parse(always.get("tolerate").asText()) : 0;
        return new Window.Always(anchor(always.get("from"), Anchor.START), anchor(always.get("to"), Anchor.END),
                tolerateMs);
    }

    /** {@code start}, {@code end}, {@code end-2s}, {@code 6s} (after the start) or {@code {step, offset}}. */
    static Anchor anchor(JsonNode node, Anchor absent) {
        if (node == null) {
            return absent;
        }
        if (node.isObject()) {
            long offset = node.has("offset") ? Durations.parse(node.get("offset").asText()) : 0;
            return Anchor.step(node.get("step").asText(), offset);
        }
        String text = node.asText();
        if (text.equals("start")) {
            return Anchor.START;
        }
        if (text.equals("end")) {
            return Anchor.END;
        }
        if (text.startsWith("end-")) {
            return new Anchor(Anchor.Point.END, Optional.empty(), -Durations.parse(text.substring(4)));
        }
        return new Anchor(Anchor.Point.START, Optional.empty(), Durations.parse(text));
    }

    private static Condition condition(JsonNode node) {
        if (node.has("withinCount")) {
            return new Condition.WithinCount(node.get("withinCount").asText());
        }
        if (node.has("slot")) {
            JsonNode slot = node.get("slot");
            return new Condition.SlotRunning(slot.get("name").asText(), slot.get("running").asBoolean());
        }
        JsonNode running = node.get("running");
        String app = running.get("app").asText();
        if (running.has("equals")) {
            return new Condition.Running(app, Condition.Comparison.EQUAL, running.get("equals").asInt());
        }
        if (running.has("atLeast")) {
            return new Condition.Running(app, Condition.Comparison.AT_LEAST, running.get("atLeast").asInt());
        }
        return new Condition.Running(app, Condition.Comparison.AT_MOST, running.get("atMost").asInt());
    }

    /** "www running == 2, within 5s after pull-one": what a report shows for an unnamed expectation. */
    static String defaultName(Condition condition, Window window) {
        return describe(condition) + ", " + describe(window);
    }

    static String describe(Condition condition) {
        if (condition instanceof Condition.Running r) {
            return r.app() + " running " + r.comparison().symbol() + " " + r.n();
        }
        if (condition instanceof Condition.SlotRunning s) {
            return s.slot() + (s.running() ? " running" : " not running");
        }
        return ((Condition.WithinCount) condition).app() + " within its license count";
    }

    static String describe(Window window) {
        if (window instanceof Window.Eventually e) {
            return "within " + Durations.format(e.withinMs()) + " after " + describe(e.from());
        }
        Window.Always a = (Window.Always) window;
        return "always from " + describe(a.from()) + " to " + describe(a.to());
    }

    static String describe(Anchor anchor) {
        String point = switch (anchor.point()) {
            case START -> "start";
            case END -> "end";
            case STEP -> anchor.stepId().orElse("?");
        };
        if (anchor.offsetMs() == 0) {
            return point;
        }
        if (anchor.point() == Anchor.Point.START) {
            return Durations.format(anchor.offsetMs());
        }
        return point + (anchor.offsetMs() > 0 ? "+" : "") + Durations.format(anchor.offsetMs());
    }
}
