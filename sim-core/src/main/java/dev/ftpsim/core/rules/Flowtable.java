package dev.ftpsim.core.rules;

import java.util.List;

/** A flowtable: offloaded connections skip the forward chains from their next packet on. */
public record Flowtable(String name, Hook hook, int priority, List<String> devices, boolean offload,
        boolean counter, Pos pos) {
    public Flowtable {
        devices = List.copyOf(devices);
    }
}
