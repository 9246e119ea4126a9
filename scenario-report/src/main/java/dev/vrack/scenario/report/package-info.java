/**
 * Judging a scenario run after the fact, purely from its merged event history: the expectations
 * ({@link dev.vrack.scenario.report.ExpectationJudge}), the failover table
 * ({@link dev.vrack.scenario.report.FailoverTable}), and the reports a CI system and a person read
 * ({@link dev.vrack.scenario.report.JUnitXmlReport}, {@link dev.vrack.scenario.report.HtmlReport}). Entry point:
 * {@link dev.vrack.scenario.report.ScenarioReport#judge(ScenarioRun)}.
 */
package dev.vrack.scenario.report;
