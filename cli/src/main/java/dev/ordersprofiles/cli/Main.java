package dev.ordersprofiles.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./orders-profiles}: the project's developer tool. Bad input is one line on stderr and exit status 2; a
 * failure of the service behind it (AWS, the local stack) is one line and exit status 1.
 */
@Command(name = "orders-profiles", mixinStandardHelpOptions = true,
        description = "Exports a table of the stack (AWS, or the local stack) and queries local exports with SQL.",
        subcommands = {ExportCommand.class, QueryCommand.class})
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line on the standard streams; the exit status. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs one command line writing to {@code out} and {@code err}; the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = new CommandLine(new Main()).setOut(out).setErr(err);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean badInput = e instanceof IllegalArgumentException;
            cmd.getErr().println("orders-profiles: " + message(e));
            return badInput ? 2 : 1;
        });
        return line.execute(args);
    }

    private static String message(Throwable e) {
        String text = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
