package dev.ftpsim.cli;

/** {@code ftpsim} with {@code serve} registered, as Main will have it, for tests that need a real process. */
final class ServeProcessMain {
    private ServeProcessMain() {}

    public static void main(final String[] args) {
        System.exit(Main.commandLine().execute(args));
    }
}
