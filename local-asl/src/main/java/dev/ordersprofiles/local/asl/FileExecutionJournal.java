package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One append-only JSON-lines file per execution in a folder: a first line with the execution (name, ARN, the
 * definition it runs, its input, start date), then one line per history event, written to the OS as it is
 * appended (a killed JVM loses nothing; an OS crash may lose what the OS had not flushed). A line torn by a crash
 * is ignored on reading.
 */
public final class FileExecutionJournal implements ExecutionJournal {

    private final Path folder;
    private final Map<String, FileChannel> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private FileExecutionJournal(Path folder) {
        this.folder = folder;
    }

    /** A journal in {@code folder}, created if missing. */
    public static FileExecutionJournal inFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
        return new FileExecutionJournal(folder);
    }

    @Override
    public void appended(Execution execution, HistoryEvent event) {
        write(execution, event.id() == 1, Json.write(line(event)), closes(event.type()));
    }

    /** A note is a line of its own ({@code "note"} names its kind), skipped when the history is read. */
    @Override
    public void noted(Execution execution, ObjectNode note) {
        ObjectNode line = Json.object();
        line.put("note", note.path("note").asText("note"));
        line.setAll(note);
        write(execution, false, Json.write(line), false);
    }

    @Override
    public List<ObjectNode> notes(Execution execution) {
        List<ObjectNode> notes = new ArrayList<>();
        for (String text : lines(file(execution.arn()))) {
            try {
                if (Json.parse(text) instanceof ObjectNode line && line.has("note")) {
                    notes.add(line);
                }
            } catch (IllegalArgumentException torn) {
                break;
            }
        }
        return notes;
    }

    private void write(Execution execution, boolean first, String text, boolean last) {
        if (closed) {
            return; // stopping: what happens from now on is the shutdown's doing, not the execution's
        }
        try {
            FileChannel channel = open.get(execution.arn());
            StringBuilder lines = new StringBuilder(512);
            if (channel == null) {
                channel = FileChannel.open(file(execution.arn()), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                open.put(execution.arn(), channel);
                if (first) {
                    lines.append(Json.write(header(execution))).append('\n');
                }
            }
            lines.append(text).append('\n');
            ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            // Written through to the OS at once (a killed JVM loses nothing), not forced to the device: an fsync per
            // transition made a burst of 200 orders time out on a busy disk (measured in LocalStackIT).
            if (last) {
                open.remove(execution.arn());
                channel.close();
            }
        } catch (IOException e) {
            if (closed) {
                return;
            }
            throw new UncheckedIOException("cannot write the journal of " + execution.arn(), e);
        }
    }

    @Override
    public List<HistoryEvent> history(Execution execution) {
        Recorded recorded = read(file(execution.arn()));
        return recorded == null ? List.of() : recorded.history();
    }

    @Override
    public void forget(Execution execution) {
        try {
            FileChannel channel = open.remove(execution.arn());
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(file(execution.arn()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the journal of " + execution.arn(), e);
        }
    }

    @Override
    public List<Recorded> recorded() {
        List<Recorded> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.jsonl")) {
            for (Path file : files) {
                Recorded recorded = read(file);
                if (recorded != null) {
                    all.add(recorded);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
        return all;
    }

    @Override
    public void close() {
        closed = true;
        for (String arn : List.copyOf(open.keySet())) {
            FileChannel channel = open.remove(arn);
            try {
                channel.close();
            } catch (IOException e) {
                // closing a file we only appended to: nothing is lost
            }
        }
    }

    /** The events that close a run of an execution. */
    static boolean closes(String type) {
        return type.equals("ExecutionSucceeded") || type.equals("ExecutionFailed") || type.equals("ExecutionAborted")
                || type.equals("ExecutionTimedOut");
    }

    private Path file(String arn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".jsonl");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode header(Execution execution) {
        ObjectNode header = Json.object();
        header.put("arn", execution.arn());
        header.put("name", execution.name());
        header.put("stateMachineArn", execution.stateMachine().arn());
        header.put("definition", Json.write(execution.stateMachine().definition()));
        header.put("input", Json.write(execution.input()));
        header.put("startDate", execution.startDate().toEpochMilli());
        execution.mockTestCase().ifPresent(mocks -> header.set("mockTestCase", mocks.toJson()));
        execution.mapRunArn().ifPresent(mapRun -> header.put("mapRunArn", mapRun));
        return header;
    }

    private static ObjectNode line(HistoryEvent event) {
        ObjectNode line = Json.object();
        line.put("id", event.id());
        line.put("previous", event.previousEventId());
        line.put("at", event.timestamp().toEpochMilli());
        line.put("type", event.type());
        if (event.stateName() != null) {
            line.put("state", event.stateName());
        }
        line.put("visit", event.visitId());
        if (event.details() != null) {
            line.set("details", event.details());
        }
        return line;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Recorded read(Path file) {
        List<String> lines = lines(file);
        if (lines.isEmpty()) {
            return null;
        }
        JsonNode header;
        try {
            header = Json.parse(lines.get(0));
        } catch (IllegalArgumentException torn) {
            return null; // the process died while writing the first line: the start was never answered
        }
        List<HistoryEvent> history = new ArrayList<>(lines.size());
        for (String text : lines.subList(1, lines.size())) {
            JsonNode line;
            try {
                line = Json.parse(text);
            } catch (IllegalArgumentException torn) {
                break;
            }
            if (line.has("note")) {
                continue;
            }
            if (line.path("id").asLong() != history.size() + 1L) {
                break;
            }
            history.add(new HistoryEvent(line.get("id").asLong(), line.path("previous").asLong(),
                    Instant.ofEpochMilli(line.path("at").asLong()), line.path("type").asText(),
                    line.hasNonNull("state") ? line.get("state").asText() : null, line.path("visit").asLong(),
                    line.get("details") instanceof ObjectNode details ? details : Json.object()));
        }
        return new Recorded(header.path("arn").asText(), header.path("name").asText(),
                header.path("stateMachineArn").asText(), header.path("definition").asText(),
                header.path("input").asText(), Instant.ofEpochMilli(header.path("startDate").asLong()), history,
                header.hasNonNull("mockTestCase") ? MockTestCase.fromJson(header.get("mockTestCase")) : null,
                header.hasNonNull("mapRunArn") ? header.get("mapRunArn").asText() : null);
    }
}
