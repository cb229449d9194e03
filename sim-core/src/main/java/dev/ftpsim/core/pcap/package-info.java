/**
 * Packet captures: {@link dev.ftpsim.core.pcap.PcapWriter} taps interfaces and writes classic
 * libpcap files (LINKTYPE_RAW, nanosecond timestamps) with real headers and checksums
 * ({@link dev.ftpsim.core.pcap.PacketBytes}), real control bytes and zeros for bulk data.
 */
package dev.ftpsim.core.pcap;
