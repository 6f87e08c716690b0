package dev.ordersprofiles.bench;

import java.nio.file.Path;

/**
 * The AppCDS training run: the first invocation of each given function, one after the other, in one JVM (started
 * with -XX:ArchiveClassesAtExit), so that one archive holds the start-path classes of all of them.
 * Usage: {@code Train <handler class> <event.json> [<handler class> <event.json> ...]}.
 */
public final class Train {
    private Train() {
    }

    public static void main(String[] args) throws Exception {
        int worst = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            worst = Math.max(worst, LambdaSim.run(System.nanoTime(), args[i], Path.of(args[i + 1]), 1));
        }
        System.exit(worst >= 400 ? 2 : 0);
    }
}
