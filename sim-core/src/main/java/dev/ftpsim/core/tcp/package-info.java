/**
 * TCP, one {@link dev.ftpsim.core.tcp.TcpStack} per node, behaving on the wire like Linux's.
 *
 * <h2>Files</h2>
 * {@code TcpStack} (ports, demultiplexing, RST for closed ports), {@code TcpConnection} (API,
 * the one state transition function, segments, timers), {@code TcpEvent} (what moves the state,
 * as INET's TcpEventCode), {@code SendSequence}, {@code ReceiveSequence} and {@code RttEstimator}
 * (the rules of the send, receive and RTT variables of RFC 9293 3.3.1 and RFC 6298, which are
 * fields of the connection so that it is one object), {@code TcpOutput} (what to send: windows, Nagle, limited transmit,
 * zero-window probes, retransmission), {@code TcpHandshake} (SYN, SYN,ACK, options),
 * {@code TcpInput} (SEGMENT ARRIVES, organised as RFC 9293 3.10.7), {@code TcpTimers} (RTO, SYN
 * retries, keepalive),
 * {@code NewReno} (window rules), {@code SendBuffer}/{@code Reassembly} (data).
 *
 * <h2>Parameters ({@link dev.ftpsim.core.tcp.TcpConfig#linux()})</h2>
 * <ul>
 * <li>MSS 1460, capped at the route MTU - 40; 536 assumed without the option (RFC 9293 3.7.1).
 * <li>Receive buffer 131072 B at first (tcp_rmem default; 87380 on kernels before 4.19, see
 *     {@code LinuxKernel}), of which half is window; the SYN offers it rounded down to MSS
 *     multiples (64240 B; 20 segments before 4.19), the ACKs offer rcv_ssthresh, which grows by
 *     two segments per segment received ({@code TcpHandshake#initialWindow},
 *     {@code ReceiveSequence#grow}); autotuned as Linux's dynamic
 *     right-sizing does (tcp_moderate_rcvbuf = 1, {@code ReceiveTuning}): once per receiver RTT
 *     (measured without timestamps as the time a window's worth of data takes), when the
 *     application read more than in the last RTT, the window grows to about twice that, up to half
 *     of tcp_rmem's max 6291456 (tcp_adv_win_scale = 1). A fixed buffer ({@code withReceiveBuffer},
 *     like SO_RCVBUF) turns autotuning off. Window scaling on (RFC 7323), shift sized for tcp_rmem's
 *     max as Linux does: 7. The skb overhead Linux accounts for beyond tcp_adv_win_scale is not
 *     modelled. Applications consume data as it is handed over, unless
 *     they switch to explicit reading ({@code setAutoConsume(false)}, {@code consume(n)}): then
 *     unread data shrinks the window, a zero window stops the sender, which probes it (Linux
 *     tcp_send_probe0: SEQ = SND.UNA - 1, backing off like the RTO; tcp_retries2 probes in a row
 *     without an answer give the connection up, tcp_probe_timer), and the receiver reopens it
 *     once it can grow by min(RCV.BUFF / 2, MSS) (receiver SWS avoidance, RFC 9293 3.8.6.2.2).
 * <li>Initial window 10 segments (RFC 6928), NewReno (RFC 5681 + RFC 6582) with limited transmit
 *     (RFC 3042), slow start and
 *     congestion avoidance counting bytes (RFC 3465, L = 2 SMSS).
 * <li>RTO per RFC 6298 with Linux's floor on the variance term: RTO = SRTT + max(4 RTTVAR, 200 ms),
 *     at most 120 s, initial 1 s, 3 s after a retransmitted SYN (RFC 6298 5.7). Karn's rule: one
 *     timed segment, no sample across retransmissions. Exponential back-off.
 * <li>SYN retries: tcp_syn_retries = 6 and, since Linux 6.5, tcp_syn_linear_timeouts = 4: the
 *     first four retransmissions 1 s apart, then doubling, so a black-holed connect sends 11 SYNs
 *     and fails after 131 s (127 s after 7 SYNs with 0, as before 6.5; {@code
 *     TcpConfig.synGiveUpNanos} gives tcp_write_timeout()'s rule).
 *     SYN,ACK retries tcp_synack_retries = 5. Data: tcp_retries2 = 15, i.e. Linux's
 *     retransmits_timed_out() limit of 204.6 s (ten doublings from 200 ms) + 6 x 120 s = 924.6 s
 *     after the first retransmitted segment was sent.
 * <li>Delayed ACKs: an ACK at once when more than one full-sized segment is unacknowledged
 *     (Linux __tcp_ack_snd_check), on out-of-order data, on filling a hole and on FIN; otherwise
 *     after 40 ms. Linux's delayed-ACK timeout (ato) starts at TCP_ATO_MIN = 40 ms and adapts up
 *     to TCP_DELACK_MAX = 200 ms for slow interactive flows; we keep 40 ms, which is what Linux
 *     uses on the request/response exchanges of FTP control connections and keeps runs simple to
 *     reason about. Linux's initial quick-ACK mode is not modelled.
 * <li>TIME_WAIT 60 s (TCP_TIMEWAIT_LEN), kept as Linux keeps it: the socket with its buffers and
 *     application is freed and a {@code TimeWait} of about 120 bytes (Linux's inet_timewait_sock)
 *     holds the tuple, sequence numbers, window and timer, re-ACKs a retransmitted FIN and keeps
 *     the port busy, except that a connect() from a port bound with SO_REUSEADDR (port 20) takes the
 *     tuple over (tcp_twsk_unique()) and a new SYN goes to the port's listener (TCP_TW_SYN), each
 *     with an ISN past the old sequence space, as Linux decides with the timestamps its ends use
 *     by default; keepalive off by default, 7200 s / 75 s / 9 probes.
 * <li>TCP Small Queues (tcp_small_queue_check): a connection keeps at most max(two segments'
 *     skb truesize, about 1 ms of its pacing rate), never more than tcp_limit_output_bytes = 4 MB,
 *     in its own host's interface queue, so a sender whose first link is the bottleneck waits in
 *     its socket and loses nothing there; the TX completion of one of its segments lets it send
 *     again (tcp_wfree). A segment the host's full queue refuses is not sent (the qdisc's
 *     NET_XMIT_DROP): the window is reduced once per window (tcp_enter_cwr, here at once rather
 *     than by PRR) and it goes out on the next ACK. Checked on Linux 6.18: two senders behind
 *     {@code tbf rate 100mbit}, 206 packets refused by the qdisc, no segment retransmitted.
 * <li>Nagle on (RFC 896); ephemeral ports 32768-60999 (ip_local_port_range), any chosen port may be
 *     bound; random ISNs from the stream {@code tcp/<node>/isn}.
 * <li>RST: for segments to closed ports (RFC 9293 3.10.7.1); on synchronized connections only an
 *     exact sequence match resets, an in-window one draws a challenge ACK (RFC 5961);
 *     challenge ACKs and ACKs to unacceptable segments without data go out at most once per 500 ms
 *     per connection (Linux tcp_invalid_ratelimit).
 * <li>ICMP destination unreachable (any code but fragmentation needed) and time exceeded to a
 *     connection in SYN-SENT fail it at once (Linux tcp_v4_err, tcp_v6_err): port/protocol
 *     unreachable as "refused", others as "unreachable"; for a listener's SYN-RECEIVED some drop
 *     the request silently, as tcp_req_err does; on synchronized connections they are soft errors
 *     (sk_err_soft), read by the application instead of "timed out" when the connection gives up,
 *     and an IPv4 net or host unreachable (ICMPv6 no route) about the head segment undoes one RTO back-off (RFC 6069,
 *     tcp_ld_RTO_revert) ({@code TcpIcmp}).
 * </ul>
 *
 * <h2>Missing bits</h2>
 * SACK, timestamps, F-RTO, PRR, ECN, path MTU discovery (we do not fragment and
 * oversize packets are dropped), sender-side SWS avoidance beyond Nagle, ACK processing of data
 * segments that arrive while our own window is zero, urgent data, listen backlogs, loopback, tcp_fin_timeout for orphaned FIN-WAIT-2, connections that differ only by local address.
 */
package dev.ftpsim.core.tcp;
