package dev.vrack.checker;

/**
 * What one application did over a run, for the summary line.
 *
 * @param app             the application
 * @param peakRunning     the most instances running at once
 * @param countAtPeak     the license count in force when that peak was first reached
 * @param peakAt          when the peak was first reached (null when nothing ever ran)
 * @param runningAtEnd    instances running at the last event
 * @param countAtEnd      the license count in force at the last event
 * @param seatsHeldAtEnd  seats the manager still counted as granted at the last event
 */
public record AppSummary(String app, int peakRunning, int countAtPeak, Moment peakAt, int runningAtEnd,
                         int countAtEnd, int seatsHeldAtEnd) {
}
