package dev.ftpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every key the loader accepts is documented in docs/scenario-format.md, in its own section. */
class DocumentedKeysTest {
    static final Path DOC = Path.of("..", "docs", "scenario-format.md");

    /** Section heading to the keys documented there. */
    private static Map<String, List<String>> keysBySection() {
        final Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("## Top level", ScenarioLoader.KEYS);
        m.put("## hosts", concat(NetworkBinder.HOST_KEYS, NetworkBinder.GROUP_KEYS));
        m.put("### tcp", NetworkBinder.TCP_KEYS);
        m.put("## routers", NetworkBinder.ROUTER_KEYS);
        m.put("## links", concat(LinkBinder.LINK_KEYS, LinkBinder.GE_KEYS));
        m.put("## firewall", concat(FirewallBinder.KEYS, FirewallBinder.CHAIN_KEYS));
        m.put("### conntrack", concat(FirewallBinder.CT_KEYS, FirewallBinder.TIMEOUT_KEYS));
        m.put("## ftp", FtpBinder.KEYS);
        m.put("### server", FtpBinder.SERVER_KEYS);
        m.put("### clients", FtpBinder.CLIENT_KEYS);
        m.put("## balancers", concat(BalancerBinder.KEYS, BalancerBinder.BACKEND_KEYS));
        m.put("## record", ScenarioLoader.RECORD_KEYS);
        m.put("## sweep", ScenarioLoader.SWEEP_KEYS);
        return m;
    }

    private static List<String> concat(final List<String> a, final List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    /** The text from {@code heading} to the next heading of any level. */
    private static String section(final List<String> lines, final String heading) {
        final int start = lines.indexOf(heading);
        if (start < 0) {
            return null;
        }
        final StringBuilder b = new StringBuilder();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            b.append(lines.get(i)).append('\n');
        }
        return b.toString();
    }

    @Test
    void everyAcceptedKeyIsDocumentedInItsSection() throws Exception {
        final List<String> lines = Files.readAllLines(DOC);
        final List<String> missing = new ArrayList<>();
        keysBySection().forEach((heading, keys) -> {
            final String text = section(lines, heading);
            if (text == null) {
                missing.add("no section '" + heading + "'");
                return;
            }
            for (final String k : keys) {
                if (!text.contains("`" + k + "`") && !text.contains("`" + k + ":")) {
                    missing.add(heading + ": `" + k + "`");
                }
            }
        });
        assertEquals(List.of(), missing);
    }
}
