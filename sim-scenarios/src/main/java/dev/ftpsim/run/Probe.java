package dev.ftpsim.run;

import java.util.function.LongSupplier;

/**
 * A named number a run samples into its time series ({@code timeseries.csv}'s column of that
 * name), as ns-3's trace sources are named: read between events, never changing what it reads.
 *
 * @param name the column's name, like {@code conntrack_fw}
 * @param value reads the number now
 */
public record Probe(String name, LongSupplier value) {}
