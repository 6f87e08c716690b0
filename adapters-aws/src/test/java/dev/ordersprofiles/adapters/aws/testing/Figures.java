package dev.ordersprofiles.adapters.aws.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/** Measured figures of the integration tests, printed and appended to target/aws-figures.txt for the report. */
public final class Figures {
    private static boolean started;

    private Figures() {
    }

    /** Prints {@code line} and appends it to target/aws-figures.txt, which each test JVM starts afresh. */
    public static synchronized void record(String line) {
        System.out.println("[figures] " + line);
        Path file = Paths.get("target", "aws-figures.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    started ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            started = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
