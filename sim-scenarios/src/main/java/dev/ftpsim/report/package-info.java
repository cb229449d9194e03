/**
 * {@code report.html}: one self-contained page per run or sweep (inline CSS, SVGs inline, no
 * script, nothing fetched), built from the files the run wrote: {@link dev.ftpsim.report.RunReport}
 * and {@link dev.ftpsim.report.SweepReport} lay them out, {@link dev.ftpsim.report.HtmlPage} escapes
 * and assembles.
 */
package dev.ftpsim.report;
