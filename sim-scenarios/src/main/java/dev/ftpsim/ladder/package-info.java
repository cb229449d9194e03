/**
 * Ladder (sequence) diagrams of one FTP session: {@link dev.ftpsim.ladder.LadderRenderer} turns
 * nodes and events into SVG for people and Mermaid text for documents. It knows nothing of how
 * the events were captured.
 */
package dev.ftpsim.ladder;
