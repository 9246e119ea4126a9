package dev.vrack.scenario.report;

import static dev.vrack.scenario.report.RunBuilder.always;
import static dev.vrack.scenario.report.RunBuilder.eventually;
import static dev.vrack.scenario.report.RunBuilder.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vrack.scenario.Anchor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML and HTML reports: what a CI system and a person read of a judged run. */
class ReportsTest {

    @TempDir
    Path dir;

    /** Two seats of www; a broken manager lets a third instance start at 4 s, which runs until 6 s. */
    private static RunBuilder overGrant() {
        return new RunBuilder().named("20 racing for 3").seats(-2_000, "www", 2)
                .runs(-1_500, "A/1", "www").runs(-1_400, "A/2", "www")
                .runs(4_000, "A/3", "www")
                .stopped(6_000, "A/3", "www").reclaimed(6_001, "www", "A/3", "L-A/3-4000", "released")
                .expect("within count", always(Anchor.START, Anchor.END), new dev.vrack.scenario.Condition.WithinCount("www"));
    }

    @Test
    void aPassingRunIsOneSuiteWithATestCasePerExpectationResultAndInvariant() throws Exception {
        ScenarioReport report = ExpectationJudgeTest.pullFailover()
                .expect("www back to 2", eventually(Anchor.step("pull-one", 100), 5_000), running("www", 2))
                .report(20_000);
        assertThat(report.outcome()).isEqualTo(Outcome.PASS);

        Element suite = junit(report).getDocumentElement();

        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("cartridge pull failover");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(names(suite)).containsExactly("expectation: www back to 2 (pull-one #1)",
                "invariant: over-grant", "invariant: leaked-seat", "invariant: unexplained-suspension");
        assertThat(property(suite, "seed")).isEqualTo("42");
        assertThat(property(suite, "version.java")).isEqualTo("17.0.12");
        assertThat(property(suite, "machine")).isEqualTo("test machine (2 cores)");
        assertThat(property(suite, "complete")).isEqualTo("true");
        assertThat(suite.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void anOverGrantFailsTheRunWithItsIntervalNamedInJUnitXml() throws Exception {
        ScenarioReport report = overGrant().report(20_000);
        assertThat(report.outcome()).isEqualTo(Outcome.FAIL);

        Element suite = junit(report).getDocumentElement();

        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        Element overGrant = testCase(suite, "invariant: over-grant");
        Element failure = (Element) overGrant.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("from 4.000 s to 6.000 s: 3 instances of www running"
                + " with a license count of 2 in force");
        assertThat(failure.getTextContent()).contains("from 4.000 s to 6.000 s");
        Element within = (Element) testCase(suite, "expectation: within count").getElementsByTagName("failure").item(0);
        assertThat(within.getAttribute("message")).isEqualTo("not www within its license count at 4.000 s (4 s after"
                + " the start): 3 running with a count of 2; it held again 2 s later, at 6.000 s");
    }

    @Test
    void anOverGrantIsShadedOnTheTimelineAndNamedInTheHtml() throws IOException {
        ScenarioReport report = overGrant().report(20_000);
        Path file = dir.resolve("report.html");

        HtmlReport.write(report, file);
        String html = Files.readString(file);

        assertThat(html).contains("<span class=\"verdict FAIL\">FAIL</span>");
        assertThat(html).contains("<rect class=\"overgrant\" x=\"");
        assertThat(html).contains("from 4.000 s to 6.000 s: 3 instances of www running with a license count of 2");
        assertThat(html).contains("<svg class=\"timeline\"");
    }

    @Test
    void anIncompleteRunIsMarkedSoWithAFailingScenarioCompletedTestCase() throws Exception {
        ScenarioReport report = ScenarioReport.judge(ExpectationJudgeTest.pullFailover()
                .interrupted(7_000, "interrupted by Ctrl-C at 7.0 s"));
        assertThat(report.outcome()).isEqualTo(Outcome.INCOMPLETE);

        Element suite = junit(report).getDocumentElement();
        Element completed = testCase(suite, "scenario completed");
        assertThat(((Element) completed.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("the run did not complete: interrupted by Ctrl-C at 7.0 s");
        assertThat(property(suite, "complete")).isEqualTo("false");
        assertThat(property(suite, "incompleteReason")).isEqualTo("interrupted by Ctrl-C at 7.0 s");

        String html = HtmlReport.render(report);
        assertThat(html).contains("<span class=\"verdict INCOMPLETE\">INCOMPLETE</span>")
                .contains("no: interrupted by Ctrl-C at 7.0 s");
    }

    @Test
    void hostileNamesStayWellFormedXmlAndInertHtml() throws Exception {
        String hostile = "<script>alert(\"x\")</script>&'\u0001]]>";
        ScenarioReport report = new RunBuilder().named("evil " + hostile).seats(0, hostile, 1)
                .runs(1_000, "A/1", hostile)
                .fault(2_000, "pull", "s<1>", 1, "A/1").removed(2_010, "A/1")
                .expect(hostile, eventually(Anchor.START, 5_000), running(hostile, 1))
                .report(10_000);

        Element suite = junit(report).getDocumentElement();
        assertThat(suite.getAttribute("name")).isEqualTo("evil <script>alert(\"x\")</script>&'\uFFFD]]>");
        assertThat(names(suite)).contains("expectation: " + JUnitXmlReport.clean(hostile));

        String html = HtmlReport.render(report);
        assertThat(html).doesNotContain("<script").doesNotContain("\u0001")
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;")
                .contains("s&lt;1&gt; #1");
        // self-contained: no script, nothing fetched
        assertThat(html).doesNotContain(" src=").doesNotContain(" href=").doesNotContain("@import");
    }

    private Document junit(ScenarioReport report) throws Exception {
        Path file = dir.resolve("junit.xml");
        JUnitXmlReport.write(report, file);
        // parsing it back with the JDK's DOM parser proves it is well-formed
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> names(Element suite) {
        List<String> names = new ArrayList<>();
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        return names;
    }

    private static Element testCase(Element suite, String name) {
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            if (((Element) cases.item(i)).getAttribute("name").equals(name)) {
                return (Element) cases.item(i);
            }
        }
        throw new AssertionError("no test case named " + name + " in " + names(suite));
    }

    private static String property(Element suite, String name) {
        NodeList properties = suite.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (property.getAttribute("name").equals(name)) {
                return property.getAttribute("value");
            }
        }
        throw new AssertionError("no property " + name);
    }
}
