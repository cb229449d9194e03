package dev.ftpsim.scenario;

import static dev.ftpsim.scenario.Fixture.FTP;
import static dev.ftpsim.scenario.Fixture.NET;
import static dev.ftpsim.scenario.Fixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One bad input per validation rule, asserting what the user reads: file, line, column, key path
 * and wording. Line numbers refer to {@link Fixture#NET} (lines 1-8) plus the text added after it.
 */
class ValidationErrorsTest {

    private static void assertErrors(final String text, final String... expected) {
        assertEquals(List.of(expected), errors(text));
    }

    // ------------------------------------------------------------------ keys and types

    @Test
    void anUnknownKeyIsReportedWithTheClosestKnownKey() {
        assertErrors(NET.replace("[fw.wan, server] }", "[fw.wan, server], los: 0.1 }"),
                "t.yaml:8:31: links[1].los: unknown key 'los' (did you mean 'loss'?); expected one of ends,"
                        + " bandwidth, delay, queue, loss, mtu");
    }

    @Test
    void anUnknownKeyFarFromAnyKnownOneListsTheKnownKeys() {
        assertErrors(NET + "colour: blue\n",
                "t.yaml:9:1: colour: unknown key 'colour'; expected one of name, seed, stop, hosts, routers, links,"
                        + " firewall, ftp, record, sweep, balancers, switches");
    }

    @Test
    void aValueOfTheWrongTypeSaysWhatWasExpected() {
        assertErrors(NET.replace("[fw.wan, server] }", "[fw.wan, server], delay: [1] }"),
                "t.yaml:8:38: links[1].delay: expected a duration like 5ms or 120s, got a list");
        assertErrors(NET + "seed: forty-two\n",
                "t.yaml:9:7: seed: expected a whole number from 0 to 9223372036854775807, got the string"
                        + " 'forty-two'");
    }

    @Test
    void aKeyWrittenTwiceIsAnError() {
        assertErrors(NET + "seed: 1\nseed: 2\n",
                "t.yaml:10:1: seed: duplicate key 'seed': a key may appear once per mapping");
    }

    @Test
    void textThatIsNotYamlIsReportedWhereTheParserStopped() {
        assertErrors("hosts: [\n  a: b\n",
                "t.yaml:3:1: not valid YAML: while parsing a flow sequence: expected ',' or ']', but got"
                        + " <stream end>");
    }

    @Test
    void anEmptyFileSaysWhatItShouldHold() {
        assertErrors("", "t.yaml:1:1: the file is empty: expected a mapping with at least 'hosts'");
    }

    // ------------------------------------------------------------------ addresses

    @Test
    void aBadAddressNamesTheBadOctet() {
        assertErrors(NET.replace("198.51.100.10/24", "198.51.100.300/24"),
                "t.yaml:2:22: hosts.client.address: bad IPv4 address '198.51.100.300': octet 300 > 255; expected an"
                        + " IPv4 address with prefix length, like 198.51.100.10/24");
    }

    @Test
    void aBadPrefixLengthIsRefused() {
        assertErrors(NET.replace("198.51.100.10/24", "198.51.100.10/33"),
                "t.yaml:2:22: hosts.client.address: bad prefix '198.51.100.10/33': length not in 0..32; expected an"
                        + " IPv4 address with prefix length, like 198.51.100.10/24");
        assertErrors(NET.replace("198.51.100.10/24", "198.51.100.10"),
                "t.yaml:2:22: hosts.client.address: '198.51.100.10' has no prefix length: expected an IPv4 address"
                        + " with prefix length, like 198.51.100.10/24");
    }

    @Test
    void aNetworkAddressIsNotAHostAddress() {
        assertErrors(NET.replace("198.51.100.10/24", "198.51.100.0/24"),
                "t.yaml:2:22: hosts.client.address: 198.51.100.0/24 is the network address of 198.51.100.0/24:"
                        + " expected a host address in it");
    }

    @Test
    void aGatewayMustBeOnTheHostsSubnet() {
        assertErrors(NET.replace("198.51.100.10/24 }", "198.51.100.10/24, gateway: 203.0.113.1 }"),
                "t.yaml:2:49: hosts.client.gateway: gateway 203.0.113.1 is not on the host's subnet 198.51.100.0/24");
    }

    @Test
    void aGroupSubnetMustHaveItsHostBitsClearAndRoomForEveryMember() {
        assertErrors(NET.replace("client: { address: 198.51.100.10/24 }", "client: { count: 3, subnet: 198.51.100.7/24 }"),
                "t.yaml:2:31: hosts.client.subnet: 198.51.100.7/24 has host bits set: expected the network address"
                        + " 198.51.100.0/24");
        assertErrors(NET.replace("client: { address: 198.51.100.10/24 }", "client: { count: 300, subnet: 198.51.100.0/24 }"),
                "t.yaml:2:20: hosts.client.count: 300 hosts do not fit into 198.51.100.0/24 from 198.51.100.1: it has"
                        + " room for 253 (the gateway's address is skipped)");
    }

    @Test
    void anAddressMayBeUsedOnce() {
        assertErrors(NET.replace("203.0.113.10/24", "203.0.113.1/24"),
                "t.yaml:5:50: routers.fw.interfaces.wan: 203.0.113.1 is already the address of server");
        assertErrors(NET.replace("client: { address: 198.51.100.10/24 }", "client: { count: 20, subnet: 198.51.100.0/24 }")
                        .replace("server: { address: 203.0.113.10/24 }", "server: { address: 203.0.113.10/24 }\n  x: { address: 198.51.100.7/24 }"),
                "t.yaml:4:3: hosts.x: host 'x' is not connected: no entry of 'links' names it",
                "t.yaml:4:17: hosts.x.address: 198.51.100.7 is also the address of a member of host group 'client':"
                        + " move the group's 'first' address or shrink its count");
    }

    // ------------------------------------------------------------------ references

    @Test
    void aLinkEndNamingNoNodeSuggestsTheClosestName() {
        assertErrors(NET.replace("[client, fw.lan]", "[clinet, fw.lan]"),
                "t.yaml:7:14: links[0].ends[0]: unknown node 'clinet' (did you mean 'client'?); expected a host, a"
                        + " host group or a router interface like fw.lan; nodes are client, server, fw");
    }

    @Test
    void aHostsTcpBlockIsChecked() {
        assertErrors(NET.replace("client: { address: 198.51.100.10/24 }",
                        "client: { address: 198.51.100.10/24, tcp: { syn-retries: -1, initial-rto: 0s, rmem: 1 } }"),
                "t.yaml:2:60: hosts.client.tcp.syn-retries: -1 is out of range: expected a number of retries from 0"
                        + " to 127 (Linux: 6)",
                "t.yaml:2:77: hosts.client.tcp.initial-rto: the initial RTO must be above 0",
                "t.yaml:2:81: hosts.client.tcp.rmem: unknown key 'rmem'; expected one of syn-retries,"
                        + " syn-linear-timeouts, synack-retries, initial-rto, receive-buffer, retries2, keepalive-time,"
                        + " keepalive-intvl, keepalive-probes");
    }

    @Test
    void anUnknownNameWithOneCandidateQuotesIt() {
        assertErrors("""
                hosts:
                  a: { address: 10.0.0.1/24 }
                links:
                  - { ends: [a, b] }
                """, "t.yaml:4:17: links[0].ends[1]: unknown node 'b' (did you mean 'a'?); expected a host, a host"
                + " group or a router interface like fw.lan; nodes are a");
    }

    @Test
    void aMissingFileSaysSo(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path tmp) {
        final java.nio.file.Path f = tmp.resolve("nope.yaml");
        final ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(f));
        assertEquals(List.of(f + ":1:1: no such file"), e.errors().stream().map(ScenarioError::toString).toList());
    }

    @Test
    void aRouterEndMustNameOneOfItsInterfaces() {
        assertErrors(NET.replace("[client, fw.lan]", "[client, fw.lna]"),
                "t.yaml:7:22: links[0].ends[1]: unknown interface 'fw.lna' (did you mean 'fw.lan'?); expected one of"
                        + " fw.lan, fw.wan");
        assertErrors(NET.replace("[client, fw.lan]", "[client, fw]"),
                "t.yaml:7:22: links[0].ends[1]: 'fw' is a router: name one of its interfaces, fw.lan or fw.wan");
    }

    @Test
    void anInterfaceTakesOneLinkAndBothEndsShareASubnet() {
        assertErrors(NET + "  - { ends: [server, fw.lan] }\n",
                "t.yaml:9:13: links[2].ends: server (203.0.113.0/24) and fw.lan (198.51.100.0/24) are not on the same"
                        + " subnet",
                "t.yaml:9:14: links[2].ends[0]: server is already connected by links[1]: an interface takes one link",
                "t.yaml:9:22: links[2].ends[1]: fw.lan is already connected by links[0]: an interface takes one link");
    }

    @Test
    void aServerMustRunOnADefinedHost() {
        assertErrors(NET + FTP.replace("host: server,", "host: srever,"),
                "t.yaml:10:19: ftp.server.host: unknown host 'srever' (did you mean 'server'?); expected one of"
                        + " client, server");
    }

    @Test
    void aClientDialsADefinedServerOrAnAddress() {
        assertErrors(NET + FTP.replace("mode: passive }", "mode: passive, server: other }"),
                "t.yaml:12:46: ftp.clients[0].server: no FTP server runs on 'other'; expected the host of a server"
                        + " (server) or an IPv4 or IPv6 address to dial");
    }

    @Test
    void aDownloadMustNameAFileTheServerServes() {
        assertErrors(NET + FTP.replace("mode: passive }", "mode: passive, script: [login anonymous, get /pub/f.bn] }"),
                "t.yaml:12:64: ftp.clients[0].script[1]: the server on server has no file /pub/f.bn (did you mean"
                        + " '/pub/f.bin'?); it serves /pub/f.bin");
    }

    @Test
    void cccWithoutTlsIsAnErrorOnServersAndClients() {
        assertErrors(NET + FTP.replace("host: server,", "host: server, ccc: true,")
                        .replace("mode: passive }", "mode: passive, tls: false, ccc: true }"),
                "t.yaml:10:32: ftp.server.ccc: ccc clears a TLS-protected control connection: it needs tls: true",
                "t.yaml:12:55: ftp.clients[0].ccc: ccc clears a TLS-protected control connection: it needs tls: true");
    }

    @Test
    void twoServersCannotShareAHostAndPort() {
        assertErrors(NET + """
                ftp:
                  servers:
                    - { host: server }
                    - { host: server, profile: proftpd }
                """, "t.yaml:12:7: ftp.servers[1]: a second server on server port 21: give it another port");
    }

    @Test
    void aFirewallMustRunOnAHostOrRouter() {
        assertErrors(NET + "firewall:\n  fx: {}\n",
                "t.yaml:10:3: firewall.fx: unknown host or router 'fx' (did you mean 'fw'?); expected one of client,"
                        + " server, fw");
    }

    @Test
    void aCapturePointMustBeALinkEnd() {
        assertErrors(NET + "record: { pcap: [fw.wna] }\n",
                "t.yaml:9:18: record.pcap[0]: unknown interface 'fw.wna' (did you mean 'fw.wan'?); expected one of"
                        + " fw.lan, fw.wan");
    }

    @Test
    void tcpProbesNameSingleHosts() {
        assertErrors(NET + "record: { tcp: [cleint, server] }\n",
                "t.yaml:9:17: record.tcp[0]: unknown host 'cleint' (did you mean 'client'?); expected one of client,"
                        + " server");
        assertErrors(NET + "record: { tcp: [fw] }\n",
                "t.yaml:9:17: record.tcp[0]: unknown host 'fw'; expected one of client, server");
        assertErrors(NET.replace("client: { address: 198.51.100.10/24 }", "lan: { count: 4, subnet: 198.51.100.0/24 }")
                        .replace("[client, fw.lan]", "[lan, fw.lan]") + "record: { tcp: [server, lan] }\n",
                "t.yaml:9:25: record.tcp[1]: 'lan' is a host group, each member with a TCP of its own: name a single"
                        + " host, one of server");
    }

    // ------------------------------------------------------------------ impossible values

    @Test
    void aNegativeDelayIsRefused() {
        assertErrors(NET.replace("[fw.wan, server] }", "[fw.wan, server], delay: -5ms }"),
                "t.yaml:8:38: links[1].delay: bad duration '-5ms': a duration cannot be negative; expected a number"
                        + " followed by ns, us, ms, s, min, h or d (e.g. 5ms, 1.5s, 120s)");
    }

    @Test
    void aLossAboveOneIsNotAProbability() {
        assertErrors(NET.replace("[fw.wan, server] }", "[fw.wan, server], loss: 1.5 }"),
                "t.yaml:8:37: links[1].loss: 1.5 is not a probability: expected a probability from 0 to 1 (or a"
                        + " percentage like 0.1%)");
        assertErrors(NET.replace("[fw.wan, server] }", "[fw.wan, server], loss: { gilbert-elliott: { p: 0.01, r: 1.2 } } }"),
                "t.yaml:8:70: links[1].loss.gilbert-elliott.r: 1.2 is not a probability: expected a probability from"
                        + " 0 to 1 (or a percentage like 0.1%)");
    }

    @Test
    void aReversedPortRangeIsRefused() {
        assertErrors(NET + FTP.replace("host: server,", "host: server, passive-ports: 30100-30000,"),
                "t.yaml:10:42: ftp.server.passive-ports: port range 30100-30000 is reversed: its start is above its"
                        + " end");
    }

    @Test
    void negativeSessionsAreRefused() {
        assertErrors(NET + FTP.replace("mode: passive }", "mode: passive, sessions: -1 }"),
                "t.yaml:12:48: ftp.clients[0].sessions: -1 is out of range: expected a number of sessions from 0 to"
                        + " 100000000");
    }

    @Test
    void aQueueMustHoldAPacketAndAnMtuMustBeLegal() {
        assertErrors(NET.replace("[fw.wan, server] }", "[fw.wan, server], queue: 100B, mtu: 40 }"),
                "t.yaml:8:38: links[1].queue: a queue of 100B cannot hold one 1500-byte packet",
                "t.yaml:8:49: links[1].mtu: 40 is out of range: expected an MTU in bytes from 68 to 65535");
    }

    @Test
    void anIpv6LinkCannotHaveAnMtuBelow1280() {
        // Linux 6.18: 'ip link set lan mtu 1200' removed the interface's IPv6 addresses, and 'ip -6 addr
        // add 2001:db8:1::5/64 dev lan' then answered "RTNETLINK answers: Invalid argument"
        final String v6 = NET.replace("server: { address: 203.0.113.10/24 }",
                "server: { address: 203.0.113.10/24, address6: 2001:db8:2::10/64 }")
                .replace("wan: 203.0.113.1/24 }", "wan: [203.0.113.1/24, 2001:db8:2::1/64] }");
        assertErrors(v6.replace("[fw.wan, server] }", "[fw.wan, server], mtu: 1200 }"),
                "t.yaml:8:36: links[1].mtu: an MTU of 1200 is below the IPv6 minimum of 1280 (RFC 8200 section 5),"
                        + " but fw.wan has an IPv6 address: Linux takes IPv6 off such an interface ('ip -6 addr add'"
                        + " answers Invalid argument); use 1280 or more, or no IPv6 address there");
        assertErrors(NET.replace("[fw.wan, server] }", "[fw.wan, server], mtu: 1200 }"));
    }

    @Test
    void aRunMustLastSomeTime() {
        assertErrors(NET + "stop: 0\n", "t.yaml:9:7: stop: the run must last longer than 0s");
    }

    @Test
    void routesNeedAReachableNextHop() {
        assertErrors(NET.replace("wan: 203.0.113.1/24 } }", "wan: 203.0.113.1/24 }, routes: [10.0.0.0/8 via 192.0.2.1, bogus] }"),
                "t.yaml:5:77: routers.fw.routes[0]: next hop 192.0.2.1 is not on a subnet of this router's interfaces",
                "t.yaml:5:103: routers.fw.routes[1]: bad route 'bogus': expected a route like '10.0.0.0/8 via"
                        + " 203.0.113.254' or 'default via 203.0.113.254'");
    }

    // ------------------------------------------------------------------ profiles, modes, scripts

    @Test
    void unknownProfilesAndModesSuggestTheClosestName() {
        assertErrors(NET + FTP.replace("host: server,", "host: server, profile: vsftp,")
                        .replace("mode: passive }", "mode: pasive, profile: curll }"),
                "t.yaml:10:36: ftp.server.profile: unknown server profile 'vsftp' (did you mean 'vsftpd'?); expected"
                        + " one of vsftpd, proftpd",
                "t.yaml:12:29: ftp.clients[0].mode: unknown mode 'pasive' (did you mean 'passive'?); expected one of"
                        + " active, passive, port, eprt, pasv, epsv",
                "t.yaml:12:46: ftp.clients[0].profile: unknown client profile 'curll' (did you mean 'curl'?); expected"
                        + " one of curl, lftp, filezilla, python-ftplib, commons-net, windows-ftp");
    }

    @Test
    void aProfileCannotUseAModeItsSoftwareLacks() {
        assertErrors(NET + FTP.replace("mode: passive }", "mode: passive, profile: windows-ftp }"),
                "t.yaml:12:29: ftp.clients[0].mode: windows-ftp has no passive mode: expected active, port or eprt,"
                        + " or another profile");
    }

    @Test
    void scriptStepsAndArrivalsAreChecked() {
        assertErrors(NET + FTP.replace("mode: passive }", "mode: passive, arrivals: poison 10/s, script: [login, fetch /a, put /x] }"),
                "t.yaml:12:48: ftp.clients[0].arrivals: unknown arrival process 'poison' (did you mean 'poisson'?);"
                        + " expected one of at, uniform, poisson, every (as in 'at 0s', 'uniform 0-1s', 'poisson 10/s' or"
                        + " 'every 100ms')",
                "t.yaml:12:70: ftp.clients[0].script[0]: bad step 'login': expected 'login anonymous' or 'login USER"
                        + " PASSWORD'",
                "t.yaml:12:77: ftp.clients[0].script[1]: unknown step 'fetch'; expected one of login, get, put, list,"
                        + " nlst, cd, wait",
                "t.yaml:12:87: ftp.clients[0].script[2]: bad step 'put /x': expected 'put PATH SIZE' with SIZE a size"
                        + " like 10MB, 'uniform 1MB-10MB', 'exponential 5MB' or 'lognormal 1MB 1.5'");
    }

    @Test
    void aWaitComesAfterALoginAndLastsAboveZero() {
        assertErrors(NET + FTP.replace("mode: passive }",
                "mode: passive, script: [wait 5s, login anonymous, wait 0s, wait x] }"),
                "t.yaml:12:47: ftp.clients[0].script[0]: 'wait' pauses between commands after a login: put a 'login'"
                        + " step first",
                "t.yaml:12:73: ftp.clients[0].script[2]: bad step 'wait 0s': expected 'wait DURATION' with a duration"
                        + " above 0, like 'wait 30s'",
                "t.yaml:12:82: ftp.clients[0].script[3]: bad step 'wait x': expected 'wait DURATION' with a duration"
                        + " above 0, like 'wait 30s'");
    }
}
