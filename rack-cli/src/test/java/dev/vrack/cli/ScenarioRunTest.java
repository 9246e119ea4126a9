package dev.vrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.common.ProcessRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The shipped scenarios, played as a QA pipeline would: {@code rack scenario run FILE} from a fresh state folder,
 * judged by its exit code and its JUnit XML and HTML reports; and the verdict shown to fail against a manager
 * broken on purpose.
 */
class ScenarioRunTest {

    private static final Path SCENARIOS = Path.of("..", "cluster-configs", "scenarios").toAbsolutePath().normalize();
    /** Shared with the fault tests, so the class-data sharing archive recorded by the first rack warms the others. */
    private static final Path STATE = FaultRack.STATE;
    private static final Path REPORTS = Path.of("target", "scenario-reports").toAbsolutePath();

    private final RackCli cli = new RackCli(STATE);

    @AfterEach
    void cleanup() {
        cli.cleanup();
    }

    @Test
    void pullFailoverPassesAndReportsTheSeatThatMoved() throws Exception {
        RackCli.Result result = run("pull-failover");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        Document junit = junit("pull-failover");
        assertThat(failures(junit)).isEmpty();
        assertThat(testCases(junit)).contains("invariant: over-grant", "invariant: leaked-seat")
                .anyMatch(name -> name.startsWith("expectation: the seat moves to the waiting cartridge"));
        String html = Files.readString(REPORTS.resolve("pull-failover").resolve("report.html"));
        assertThat(html).contains("PASS", "<svg", "pull-one #1");
        assertThat(result.out()).containsPattern("failover: pull \\(pull-one #1\\) www lost in A/\\d, next in A/\\d: \\d+ ms");
    }

    @Test
    void killStormPasses() throws Exception {
        RackCli.Result result = run("kill-storm");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(failures(junit("kill-storm"))).isEmpty();
        assertThat(result.out()).contains("kill A/");
    }

    @Test
    void managerRestartPasses() throws Exception {
        RackCli.Result result = run("manager-restart");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(failures(junit("manager-restart"))).isEmpty();
    }

    @Test
    void theRaceFailsAgainstAManagerThatSkipsTheCountCheckAndNamesTheOverGrant() throws Exception {
        Path reports = REPORTS.resolve("race-broken");
        RackCli.Result result = cli.runWithEnvironment(Map.of("VRACK_TEST_FAULTS", "skip-count-check"), 600,
                "scenario", "run", SCENARIOS.resolve("race-20-for-3.yml").toString(), "--report-dir", reports.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
        Document junit = parse(reports.resolve("junit.xml"));
        assertThat(failures(junit)).containsKey("invariant: over-grant");
        assertThat(failures(junit).get("invariant: over-grant"))
                .containsPattern("from \\d+\\.\\d+ s to \\d+\\.\\d+ s: \\d+ instances of www running with a license count of 3");
        assertThat(Files.readString(reports.resolve("report.html"))).contains("FAIL", "over-grant");
    }

    @Test
    void ctrlCTearsTheRackDownAndStillWritesAReportMarkedIncomplete() throws Exception {
        Path reports = REPORTS.resolve("interrupted");
        Path log = Files.createDirectories(REPORTS).resolve("interrupted.log");
        // The demo rack's folder may hold an earlier run's events, scenario.started among them.
        FaultRack.deleteTree(STATE.resolve("demo"));
        Process run = cli.start(log, "scenario", "run", SCENARIOS.resolve("pull-failover.yml").toString(),
                "--report-dir", reports.toString());
        try {
            Path rackEvents = STATE.resolve("demo").resolve("events").resolve("rack.jsonl");
            Awaitility.await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).until(() ->
                    Files.isRegularFile(rackEvents) && Files.readString(rackEvents).contains("scenario.started"));

            new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();

            assertThat(run.waitFor(120, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
            assertThat(run.exitValue()).isNotZero();
        } finally {
            run.destroyForcibly();
        }
        assertThat(failures(parse(reports.resolve("junit.xml")))).containsKey("scenario completed");
        assertThat(Files.readString(reports.resolve("report.html"))).contains("INCOMPLETE", "interrupted");
        assertThat(cli.recordedProcesses()).noneMatch(ProcessRecord::isAlive);
    }

    @Test
    void aScenarioWithAnUnknownFaultIsRefusedBeforeAnythingStarts() throws IOException {
        Path file = STATE.resolve("bad-scenario.yml");
        Files.createDirectories(STATE);
        Files.writeString(file, "scenario: bad\nrack: " + SCENARIOS.resolve("..").resolve("demo.yml") + "\n"
                + "steps:\n  - at: 1s\n    fault: yank\n    targets: A/2\n");

        RackCli.Result result = cli.run("scenario", "run", file.toString(), "--report-dir",
                REPORTS.resolve("bad").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("bad-scenario.yml:5:", "steps[0].fault", "expected one of pull", "yank");
        assertThat(cli.recordedProcesses()).isEmpty();
        assertThat(REPORTS.resolve("bad")).doesNotExist();
    }

    private RackCli.Result run(String scenario) {
        return cli.run("scenario", "run", SCENARIOS.resolve(scenario + ".yml").toString(), "--report-dir",
                REPORTS.resolve(scenario).toString());
    }

    private static Document junit(String scenario) throws Exception {
        return parse(REPORTS.resolve(scenario).resolve("junit.xml"));
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> testCases(Document junit) {
        List<String> names = new ArrayList<>();
        NodeList cases = junit.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        return names;
    }

    /** Failed test cases by name, with their failure messages. */
    private static Map<String, String> failures(Document junit) {
        Map<String, String> failed = new java.util.LinkedHashMap<>();
        NodeList cases = junit.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            NodeList failure = testCase.getElementsByTagName("failure");
            if (failure.getLength() > 0) {
                Element first = (Element) failure.item(0);
                failed.put(testCase.getAttribute("name"), first.getAttribute("message") + " " + first.getTextContent());
            }
        }
        return failed;
    }
}
