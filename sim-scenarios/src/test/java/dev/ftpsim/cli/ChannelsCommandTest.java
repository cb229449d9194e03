package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChannelsCommandTest {
    @Test
    void channelsPrintsBothOfTheFirstSourcesListsWithRules() {
        final CommandLine cl = Main.commandLine();
        final StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("channels"));
        final List<String> words = Arrays.stream(out.toString().split("\n")).filter(l -> l.startsWith("  - "))
                .map(l -> l.substring(4, 54).strip()).toList();
        assertEquals(List.of(
                "FTP server's port 21 from anywhere",
                "FTP server's port 21 to ports > 1023",
                "FTP server's port 20 to ports > 1023",
                "FTP server's port 20 from ports > 1023",
                "FTP server's port 21 from anywhere",
                "FTP server's port 21 to ports > 1023",
                "FTP server's ports > 1023 from anywhere",
                "FTP server's ports > 1023 to remote ports > 1023"), words);
    }
}
