package dev.vrack.scenario.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A scenario report as JUnit XML, the common shape CI systems read: one {@code <testsuite>} named after the
 * scenario, with properties (seed, versions, machine, complete), one {@code <testcase>} per expectation result and
 * per enforced invariant, and, when the run did not complete, a failing "scenario completed" test case. Built
 * with the JDK's DOM, so every text is escaped; characters XML 1.0 cannot carry are replaced.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    /** Writes the report to {@code file} (UTF-8), creating its folder. */
    public static void write(ScenarioReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            TransformerFactory factory = TransformerFactory.newInstance();
            var transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            transformer.transform(new DOMSource(document(report)), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IOException("could not write the JUnit XML report " + file + ": " + e.getMessage(), e);
        }
    }

    /** The report as a DOM document. */
    static Document document(ScenarioReport report) {
        Document doc;
        try {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
        }
        ScenarioRun run = report.run();
        String suiteName = run.scenario().name();
        String className = "scenario." + suiteName;
        Element suite = doc.createElement("testsuite");
        doc.appendChild(suite);
        int tests = 0;
        int failures = 0;
        set(suite, "name", suiteName);
        Element properties = child(doc, suite, "properties");
        property(doc, properties, "seed", Long.toString(run.seed()));
        for (Map.Entry<String, String> version : run.versions().entrySet()) {
            property(doc, properties, "version." + version.getKey(), version.getValue());
        }
        property(doc, properties, "machine", run.machine());
        property(doc, properties, "complete", Boolean.toString(run.complete()));
        run.incompleteReason().ifPresent(reason -> property(doc, properties, "incompleteReason", reason));
        property(doc, properties, "outcome", report.outcome().name());
        if (!run.complete()) {
            tests++;
            failures++;
            Element test = testCase(doc, suite, "scenario completed", className);
            failure(doc, test, "the run did not complete: " + run.incompleteReason().orElse("no reason given"),
                    "incomplete");
        }
        for (ExpectationResult result : report.expectations()) {
            tests++;
            Element test = testCase(doc, suite, "expectation: " + result.name(), className);
            if (result.passed()) {
                child(doc, test, "system-out").setTextContent(clean(result.message()));
            } else {
                failures++;
                failure(doc, test, result.message(), "expectation");
            }
        }
        for (InvariantResult result : report.invariants()) {
            tests++;
            Element test = testCase(doc, suite, "invariant: " + result.id(), className);
            if (!result.passed()) {
                failures++;
                failure(doc, test, result.message(), result.id());
            }
        }
        set(suite, "tests", Integer.toString(tests));
        set(suite, "failures", Integer.toString(failures));
        set(suite, "errors", "0");
        set(suite, "skipped", "0");
        set(suite, "time", seconds(run.endMono() - run.startMono()));
        return doc;
    }

    private static Element testCase(Document doc, Element suite, String name, String className) {
        Element test = child(doc, suite, "testcase");
        set(test, "name", name);
        set(test, "classname", className);
        set(test, "time", "0");
        return test;
    }

    private static void failure(Document doc, Element test, String message, String type) {
        Element failure = child(doc, test, "failure");
        set(failure, "message", message);
        set(failure, "type", type);
        failure.setTextContent(clean(message));
    }

    private static void property(Document doc, Element properties, String name, String value) {
        Element property = child(doc, properties, "property");
        set(property, "name", name);
        set(property, "value", value);
    }

    private static Element child(Document doc, Element parent, String name) {
        Element element = doc.createElement(name);
        parent.appendChild(element);
        return element;
    }

    private static void set(Element element, String name, String value) {
        element.setAttribute(name, clean(value));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /** Replaces what XML 1.0 cannot carry at all (control characters, lone surrogates) with U+FFFD. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            out.appendCodePoint(allowed ? c : 0xFFFD);
            i += Character.charCount(c);
        }
        return out.toString();
    }
}
